"""Reading precedents files: every bad line is named with its file and line, and nothing is accepted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.precedents import PrecedentFileError, parse_precedent_lines, read_precedents

SHARED = Path(__file__).resolve().parents[3] / "shared"
CASE_FACTS = SHARED / "eval" / "case-facts-dev.jsonl"
KNOWN = {"443287/288", "443287/80", "443287/83", "443287/335ทวิ", "443287/135/1"}


def _line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_reads_native_and_eval_shapes_with_canonical_ids() -> None:
    lines = [
        _line(
            id="c-1",
            facts="จำเลยใช้อาวุธปืนยิงผู้ตาย",
            sections=["443287/๒๘๘", "443287/80"],
            court="ศาลฎีกา",
            case_number="1234/2560",
            year=2560,
            source_url="https://example.org/1",
        ),
        "",
        _line(id="q-2", query="จำเลยลักทรัพย์", gold=["443287/335 ทวิ"]),
    ]
    precedents = parse_precedent_lines(lines, "cases.jsonl", KNOWN.__contains__)
    assert [p.id for p in precedents] == ["c-1", "q-2"]
    assert precedents[0].sections == ("443287/288", "443287/80")
    assert precedents[0].year == 2560 and precedents[0].court == "ศาลฎีกา"
    assert precedents[0].origin == "cases.jsonl:1"
    assert precedents[1].facts == "จำเลยลักทรัพย์"
    assert precedents[1].sections == ("443287/335ทวิ",)
    assert precedents[1].origin == "cases.jsonl:3"


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        (_line(id="x", sections=["443287/288"]), "missing facts"),
        (_line(id="x", facts="   ", sections=["443287/288"]), "missing facts"),
        (_line(id="x", facts="ข้อเท็จจริง"), "missing sections"),
        (_line(id="x", facts="ข้อเท็จจริง", sections=[]), "missing sections"),
        (_line(id="x", facts="ข้อเท็จจริง", sections=["443287/9999"]), "443287/9999 is not in the corpus"),
        (_line(id="x", facts="ข้อเท็จจริง", sections=["มาตรา 288"]), "malformed section id"),
        (_line(id="x", facts="ข้อเท็จจริง", sections=[288]), "not a string"),
        (_line(id="a/b", facts="ข้อเท็จจริง", sections=["443287/288"]), "unusable id"),
        (_line(facts="ข้อเท็จจริง", sections=["443287/288"]), "unusable id"),
        (_line(id="x", facts="ข้อเท็จจริง", sections=["443287/288"], year="2560"), "year"),
        (_line(id="c-1", facts="ซ้ำ", sections=["443287/288"]), "repeats line 1"),
    ],
)
def test_a_bad_line_is_named_and_rejects_the_whole_file(bad_line: str, reason: str) -> None:
    good = _line(id="c-1", facts="จำเลยใช้อาวุธปืนยิงผู้ตาย", sections=["443287/288"])
    with pytest.raises(PrecedentFileError) as caught:
        parse_precedent_lines([good, "", bad_line], "bad.jsonl", KNOWN.__contains__)
    assert len(caught.value.errors) == 1
    error = caught.value.errors[0]
    assert (error.path, error.line) == ("bad.jsonl", 3)
    assert reason in error.message
    assert "bad.jsonl:3:" in str(caught.value) and "nothing loaded" in str(caught.value)


def test_every_bad_line_is_reported_at_once() -> None:
    lines = ["{", _line(id="c-1", facts="x", sections=["443287/288"]), "{", _line(id="c-2", facts="")]
    with pytest.raises(PrecedentFileError) as caught:
        parse_precedent_lines(lines, "f.jsonl", KNOWN.__contains__)
    assert [error.line for error in caught.value.errors] == [1, 3, 4]


def test_an_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(PrecedentFileError, match="no precedents"):
        read_precedents(path)


def test_a_file_that_is_not_utf8_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.jsonl"
    path.write_bytes(b'{"id": "x", "facts": "\xe0\xb8", "sections": ["443287/288"]}\n\xff\xfe')
    with pytest.raises(PrecedentFileError, match="not UTF-8"):
        read_precedents(path)


def test_reads_the_real_case_facts_file() -> None:
    if not CASE_FACTS.exists():
        pytest.skip(f"real precedents not found at {CASE_FACTS}")
    precedents = read_precedents(CASE_FACTS)
    assert len(precedents) == 477
    assert all(p.facts and p.sections for p in precedents)
    assert all(section.startswith("443287/") for p in precedents for section in p.sections)
    assert len({p.id for p in precedents}) == 477
