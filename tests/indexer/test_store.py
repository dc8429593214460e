"""Index folders: atomic swap of CURRENT, readers reopening after it, and --changed updates."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from corpus.model import Section
from indexer.build import build_index, read_meta, update_index
from indexer.search import SearchIndex, SearchQuery, search
from indexer.store import POINTER_FILE, IndexStore, SearchIndexCache
from tests.indexer.conftest import small_laws


def _build(store: IndexStore, laws: list | None = None) -> Path:
    folder = store.new_folder()
    build_index(small_laws() if laws is None else laws, folder, procs=1)
    return folder


def test_no_index_yet(tmp_path: Path) -> None:
    store = IndexStore(tmp_path / "index")
    assert store.current() is None
    with pytest.raises(FileNotFoundError, match="lawportal index"):
        store.open()


def test_publish_swaps_the_pointer_and_prunes_old_builds(tmp_path: Path) -> None:
    store = IndexStore(tmp_path / "index")
    first = _build(store)
    store.publish(first)
    assert store.current() == first
    second = _build(store)
    assert store.current() == first  # building does not change what readers see
    store.publish(second)
    assert store.current() == second
    third = _build(store)
    store.publish(third, keep=2)
    assert not first.exists() and second.exists() and third.exists()
    assert (store.root / POINTER_FILE).read_text().strip() == third.name
    assert not list(store.root.glob(f".{POINTER_FILE}*"))


def test_publish_refuses_a_folder_outside_the_root(tmp_path: Path) -> None:
    store = IndexStore(tmp_path / "index")
    elsewhere = tmp_path / "elsewhere"
    build_index(small_laws(), elsewhere, procs=1)
    with pytest.raises(ValueError, match="not inside"):
        store.publish(elsewhere)


def test_build_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "file").write_text("keep me")
    with pytest.raises(ValueError, match="not empty"):
        build_index(small_laws(), tmp_path / "x", procs=1)
    assert (tmp_path / "x" / "file").read_text() == "keep me"


def test_cache_reopens_after_a_swap(tmp_path: Path) -> None:
    store = IndexStore(tmp_path / "index")
    store.publish(_build(store))
    cache = SearchIndexCache(store)
    first = cache.get()
    assert cache.get() is first
    laws = small_laws()
    laws[0] = dataclasses.replace(laws[0], title="พระราชบัญญัติโรงแรมและที่พัก พ.ศ. 2547")
    store.publish(_build(store, laws))
    second = cache.get()
    assert second is not first
    assert second.laws["100001"].title == "พระราชบัญญัติโรงแรมและที่พัก พ.ศ. 2547"


def test_update_reindexes_changed_laws_and_removes_missing_ones(tmp_path: Path) -> None:
    store = IndexStore(tmp_path / "index")
    original = _build(store)
    laws = small_laws()
    labour = laws[1]
    labour.sections.append(Section("119", "มาตรา ๑๑๙", "นายจ้างไม่ต้องจ่ายค่าชดเชยให้แก่ลูกจ้างซึ่งทุจริตต่อหน้าที่"))
    del laws[3]  # the old hotel act is gone
    updated = store.new_folder()
    stats = update_index(original, updated, laws)
    assert stats.changed == ["100002"]
    assert stats.removed == ["100004"]
    assert read_meta(updated)["engine"] == read_meta(original)["engine"]
    index = SearchIndex(updated)
    assert "100004" not in index.laws
    assert "100002/119" in [hit.id for hit in search(index, SearchQuery("ทุจริตต่อหน้าที่")).hits]
    assert all(hit.law != "100004" for hit in search(index, SearchQuery("โรงแรม")).hits)
    old = SearchIndex(original)
    assert "100004" in old.laws  # the published index is untouched until the swap
    index.close()
    old.close()


def test_unknown_engine_is_refused_before_building(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown Thai segmentation engine"):
        build_index(small_laws(), tmp_path / "x", engine="icu")
    assert not (tmp_path / "x").exists()
