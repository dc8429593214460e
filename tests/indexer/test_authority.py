"""The authority of a law: how many other laws cite it, and whether a later law repealed it."""

from __future__ import annotations

import json
from pathlib import Path

from corpus.model import Law, Section
from indexer.authority import (
    AUTHORITY_FILE,
    LawAuthority,
    compute_authority,
    read_authority,
    repealed_titles,
)
from indexer.build import build_index, update_index
from indexer.search import SearchIndex, SearchQuery, search

TITLES = {
    "1": "ประมวลกฎหมายอาญา",
    "2": "พระราชบัญญัติศุลกากร พุทธศักราช 2469",
    "3": "พระราชบัญญัติศุลกากร พ.ศ. 2560",
    "4": "พระราชบัญญัติโรงงาน พ.ศ. 2535",
}


def test_repealed_titles_reads_the_list_of_a_repealing_section() -> None:
    text = "ให้ยกเลิก (๑) พระราชบัญญัติศุลกากร พุทธศักราช ๒๔๖๙ (๒) พระราชบัญญัติศุลกากรแก้ไขเพิ่มเติม (ฉบับที่ ๑) พุทธศักราช ๒๔๗๑"
    assert repealed_titles(text)[0] == "พระราชบัญญัติศุลกากร พุทธศักราช ๒๔๖๙"
    assert repealed_titles("อธิบดีมีอำนาจสั่งยกเลิกคำสั่งพักใช้ใบอนุญาต") == []


def test_citations_count_other_laws_once_each() -> None:
    sections = [
        ("3", 5, "ให้ลงโทษตามมาตรา ๓๓๔ แห่งประมวลกฎหมายอาญา"),
        ("3", 6, "และตามมาตรา ๓๓๕ แห่งประมวลกฎหมายอาญา"),
        ("4", 9, "ผู้ใดกระทำผิดตามมาตรา ๓๔๑ แห่งประมวลกฎหมายอาญา"),
        ("1", 9, "ตามมาตรา ๓๓๔ แห่งประมวลกฎหมายอาญา"),  # a law citing itself does not count
    ]
    authority = compute_authority(sections, TITLES)
    assert authority.cited_by == {"1": 2}
    assert authority.prior("1") > authority.prior("4") == 1.0


def test_a_repeal_by_exact_title_and_year_supersedes_the_older_law() -> None:
    sections = [("3", 3, "ให้ยกเลิก (๑) พระราชบัญญัติศุลกากร พุทธศักราช ๒๔๖๙ (๒) พระราชบัญญัติโรงงาน พ.ศ. ๒๕๑๒")]
    authority = compute_authority(sections, TITLES, not_current=["4"])
    # The factory act of 2512 is not in the corpus: the one of 2535 is not repealed by that line.
    assert authority.repealed_by == {"2": "3"}
    assert authority.is_superseded("2") and authority.is_superseded("4")
    assert not authority.is_superseded("3")


def test_a_repeal_late_in_an_act_is_not_read_as_one() -> None:
    sections = [("3", 40, "ให้ยกเลิกพระราชบัญญัติศุลกากร พุทธศักราช ๒๔๖๙")]
    assert compute_authority(sections, TITLES).repealed_by == {}


def test_authority_round_trips_through_the_index_folder(tmp_path: Path) -> None:
    authority = LawAuthority(cited_by={"1": 3}, repealed_by={"2": "3"}, not_current=frozenset({"4"}))
    (tmp_path / AUTHORITY_FILE).write_text(json.dumps(authority.as_json()), encoding="utf-8")
    assert read_authority(tmp_path) == authority
    assert read_authority(tmp_path / "missing") == LawAuthority()


def _customs_laws() -> list[Law]:
    old = Law(
        sysid="200001",
        title="พระราชบัญญัติศุลกากร พุทธศักราช 2469",
        law_type="พระราชบัญญัติ",
        year_be=2469,
        sections=[Section("27", "มาตรา ๒๗", "ผู้ใดนำของเข้ามาโดยหลีกเลี่ยงอากร ลักลอบหนีศุลกากร ต้องระวางโทษ")],
    )
    new = Law(
        sysid="200002",
        title="พระราชบัญญัติศุลกากร พ.ศ. 2560",
        law_type="พระราชบัญญัติ",
        year_be=2560,
        sections=[
            Section("3", "มาตรา ๓", "ให้ยกเลิก (๑) พระราชบัญญัติศุลกากร พุทธศักราช ๒๔๖๙"),
            Section("242", "มาตรา ๒๔๒", "ผู้ใดนำของเข้ามาโดยหลีกเลี่ยงอากร ลักลอบหนีศุลกากร ต้องระวางโทษ"),
        ],
    )
    return [old, new]


def test_the_build_writes_the_authority_and_search_puts_the_successor_first(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    build_index(_customs_laws(), folder, procs=1)
    assert read_authority(folder).repealed_by == {"200001": "200002"}
    index = SearchIndex(folder)
    try:
        laws = [hit.law for hit in search(index, SearchQuery("ลักลอบหนีศุลกากร")).hits]
    finally:
        index.close()
    assert laws[:2] == ["200002", "200001"]


def test_an_update_recounts_the_authority(tmp_path: Path) -> None:
    old, new = _customs_laws()
    build_index([old], tmp_path / "first", procs=1)
    assert read_authority(tmp_path / "first").repealed_by == {}
    update_index(tmp_path / "first", tmp_path / "second", [old, new])
    assert read_authority(tmp_path / "second").repealed_by == {"200001": "200002"}
