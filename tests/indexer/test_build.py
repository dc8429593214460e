"""The build leaves a complete folder: the Whoosh indexes and, from the same sections, the law-text matrix."""

from __future__ import annotations

from pathlib import Path

from indexer.build import build_index, update_index
from indexer.lawtext import LAW_TEXT_FILE, LawTextMatrix
from tests.indexer.conftest import small_laws


def _matrix(folder: Path) -> LawTextMatrix:
    return LawTextMatrix.load(folder / LAW_TEXT_FILE)


def test_the_build_writes_the_law_text_matrix_of_its_own_sections(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    laws = small_laws()
    build_index(laws, folder, procs=1)
    matrix = _matrix(folder)
    sections = {f"{law.sysid}/{s.number}" for law in laws for s in law.sections}
    assert sections <= set(matrix.section_ids)
    assert all(sid.endswith("/0") for sid in set(matrix.section_ids) - sections), "the rest are preambles"
    hits = matrix({"ใบอนุญาต": 1.0, "โรงแรม": 1.0}, 3)
    assert hits and hits[0].law == "100001"


def test_an_update_rewrites_the_matrix_with_the_laws_it_now_holds(tmp_path: Path) -> None:
    laws = small_laws()
    first, *others = laws
    build_index(others, tmp_path / "first", procs=1)
    assert first.sysid not in _matrix(tmp_path / "first").law_ids
    update_index(tmp_path / "first", tmp_path / "second", laws)
    assert first.sysid in _matrix(tmp_path / "second").law_ids
    assert _matrix(tmp_path / "second")({"โรงแรม": 1.0}, 1)[0].law == first.sysid


def test_the_store_keeps_how_often_a_law_cites_its_own_sections(tmp_path: Path) -> None:
    import sqlite3

    from corpus.model import Section
    from indexer.lawtext import count_references, stored_reference_counts

    laws = small_laws()
    hotel = laws[0]
    hotel.sections.append(Section("59", "มาตรา ๕๙", "ผู้ใดฝ่าฝืนมาตรา ๑๕ หรือมาตรา ๑๖ ต้องระวางโทษจำคุกไม่เกินหนึ่งปี"))
    build_index(laws, tmp_path / "index", procs=1)
    connection = sqlite3.connect(tmp_path / "index" / "store.sqlite")
    try:
        counted = count_references(connection.execute("SELECT id, law, text FROM sections"))
        assert counted == {f"{hotel.sysid}/15": 1, f"{hotel.sysid}/16": 1}
        assert stored_reference_counts(connection) == counted
        connection.execute("ALTER TABLE sections DROP COLUMN cited_within")  # a store from before the column
        assert stored_reference_counts(connection) == counted
    finally:
        connection.close()
