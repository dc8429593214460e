"""Index fixtures: a tiny hand-written corpus built per module, the real corpus built once per run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus.model import Division, Law, Section
from corpus.precedents import Precedent, read_precedents
from indexer.build import build_index
from indexer.lawtext import LawTextMatrix
from indexer.precedents import PrecedentModel
from indexer.search import SearchIndex
from indexer.store import IndexStore


def small_laws() -> list[Law]:
    """Four short laws that exercise titles, divisions, sub-numbered sections and filters."""
    hotel = Law(
        sysid="100001",
        title="พระราชบัญญัติโรงแรม พ.ศ. 2547",
        law_type="พระราชบัญญัติ",
        groups=("ธุรกิจ และพาณิชยกรรม",),
        year_be=2547,
        preamble="โดยที่เป็นการสมควรปรับปรุงกฎหมายว่าด้วยโรงแรม",
        divisions=[Division("หมวด", "2", "การประกอบธุรกิจโรงแรม", level=3)],
        sections=[
            Section("1", "มาตรา ๑", "พระราชบัญญัตินี้เรียกว่า “พระราชบัญญัติโรงแรม พ.ศ. ๒๕๔๗”"),
            Section("15", "มาตรา ๑๕", "ห้ามมิให้ผู้ใดประกอบธุรกิจโรงแรมโดยไม่ได้รับใบอนุญาตจากนายทะเบียน", division=0),
            Section("16", "มาตรา ๑๖", "ผู้ใดประสงค์จะประกอบธุรกิจโรงแรมให้ยื่นคำขอรับใบอนุญาตต่อนายทะเบียน", division=0),
        ],
    )
    labour = Law(
        sysid="100002",
        title="พระราชบัญญัติคุ้มครองแรงงาน พ.ศ. 2541",
        law_type="พระราชบัญญัติ",
        groups=("แรงงาน",),
        year_be=2541,
        sections=[
            Section("1", "มาตรา ๑", "พระราชบัญญัตินี้เรียกว่า “พระราชบัญญัติคุ้มครองแรงงาน พ.ศ. ๒๕๔๑”"),
            Section("118", "มาตรา ๑๑๘", "ให้นายจ้างจ่ายค่าชดเชยให้แก่ลูกจ้างซึ่งเลิกจ้าง ลูกจ้างซึ่งทำงานติดต่อกันครบหนึ่งร้อยยี่สิบวัน"),
            Section("118/1", "มาตรา ๑๑๘/๑", "ลูกจ้างซึ่งทำงานติดต่อกันครบยี่สิบปีขึ้นไปได้รับค่าชดเชยเพิ่ม"),
        ],
    )
    criminal = Law(
        sysid="100003",
        title="ประมวลกฎหมายอาญา",
        law_type="ประมวลกฎหมาย",
        groups=("ศาล และกระบวนการยุติธรรม",),
        sections=[
            Section("288", "มาตรา ๒๘๘", "ผู้ใดฆ่าผู้อื่น ต้องระวางโทษประหารชีวิต จำคุกตลอดชีวิต หรือจำคุกตั้งแต่สิบห้าปีถึงยี่สิบปี"),
            Section("334", "มาตรา ๓๓๔", "ผู้ใดเอาทรัพย์ของผู้อื่นไปโดยทุจริต ผู้นั้นกระทำความผิดฐานลักทรัพย์"),
            Section("335ทวิ", "มาตรา ๓๓๕ ทวิ", "ถ้าการลักทรัพย์เป็นการลักทรัพย์ที่เป็นพระพุทธรูป"),
            Section("341", "มาตรา ๓๔๑", "ผู้ใดโดยทุจริต หลอกลวงผู้อื่นด้วยการแสดงข้อความอันเป็นเท็จ ผู้นั้นกระทำความผิดฐานฉ้อโกง"),
        ],
    )
    old_hotel = Law(
        sysid="100004",
        title="พระราชบัญญัติโรงแรม พุทธศักราช 2478",
        law_type="พระราชบัญญัติ",
        groups=("ธุรกิจ และพาณิชยกรรม",),
        year_be=2478,
        is_current=False,
        sections=[Section("3", "มาตรา ๓", "โรงแรม หมายความว่า สถานที่ทุกชนิดที่จัดตั้งขึ้นเพื่อรับสินจ้าง")],
    )
    return [hotel, labour, criminal, old_hotel]


@pytest.fixture(scope="module")
def small_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("small") / "index"
    build_index(small_laws(), folder, procs=1)
    return folder


@pytest.fixture(scope="module")
def small_index(small_index_dir: Path) -> Iterator[SearchIndex]:
    index = SearchIndex(small_index_dir)
    yield index
    index.close()


@pytest.fixture(scope="session")
def real_index_dir(real_index_root: Path) -> Path:
    """The whole real corpus indexed once per test run (the suite's shared ``real_index_root``)."""
    folder = IndexStore(real_index_root).current()
    assert folder is not None
    return folder


@pytest.fixture(scope="session")
def real_index(real_index_dir: Path) -> Iterator[SearchIndex]:
    index = SearchIndex(real_index_dir)
    yield index
    index.close()


# --- the real precedents and the situation search's parts, fitted once per run ----------------------


@pytest.fixture(scope="session")
def real_precedents(case_facts_path: Path) -> list[Precedent]:
    return read_precedents(case_facts_path)


@pytest.fixture(scope="session")
def corpus_sections(real_laws: list[Law]) -> dict[str, str]:
    """Canonical section id -> text, for every section of the real corpus."""
    return {f"{law.sysid}/{s.number}": s.text for law in real_laws for s in law.sections}


@pytest.fixture(scope="session")
def precedent_model(real_precedents: list[Precedent], corpus_sections: dict[str, str]) -> PrecedentModel:
    """The model of all 477 real precedents (fitting takes tens of seconds: once per run)."""
    return PrecedentModel(real_precedents, corpus_sections)


@pytest.fixture(scope="session")
def law_text(real_index_dir: Path) -> LawTextMatrix:
    return LawTextMatrix.from_index(real_index_dir)
