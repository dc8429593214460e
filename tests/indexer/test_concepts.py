"""The subject index as positions of one index (indexer/concepts.py), without any index or corpus."""

from __future__ import annotations

from indexer.concepts import ConceptIndex, load_named_concepts

LAWS = ["642571", "568554", "443287"]
SECTIONS = ["642571/118", "642571/119", "568554/23", "443287/341"]


def test_a_concept_is_named_only_when_every_word_of_it_is_a_query_term() -> None:
    index = ConceptIndex.of(
        LAWS,
        SECTIONS,
        concepts=[(("ค่าชดเชย",), "642571"), (("กองทุน", "สำรองเลี้ยงชีพ"), "568554"), (("ฉ้อโกง",), "999999")],
        key_sections=[(("ค่าชดเชย",), ("642571/118", "642571/999"))],
    )
    assert index.governing_laws(["ค่าชดเชย", "เลิกจ้าง"]) == {0}
    assert index.governing_laws(["กองทุน"]) == set()  # half a concept names nothing
    assert index.governing_laws(["กองทุน", "สำรองเลี้ยงชีพ", "ลาออก"]) == {1}
    # A concept of a law this index does not hold, and a key section it does not hold, are left out.
    assert index.governing_laws(["ฉ้อโกง"]) == set()
    assert index.key_sections(["ค่าชดเชย"]) == {0}


def test_the_data_file_names_each_concept_so_a_result_can_say_why() -> None:
    named = load_named_concepts()
    index = ConceptIndex.of(LAWS, SECTIONS)
    assert any(name == "ค่าชดเชย" and law == "642571" for _words, law, name in named)
    words = next(words for words, law, name in named if name == "ค่าชดเชย")
    assert "ค่าชดเชย" in index.governing_concepts(list(words))[0]
