"""Citations in every form a citizen writes them resolve to one canonical section id."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.citations import Citation, parse_citation
from indexer.lawnames import Alias, LawNames

TITLES = [
    ("443287", "ประมวลกฎหมายอาญา", True),
    ("567410", "ประมวลกฎหมายแพ่งและพาณิชย์", True),
    ("570066", "ประมวลกฎหมายวิธีพิจารณาความอาญา", True),
    ("570093", "ประมวลกฎหมายวิธีพิจารณาความแพ่ง", True),
    ("774606", "รัฐธรรมนูญแห่งราชอาณาจักรไทย", True),
    ("642571", "พระราชบัญญัติคุ้มครองแรงงาน พ.ศ. 2541", True),
    ("556460", "พระราชบัญญัติว่าด้วยการกระทำความผิดเกี่ยวกับคอมพิวเตอร์ พ.ศ. 2550", True),
    ("570840", "พระราชบัญญัติจราจรทางบก พ.ศ. 2522", True),
    ("594179", "พระราชบัญญัติศุลกากร พุทธศักราช 2469", True),
    ("776904", "พระราชบัญญัติศุลกากร พ.ศ. 2560", True),
]
ALIASES = [
    Alias("ป.อ.", "443287", ""),
    Alias("ป.พ.พ.", "567410", ""),
    Alias("ป.วิ.อ.", "570066", ""),
    Alias("ป.วิ.พ.", "570093", ""),
    Alias("รัฐธรรมนูญ", "774606", ""),
    Alias("พ.ร.บ.คอมพิวเตอร์", "556460", ""),
    Alias("พ.ร.บ.จราจร", "570840", ""),
]


@pytest.fixture(scope="module")
def names() -> LawNames:
    return LawNames.from_rows(TITLES, ALIASES)


@pytest.mark.parametrize(
    ("query", "section_id", "rest"),
    [
        ("ป.พ.พ. ม.420", "567410/420", ""),
        ("ป.พ.พ.ม.420", "567410/420", ""),
        ("ปพพ 420", "567410/420", ""),
        ("ม.1336 ป.พ.พ.", "567410/1336", ""),
        ("มาตรา ๓๔๑ ประมวลกฎหมายอาญา", "443287/341", ""),
        ("มาตรา 341 ประมวลกฏหมายอาญา", "443287/341", ""),
        ("รัฐธรรมนูญ มาตรา 77", "774606/77", ""),
        ("มาตรา 77 รัฐธรรมนูญ 2560", "774606/77", ""),
        ("พ.ร.บ.คุ้มครองแรงงาน มาตรา 118", "642571/118", ""),
        ("คุ้มครองแรงงาน มาตรา ๑๑๘", "642571/118", ""),
        ("มาตรา 420 แห่งประมวลกฎหมายแพ่งและพาณิชย์", "567410/420", ""),
        ("ป.วิ.อ. มาตรา 134/1", "570066/134/1", ""),
        ("ป.วิ.อ. ม. ๑๓๔ / ๑ วรรคสอง", "570066/134/1", ""),
        ("มาตรา 335 ทวิ ป.อ.", "443287/335ทวิ", ""),
        ("มาตรา ๓๓๕ทวิ ประมวลกฎหมายอาญา", "443287/335ทวิ", ""),
        ("ป.อ. มาตรา 335 ตรี", "443287/335ตรี", ""),
        ("พรบ คอมพิวเตอร์ มาตรา 14 (1)", "556460/14", ""),
        ("ป.อ. ม.341 ฉ้อโกง", "443287/341", "ฉ้อโกง"),
        ("พ.ร.บ.ศุลกากร พ.ศ. 2469 มาตรา 27", "594179/27", ""),
        ("พ.ร.บ.ศุลกากร มาตรา 27", "776904/27", ""),
        ("มาตรา 9999 ป.อ.", "443287/9999", ""),  # parsed; the search says it does not exist
    ],
)
def test_citation(names: LawNames, query: str, section_id: str, rest: str) -> None:
    citation = parse_citation(query, names)
    assert citation is not None
    assert citation.section_id == section_id
    assert citation.rest == rest
    assert citation.law_title == names.title(section_id.split("/")[0])


@pytest.mark.parametrize(
    ("query", "number", "rest"),
    [
        ("มาตรา 135/1", "135/1", ""),
        ("มาตรา 335 ทวิ", "335ทวิ", ""),
        ("ม.420 ละเมิด", "420", "ละเมิด"),
        ("มาตรา 5 ฉบับนี้", "5", "ฉบับนี้"),  # ฉ of ฉบับ is not the suffix ฉ
    ],
)
def test_citation_without_a_law(names: LawNames, query: str, number: str, rest: str) -> None:
    assert parse_citation(query, names) == Citation(None, number, rest, None)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "ค่าชดเชยเมื่อนายจ้างเลิกจ้าง",
        "พ.ร.บ.คุ้มครองแรงงาน",
        "พ.ร.บ.คุ้มครองแรงงาน พ.ศ. 2541",  # a year, not a section
        "ข้อ 5",  # a clause of no named law is just words
        "ข้อมูล 5 ป.อ.",
        "ภาษี 2,000 บาท",
        "มาตรา",
        "มาตรา abc",
        "ม.ค. 2560",
    ],
)
def test_not_a_citation(names: LawNames, query: str) -> None:
    assert parse_citation(query, names) is None


def test_clause_of_a_named_law(names: LawNames) -> None:
    citation = parse_citation("ข้อ 5 ป.อ.", names)
    assert citation is not None and citation.section_id == "443287/5"


@given(st.text(max_size=200))
def test_any_text_parses_or_returns_none(text: str) -> None:
    names = LawNames.from_rows(TITLES, ALIASES)
    citation = parse_citation(text, names)
    if citation is not None:
        assert citation.number
        assert citation.sysid is None or citation.sysid in names.entries


@given(
    st.from_regex(
        r"(มาตรา|ม\.) ?[0-9๐-๙]{1,4}( ?/ ?[0-9]{1,2})? ?(ทวิ|ตรี)? ?(ป\.อ\.|ป\.พ\.พ\.)?", fullmatch=True
    )
)
def test_generated_citations_always_parse(text: str) -> None:
    citation = parse_citation(text, LawNames.from_rows(TITLES, ALIASES))
    assert citation is not None


# --- on the real corpus -------------------------------------------------------------------------

ISSUE_EXAMPLES = [
    ("ป.พ.พ. ม.420", "567410/420"),
    ("มาตรา ๓๔๑ ประมวลกฎหมายอาญา", "443287/341"),
    ("รัฐธรรมนูญ มาตรา 77", "774606/77"),
    ("พ.ร.บ.คุ้มครองแรงงาน มาตรา 118", "642571/118"),
    ("ม.1336 ป.พ.พ.", "567410/1336"),
    ("ป.วิ.อ. มาตรา 134/1", "570066/134/1"),
    ("มาตรา 335 ทวิ ป.อ.", "443287/335ทวิ"),
    ("ป.วิ.พ. มาตรา 55", "570093/55"),
    ("พ.ร.บ.จราจร มาตรา 43", "570840/43"),
    ("พรบ คอมพิวเตอร์ มาตรา 14", "556460/14"),
]


@pytest.fixture(scope="module")
def real_names(real_laws: list) -> LawNames:
    return LawNames.from_rows((law.sysid, law.title, law.is_current) for law in real_laws)


@pytest.mark.realcorpus
@pytest.mark.parametrize(("query", "section_id"), ISSUE_EXAMPLES)
def test_issue_citations_name_real_sections(
    real_laws: list, real_names: LawNames, query: str, section_id: str
) -> None:
    citation = parse_citation(query, real_names)
    assert citation is not None and citation.section_id == section_id
    sections = {
        f"{law.sysid}/{s.number}" for law in real_laws if law.sysid == citation.sysid for s in law.sections
    }
    assert section_id in sections, f"{section_id} is not a section of the parsed corpus"
