"""Topic ranking on the real corpus: general signals, each checked where it decides the order.

The figures over whole query sets are in benchmarks/results/quality.md; these tests pin one case per
signal so a change that silently drops the signal fails here.
"""

from __future__ import annotations

import pytest

from indexer.authority import AUTHORITY_FILE
from indexer.search import SearchIndex, SearchQuery, _term_weights, correct_terms, expand_terms, search, split_unknown

CRIMINAL_CODE, CIVIL_CODE, LABOUR_PROTECTION, GROUNDWATER = "443287", "567410", "642571", "608472"


def _laws(index: SearchIndex, text: str) -> list[str]:
    hits = search(index, SearchQuery(text, situation=False)).hits
    return list(dict.fromkeys(hit.law for hit in hits))


def test_the_authority_counts_citations_and_repeals_of_the_real_corpus(real_index: SearchIndex) -> None:
    assert (real_index.folder / AUTHORITY_FILE).exists()  # written by build_index
    authority = real_index.authority
    # The codes are cited by many laws; a medal act by none.
    assert authority.cited_by[CRIMINAL_CODE] >= 20 and authority.cited_by[CIVIL_CODE] >= 20
    assert authority.prior("700858") == 1.0
    # Customs Act 2560 s. 3 repeals the Customs Act 2469; the Excise Tax Act 2560 repeals the Liquor Act 2493.
    assert authority.repealed_by["594179"] == "776904"
    assert authority.repealed_by["311711"] == "772370"
    # The old text of the Factory Act is marked not current in the corpus.
    assert authority.is_superseded("304725") and not authority.is_superseded("769946")


@pytest.mark.parametrize(
    ("query", "current", "superseded"),
    [
        ("ใบอนุญาตประกอบกิจการโรงงาน", "769946", "304725"),  # same title, not current
        ("ลักลอบหนีศุลกากร", "776904", "594179"),  # repealed by name
    ],
)
def test_the_current_law_comes_before_its_superseded_twin(
    real_index: SearchIndex, query: str, current: str, superseded: str
) -> None:
    laws = _laws(real_index, query)
    assert laws[0] == current
    assert superseded not in laws[:1]


def test_a_code_with_one_section_on_the_topic_beats_acts_that_only_use_the_words(real_index: SearchIndex) -> None:
    # Criminal Code s. 295 (assault); the anti-prostitution act uses the same words in passing.
    assert _laws(real_index, "ทำร้ายร่างกายผู้อื่น")[0] == CRIMINAL_CODE
    # Civil and Commercial Code s. 1516, grounds for divorce.
    assert _laws(real_index, "ฟ้องหย่า")[0] == CIVIL_CODE


def test_a_compound_no_law_writes_whole_is_searched_by_its_words(real_index: SearchIndex) -> None:
    assert real_index.document_frequency("ภาษีมรดก") == 0
    assert split_unknown(real_index, "ภาษีมรดก") == ["ภาษี", "มรดก"]
    assert "732539" in _laws(real_index, "ภาษีมรดก")[:3]  # Inheritance Tax Act 2558
    # A piece may stand for the indexed words it begins: the Criminal Code writes แท้งลูก (s. 301).
    assert split_unknown(real_index, "ทำแท้ง") == ["ทำ", "แท้งลูก"]
    assert CRIMINAL_CODE in _laws(real_index, "ทำแท้ง")[:3]
    # A known word, a number or a Latin word is never split.
    assert split_unknown(real_index, "ภาษี") == [] and split_unknown(real_index, "99999") == []


def test_a_typo_is_repaired_to_the_word_the_right_spelling_gives(real_index: SearchIndex) -> None:
    typo, canonical = "ค่าชดเชยเมื่อนายจ้างเลิกจ้างง", "ค่าชดเชยเมื่อนายจ้างเลิกจ้าง"
    assert real_index.analyze(typo)[-2:] == ["จ้า", "งง"]  # the typo falls apart into unknown fragments
    assert correct_terms(real_index, real_index.analyze(typo)) == real_index.analyze(canonical)
    ids = [hit.id for hit in search(real_index, SearchQuery(typo, situation=False)).hits[:3]]
    assert ids == [hit.id for hit in search(real_index, SearchQuery(canonical, situation=False)).hits[:3]]
    # Known words are never "repaired".
    assert correct_terms(real_index, ["ค่าชดเชย", "นายจ้าง"]) == ["ค่าชดเชย", "นายจ้าง"]


def test_a_word_the_laws_write_inside_a_longer_word_reaches_that_word(real_index: SearchIndex) -> None:
    # The dictionaries keep บาดาล whole; the laws' segmenter writes น้ำบาดาล (Groundwater Act 2520).
    assert real_index.document_frequency("บาดาล") == 0 < real_index.document_frequency("น้ำบาดาล")
    assert "น้ำบาดาล" in expand_terms(real_index, ["เจาะ", "บาดาล"], "เจาะบาดาล")
    assert _laws(real_index, "บาดาล")[0] == GROUNDWATER  # nothing at all before
    assert _laws(real_index, "เจาะบาดาล")[0] == GROUNDWATER
    # The longer words stand for the query word: they take no share of the query of their own.
    terms = expand_terms(real_index, ["ประมาท"], "ประมาท")
    assert "กระทำโดยประมาท" in terms  # Criminal Code s. 291, death caused by negligence
    weights = _term_weights(real_index, terms)
    assert weights["กระทำโดยประมาท"] == 0.0 and weights["ประมาท"] == pytest.approx(1.0)
    # What the longer word holds around the query word must be words: ลักทรัพย์ (theft) is inside
    # หลักทรัพย์ (securities) as ห + ลักทรัพย์, and หมิ่นประมาท is not negligence.
    assert not {"หลักทรัพย์", "ตลาดหลักทรัพย์"} & set(expand_terms(real_index, ["ลักทรัพย์"], "ลักทรัพย์"))
    assert "หมิ่นประมาท" not in terms
    assert _laws(real_index, "ลักทรัพย์ในเวลากลางคืน")[0] == CRIMINAL_CODE
    # A frequent word brings nothing.
    assert expand_terms(real_index, ["ค่าจ้าง"], "ค่าจ้าง") == ["ค่าจ้าง"]


def test_inside_a_law_the_section_its_other_sections_cite_comes_first(real_index: SearchIndex) -> None:
    # Civil and Commercial Code s. 1516 (the grounds for divorce) is cited by the sections after it.
    references = dict(zip(real_index.section_scorer.keys, real_index.section_references.tolist(), strict=True))
    assert references["567410/1516"] >= 3 and references["642571/118"] >= 3
    assert search(real_index, SearchQuery("ฟ้องหย่า", situation=False)).hits[0].id == "567410/1516"


def test_everyday_words_reach_the_legal_term(real_index: SearchIndex) -> None:
    # ลาคลอด -> ลาเพื่อคลอดบุตร (Labour Protection Act s. 41), from indexer/data/everyday_legal.tsv.
    assert _laws(real_index, "ลาคลอดบุตร")[0] == LABOUR_PROTECTION


def test_ranking_explains_itself(real_index: SearchIndex) -> None:
    hit = search(real_index, SearchQuery("ฟ้องหย่า", situation=False)).hits[0]
    assert {"law_score", "coverage", "best_section", "prior"} <= set(hit.why)
    assert hit.why["prior"] > 1.0


PROVIDENT_FUND_ACT = "568554"


@pytest.mark.parametrize(
    ("query", "law"),
    [
        # The Revenue Code writes กองทุนสำรองเลี้ยงชีพ more often than the act that governs the fund.
        ("ได้เงินกองทุนสำรองเลี้ยงชีพคืนเมื่อไหร่", PROVIDENT_FUND_ACT),
        # The teenage pregnancy act uses both words; dismissal is the Labour Protection Act's concept.
        ("ลูกจ้างตั้งครรภ์ถูกเลิกจ้าง", LABOUR_PROTECTION),
    ],
)
def test_the_act_governing_a_concept_the_query_names_comes_first(
    real_index: SearchIndex, monkeypatch: pytest.MonkeyPatch, query: str, law: str
) -> None:
    assert _laws(real_index, query)[0] == law
    monkeypatch.setattr("indexer.search.CONCEPT_BOOST", 0.0)
    assert _laws(real_index, query)[0] != law  # the subject index decides it


def test_a_key_section_of_the_querys_concept_comes_first_in_its_act(
    real_index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ค่าชดเชย names the Labour Protection Act's s. 118 (the severance rule) in the subject index."""
    hits = search(real_index, SearchQuery("ค่าชดเชย", situation=False)).hits
    assert hits[0].id == f"{LABOUR_PROTECTION}/118"
    assert hits[0].why["concepts"] == ["ค่าชดเชย"]  # the reason, for the API and the page
    monkeypatch.setattr("indexer.search.KEY_SECTION_BOOST", 0.0)
    assert search(real_index, SearchQuery("ค่าชดเชย", situation=False)).hits[0].id != f"{LABOUR_PROTECTION}/118"
