"""One table for the one normalisation: every rule, with what a user types and what the text says."""

from __future__ import annotations

import pytest

from indexer.normalize import LAW_TYPE_ABBREVIATIONS, SPELLING_VARIANTS, normalize_text

CASES = [
    # (typed, normalised, rule)
    ("มาตรา ๓๓๕", "มาตรา 335", "Thai digits become Arabic"),
    ("กฎ\u200bหมาย", "กฎหมาย", "zero-width space removed"),
    ("\ufeffกฎหมาย\u00ad", "กฎหมาย", "BOM and soft hyphen removed"),
    ("น\u0e49\u0e4d\u0e32", "น\u0e49\u0e33", "sara am typed as nikhahit + sara aa"),
    ("นํ้า", "น้ำ", "sara am typed before the tone mark"),
    ("ก\u0e48\u0e35", "ก\u0e35\u0e48", "tone mark typed before the upper vowel"),
    ("กี่่", "กี่", "a tone mark typed twice"),
    ("สีี", "สี", "an upper vowel typed twice"),
    ("มาา", "มา", "sara aa typed twice"),
    ("เเละ", "และ", "two sara e typed for sara ae"),
    ("ABC Act", "abc act", "Latin is lower-cased"),
    ("กฏหมาย", "กฎหมาย", "misspelling กฏ for กฎ in กฎหมาย"),
    ("ปรากฏ", "ปรากฏ", "the correct ปรากฏ keeps its ฏ"),
    ("ปรากฎ", "ปรากฏ", "misspelling ปรากฎ"),
    ("อนุญาติ", "อนุญาต", "misspelling อนุญาติ"),
    ("ลิขสิทธ์", "ลิขสิทธิ์", "misspelling ลิขสิทธ์"),
    ("ลิขสิทธิ์", "ลิขสิทธิ์", "the correct ลิขสิทธิ์ is untouched"),
    ("พรบ คอมพิวเตอร์", "พระราชบัญญัติ คอมพิวเตอร์", "พรบ without dots"),
    ("พ.ร.บ.จราจร", "พระราชบัญญัติจราจร", "พ.ร.บ. with dots"),
    ("พ.ร.ก.", "พระราชกำหนด", "พ.ร.ก."),
    ("ค.ศ. 2004", "พ.ศ. 2547", "a Christian-era year becomes Buddhist-era"),
    ("ก\x00ข\x07ค", "ก ข ค", "control characters become spaces"),
    ("ก\u00a0\u3000ข\n\tค", "ก ข ค", "every kind of space is one space"),
]


@pytest.mark.parametrize(("typed", "expected", "rule"), CASES, ids=[case[2] for case in CASES])
def test_normalize_text(typed: str, expected: str, rule: str) -> None:
    assert normalize_text(typed) == expected, rule


def test_normalize_is_idempotent() -> None:
    for typed, _, _ in CASES:
        once = normalize_text(typed)
        assert normalize_text(once) == once


@pytest.mark.parametrize("wrong", sorted(SPELLING_VARIANTS))
def test_no_spelling_key_occurs_in_its_own_correction(wrong: str) -> None:
    """A key inside its correction would be replaced again on the next pass (and in the index)."""
    assert wrong not in SPELLING_VARIANTS[wrong]
    assert normalize_text(SPELLING_VARIANTS[wrong]) == SPELLING_VARIANTS[wrong]


def test_abbreviations_expand_to_law_type_words() -> None:
    assert set(LAW_TYPE_ABBREVIATIONS.values()) == {"พระราชบัญญัติ", "พระราชกำหนด", "พระราชกฤษฎีกา"}
