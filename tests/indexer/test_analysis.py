"""The Thai analyzer: segmentation, term cleaning, the legal-terms dictionary, pickling, engines."""

from __future__ import annotations

import pickle

import pytest
from whoosh.analysis import Tokenizer
from whoosh.fields import TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.formats import Frequency

from indexer.analysis import ENGINES, ThaiTokenizer, analyze, check_engine, load_legal_terms
from indexer.schema import PretokenizedText


@pytest.mark.parametrize("engine", ENGINES)
def test_segments_thai_into_words(engine: str) -> None:
    assert analyze("ค่าชดเชยเมื่อนายจ้างเลิกจ้าง", engine) == ["ค่าชดเชย", "เมื่อ", "นายจ้าง", "เลิกจ้าง"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("มาตรา ๓๓๕ ทวิ", ["มาตรา", "335", "ทวิ"]),
        ("ราคา ๑,๐๐๐ บาท", ["ราคา", "1000", "บาท"]),
        ("(๑) ม.118", ["1", "ม", "118"]),
        ("... ; !!", []),
        ("Computer ACT", ["computer", "act"]),
    ],
)
def test_terms_are_normalised_and_stripped_of_punctuation(text: str, expected: list[str]) -> None:
    assert analyze(text) == expected


def test_index_and_query_forms_meet() -> None:
    """What a user types with Thai digits, a typo or no dots gives the terms of the official text."""
    assert analyze("กฏหมาย มาตรา ๑๒") == analyze("กฎหมาย มาตรา 12")
    assert analyze("พรบ คอมพิวเตอร์") == analyze("พระราชบัญญัติคอมพิวเตอร์")


def test_legal_term_is_emitted_whole_and_in_parts() -> None:
    assert "อาวุธปืน" in load_legal_terms()
    assert analyze("อาวุธปืน") == ["อาวุธปืน", "อาวุธ", "ปืน"]


def test_unknown_engine_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown Thai segmentation engine 'deepcut'"):
        check_engine("deepcut")
    with pytest.raises(ValueError):
        ThaiTokenizer("deepcut")
    with pytest.raises(ValueError):
        analyze("ก", "nope")


def test_tokenizer_pickles_with_plain_settings_only() -> None:
    tokenizer = ThaiTokenizer("newmm")
    copy = pickle.loads(pickle.dumps(tokenizer))
    assert copy == tokenizer and isinstance(copy, Tokenizer)
    assert vars(copy) == {"engine": "newmm", "dictionary": tokenizer.dictionary}
    assert [token.text for token in copy("ยิงด้วยอาวุธปืน", positions=True)] == ["ยิง", "ด้วย", "อาวุธปืน", "อาวุธ", "ปืน"]


def test_tokenizer_in_a_ram_index_schema_finds_thai_words() -> None:
    schema = Schema(body=TEXT(analyzer=ThaiTokenizer()))
    index = RamStorage().create_index(schema)
    with index.writer() as writer:
        writer.add_document(body="นายจ้างต้องจ่ายค่าชดเชยให้แก่ลูกจ้าง")
        writer.add_document(body="ผู้ใดลักทรัพย์ของผู้อื่น")
    with index.searcher() as searcher:
        assert sorted(searcher.lexicon("body")) == sorted(
            term.encode() for term in set(analyze("นายจ้างต้องจ่ายค่าชดเชยให้แก่ลูกจ้าง ผู้ใดลักทรัพย์ของผู้อื่น"))
        )


def test_pretokenized_field_writes_the_postings_whoosh_would() -> None:
    """The fast field counts terms itself; its postings must equal the Frequency format's."""
    terms = "นายจ้าง จ่าย ค่าชดเชย นายจ้าง ลูกจ้าง นายจ้าง"
    fast = sorted(PretokenizedText().index(terms))
    plain = TEXT(analyzer=PretokenizedText().analyzer, phrase=False)
    assert isinstance(plain.format, Frequency)
    assert fast == sorted(plain.index(terms))
