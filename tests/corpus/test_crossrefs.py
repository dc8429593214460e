"""Cross-references inside section texts: found with their spans, resolved to section ids."""

from __future__ import annotations

import pytest

from corpus.crossrefs import Reference, find_references, resolve_reference

TITLES = {
    "ประมวลกฎหมายแพ่งและพาณิชย์": "567410",
    "ประมวลกฎหมายอาญา": "443287",
    "พระราชบัญญัติโรงแรม พ.ศ. 2547": "9100010",
    "พระราชบัญญัติการเดินเรือในน่านน้ำไทย พระพุทธศักราช 2456": "9100011",
    "รัฐธรรมนูญแห่งราชอาณาจักรไทย": "774606",
}


def found(text: str) -> list[tuple[str, str | None, str]]:
    return [(ref.number, ref.law_title, text[ref.start : ref.end]) for ref in find_references(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ผู้ใดกระทำความผิดตามมาตรา ๓๓๕ ต้องระวางโทษ", [("335", None, "มาตรา ๓๓๕")]),
        ("ตามมาตรา ๓๓๕ ทวิ ต้องระวางโทษ", [("335ทวิ", None, "มาตรา ๓๓๕ ทวิ")]),
        ("ตามมาตรา ๑๓๕/๑ แห่งประมวลกฎหมายนี้", [("135/1", None, "มาตรา ๑๓๕/๑")]),
        ("ตามมาตรา ๘๓ และมาตรา ๘๔", [("83", None, "มาตรา ๘๓"), ("84", None, "มาตรา ๘๔")]),
        ("ตามมาตรา ๘๓ หรือ ๘๔ ให้", [("83", None, "มาตรา ๘๓"), ("84", None, "๘๔")]),
        ("ให้นำมาตรา ๑๐ ถึงมาตรา ๑๒ มาใช้บังคับ", [("10", None, "มาตรา ๑๐"), ("12", None, "มาตรา ๑๒")]),
        (
            "ให้นำประมวลกฎหมายแพ่งและพาณิชย์ มาตรา 420 มาใช้บังคับ",
            [("420", "ประมวลกฎหมายแพ่งและพาณิชย์", "มาตรา 420")],
        ),
        (
            "ต้องรับผิดตามมาตรา ๔๒๐ แห่งประมวลกฎหมายแพ่งและพาณิชย์ ด้วย",
            [("420", "ประมวลกฎหมายแพ่งและพาณิชย์", "มาตรา ๔๒๐")],
        ),
        (
            "ตามมาตรา ๓ (๑) และ (๒) หรือมาตรา ๕ วรรคสอง แห่งพระราชบัญญัติโรงแรม พ.ศ. ๒๕๔๗ ให้",
            [
                ("3", "พระราชบัญญัติโรงแรม พ.ศ. ๒๕๔๗", "มาตรา ๓"),
                ("5", "พระราชบัญญัติโรงแรม พ.ศ. ๒๕๔๗", "มาตรา ๕"),
            ],
        ),
        ("ความผิดตามพระราชบัญญัตินี้หรือตามมาตรา ๕ ให้", [("5", None, "มาตรา ๕")]),
        ("ไม่มีการอ้างถึงมาตราใดเลย", []),
    ],
)
def test_find_references(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    assert found(text) == expected


def test_a_suffix_word_must_end_its_word() -> None:
    assert found("ตามมาตรา ๕ ทวิภาคี") == [("5", None, "มาตรา ๕")]
    assert found("ตามมาตรา ๕ ทวิแห่งประมวลกฎหมายนี้") == [("5ทวิ", None, "มาตรา ๕ ทวิ")]


def resolve(text: str) -> list[str | None]:
    return [resolve_reference(ref, "9100001", TITLES) for ref in find_references(text)]


def test_resolve_same_law_and_named_laws() -> None:
    assert resolve("ตามมาตรา ๑๓๕/๑ แห่งประมวลกฎหมายนี้") == ["9100001/135/1"]
    assert resolve("ตามมาตรา ๔๒๐ แห่งประมวลกฎหมายแพ่งและพาณิชย์ให้") == ["567410/420"]  # the text runs on
    assert resolve("มาตรา ๕ แห่งพระราชบัญญัติโรงแรม พ.ศ. ๒๕๔๗") == ["9100010/5"]
    assert resolve("มาตรา ๕ แห่งพระราชบัญญัติโรงแรม ให้") == ["9100010/5"]  # without its year
    assert resolve("มาตรา ๗ แห่งพระราชบัญญัติการเดินเรือในน่านน้ำไทย ให้") == ["9100011/7"]
    assert resolve("ตามมาตรา ๒๘ ของรัฐธรรมนูญ ให้") == ["774606/28"]  # a short name of one law
    assert resolve("มาตรา ๕ แห่งพระราชบัญญัติที่ไม่มีในคลัง ให้") == [None]


def test_reference_is_a_value() -> None:
    assert Reference(start=0, end=9, number="335") == Reference(0, 9, "335", None)
