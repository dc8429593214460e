"""Describe-your-situation search on the real corpus and the real precedents (built once per run)."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus.precedents import Precedent, read_precedents
from indexer.lawtext import LAW_TEXT_FILE, LawTextMatrix
from indexer.precedents import PrecedentIndex, PrecedentModel, build_precedent_index
from indexer.search import SearchIndex, SearchQuery, search
from indexer.situation import (
    MAX_SITUATION_CHARS,
    NO_TERMS_MESSAGE,
    BlendSettings,
    blend,
    find_everyday_words,
    looks_like_situation,
    names_court_roles,
    prepare_situation,
    rank_situation,
    read_vocabulary,
    situation_source,
)
from indexer.store import IndexStore

REPO = Path(__file__).resolve().parents[2]
SITUATIONS = REPO / "benchmarks" / "queries" / "situations.jsonl"

MURDER = "จำเลยทะเลาะกับผู้ตายเรื่องหนี้สินที่ร้านอาหาร แล้วจำเลยกลับบ้านไปเอาอาวุธปืนมายิงผู้ตายที่ศีรษะหนึ่งนัด ผู้ตายถึงแก่ความตายทันทีที่เกิดเหตุ"
FIRED = (
    "ผมทำงานเป็นพนักงานโรงงานมาห้าปี วันนี้เจ้านายบอกว่าพรุ่งนี้ไม่ต้องมาทำงานแล้ว ไล่ออกทันที "
    "ไม่บอกล่วงหน้า และไม่จ่ายเงินชดเชยให้เลย ผมควรได้อะไรบ้าง"
)


# --- pure pieces --------------------------------------------------------------------------------------


def test_a_long_paste_is_cleaned_and_cut_with_a_notice() -> None:
    pasted = "ผมถูกนายจ้าง\tไล่ออก\r\n\r\nโดยไม่จ่าย😡ค่าจ้าง " * 200
    prepared = prepare_situation(pasted)
    assert len(prepared.text) <= MAX_SITUATION_CHARS
    assert prepared.truncated and prepared.notices
    assert "\t" not in prepared.text and "\n" not in prepared.text and "😡" not in prepared.text
    short = prepare_situation("  ผมถูกไล่ออก  ")
    assert short.text == "ผมถูกไล่ออก" and not short.notices


def test_a_description_is_told_from_keywords_and_citations() -> None:
    assert looks_like_situation(FIRED)
    assert looks_like_situation(MURDER)
    assert not looks_like_situation("ค่าชดเชย เลิกจ้าง")
    assert not looks_like_situation("ป.พ.พ. มาตรา 420 ละเมิด ค่าเสียหาย ผู้ใดจงใจหรือประมาทเลินเล่อ ทำต่อบุคคลอื่น")
    assert not looks_like_situation("")


def test_everyday_words_map_to_legal_terms_longest_first() -> None:
    found = find_everyday_words("ผัวตีเมียทุกวัน แล้วนายจ้างก็ไม่จ่ายค่าแรง")
    pairs = {(m.everyday, m.legal) for m in found}
    assert ("ผัวตีเมีย", "ความรุนแรงในครอบครัว") in pairs
    assert ("ค่าแรง", "ค่าจ้าง") in pairs
    assert not any(m.everyday == "ผัว" for m in found)  # inside the longer match


def test_a_court_statement_of_facts_names_the_parties_by_their_part_in_the_case() -> None:
    assert names_court_roles(MURDER)
    assert names_court_roles("โจทก์ต้องเสียฟันไปเพียงซี่เดียว")
    assert not names_court_roles(FIRED)


def test_where_the_precedents_fade_the_law_text_leads_and_the_ranker_keeps_its_share() -> None:
    ranker = {f"443287/{n}": 1.0 - n / 1000 for n in (288, 289, 290, 291)}
    law = {f"642571/{n}": 10.0 - n for n in range(1, 20)}
    for weight, share in ((0.5, 4), (0.25, 2), (0.1, 1)):
        order = sorted((scores := blend({}, {}, law, weight, BlendSettings(), {}, ranker)), key=lambda k: -scores[k])
        assert order[0] == "642571/1", (weight, order)
        assert order[1 : 1 + share] == list(ranker)[:share], (weight, order)
    # Full weight: the ranker alone; no weight: the law text alone, as before.
    assert set(blend({}, {}, law, 1.0, BlendSettings(), {}, ranker)) >= set(ranker)
    summed = blend({}, {}, law, 0.5, BlendSettings(fading_ranker_places=0), {}, ranker)
    assert max(summed, key=lambda k: summed[k]) == "642571/1"


def test_a_bad_vocabulary_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.tsv"
    path.write_text("everyday\tlegal\nค่าแรง\tค่าจ้าง\nไม่มีแท็บ\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"vocabulary.tsv:3"):
        read_vocabulary(path)


def test_the_vocabulary_has_at_least_80_distinct_reviewed_pairs() -> None:
    pairs = read_vocabulary()
    assert len(pairs) >= 80
    assert len(set(pairs)) == len(pairs), "a pair is listed twice"
    assert all(everyday != legal for everyday, legal in pairs)


# --- real corpus and real precedents, built once --------------------------------------------------


def test_every_legal_term_of_the_vocabulary_occurs_in_the_corpus(corpus_sections: dict[str, str]) -> None:
    text = re.sub(r"\s+", "", "\n".join(corpus_sections.values()))
    missing = [legal for _everyday, legal in read_vocabulary() if re.sub(r"\s+", "", legal) not in text]
    assert not missing, f"legal terms not in any section of the corpus: {missing}"


def test_every_situation_of_the_benchmark_cites_sections_that_exist(corpus_sections: dict[str, str]) -> None:
    situations = [json.loads(line) for line in SITUATIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(situations) >= 40
    assert len({s["id"] for s in situations}) == len(situations)
    assert len({s["area"] for s in situations}) >= 10
    for situation in situations:
        assert situation["sections"], situation["id"]
        for section in situation["sections"]:
            assert section in corpus_sections, f"{situation['id']}: {section} is not in the corpus"
            assert section.partition("/")[0] in situation["laws"], f"{situation['id']}: law of {section} not listed"


def test_every_precedent_names_sections_of_the_corpus(case_facts_path: Path, corpus_sections: dict[str, str]) -> None:
    assert len(read_precedents(case_facts_path, corpus_sections.__contains__)) == 477


def test_a_criminal_description_gets_the_section_its_similar_cases_applied(
    precedent_model: PrecedentModel, law_text: LawTextMatrix
) -> None:
    answer = rank_situation(MURDER, precedent_model, law_text, law_text.idf)
    ids = [s.id for s in answer.suggestions]
    assert "443287/288" in ids[:3], ids
    murder = answer.suggestions[ids.index("443287/288")]
    assert murder.why.applied_in >= 3 and murder.why.precedents
    assert all(0 < case.similarity <= 1 for case in murder.why.precedents)
    assert answer.precedent_weight > 0.5
    assert "ศาลใช้มาตรานี้ใน" in murder.why.summary


def test_the_section_classifiers_learn_which_section_a_court_applies(precedent_model: PrecedentModel) -> None:
    from indexer.analysis import analyze

    _cases, _profiles, learned = precedent_model.score_sections(MURDER, analyze(MURDER), 20)
    assert set(learned) <= set(precedent_model.profile_ids)
    assert all(0 <= p <= 1 for p in learned.values())
    ranked = sorted(learned, key=lambda sid: -learned[sid])
    assert "443287/288" in ranked[:2], [(sid, round(learned[sid], 3)) for sid in ranked[:5]]
    # Defamation (326), nearly as common in the precedents as murder (66 cases to 82), is not for a shooting.
    assert learned.get("443287/326", 0.0) < learned["443287/288"]


def test_a_labour_complaint_is_answered_from_the_labour_act(
    precedent_model: PrecedentModel, law_text: LawTextMatrix
) -> None:
    answer = rank_situation(FIRED, precedent_model, law_text, law_text.idf)
    ids = [s.id for s in answer.suggestions]
    assert ids and ids[0].startswith("642571/"), ids
    # Severance (118), when none is due (119), notice or pay in lieu (17, 17/1): what a lawyer would cite.
    assert {"642571/118", "642571/119", "642571/17", "642571/17/1"} & set(ids), ids
    assert answer.precedent_weight < 0.5, "criminal precedents should not lead a labour complaint"
    assert answer.evidence["register_lift"] == 0.0
    first = answer.suggestions[0]
    assert {"ค่าชดเชย", "เลิกจ้าง"} & set(first.why.matched_terms), first.why.matched_terms
    assert any(m.legal == "เลิกจ้าง" for m in answer.vocabulary)


@pytest.mark.parametrize(
    "text",
    [
        "และ หรือ ที่ ซึ่ง ของ ใน",
        "😡😡😡 🙏",
        "My landlord ไม่คืนเงินมัดจำ deposit หลังจาก move out ครับ ทำอย่างไรดี",
        "\x00\x07ผมถูก\tโกง\r\n\r\nเงิน",
        "ก" * 5000,
    ],
)
def test_odd_input_gets_an_answer_or_a_clear_message(
    text: str, precedent_model: PrecedentModel, law_text: LawTextMatrix
) -> None:
    answer = rank_situation(text, precedent_model, law_text, law_text.idf)
    assert answer.suggestions or answer.message
    if len(text) > MAX_SITUATION_CHARS:
        assert any("2,000" in notice for notice in answer.notices)


def test_emoji_only_says_what_to_do(precedent_model: PrecedentModel, law_text: LawTextMatrix) -> None:
    answer = rank_situation("😡😡😡", precedent_model, law_text, law_text.idf)
    assert not answer.suggestions and answer.message == NO_TERMS_MESSAGE


def test_a_court_fragment_that_reads_little_like_the_precedents_still_gets_their_sections(
    precedent_model: PrecedentModel, law_text: LawTextMatrix
) -> None:
    """A short statement in the court's words (a blow to the head, bodily harm: 295), written for this test.

    Its words read little like the precedents (typicality near the floor): the court's register lifts it and
    the ranker keeps its places beside the law text, where the summed scores left the precedents out.
    """
    text = "จำเลยเอาไม้ตีศีรษะผู้เสียหายแตก ต้องเย็บแปดเข็ม"
    answer = rank_situation(text, precedent_model, law_text, law_text.idf)
    plain = rank_situation(
        text, precedent_model, law_text, law_text.idf, settings=BlendSettings(register_lift=0, fading_ranker_places=0)
    )
    assert answer.evidence["register_lift"] > 0
    assert answer.precedent_weight > plain.precedent_weight
    ids = [s.id for s in answer.suggestions]
    assert "443287/295" in ids[:5], ids
    assert "443287/295" not in [s.id for s in plain.suggestions], "the summed scores had left it out"


def test_held_out_cases_beat_the_constant_list(
    real_precedents: list[Precedent], corpus_sections: dict[str, str]
) -> None:
    """One fold of the benchmark's cross-validation: never answered from the query's own case."""
    order = list(range(len(real_precedents)))
    random.Random(7).shuffle(order)
    held_out = [real_precedents[i] for i in order[:95]]
    train = [real_precedents[i] for i in order[95:]]
    model = PrecedentModel(train, corpus_sections)
    constant = [s for s, _ in Counter(s for p in train for s in p.sections).most_common(10)]
    ours_recall = constant_recall = ours_rr = constant_rr = 0.0
    train_ids = {p.id for p in train}
    for case in held_out:
        answer = rank_situation(case.facts, model, None)
        assert {c.id for c in answer.similar_cases} <= train_ids
        top = [s.id for s in answer.suggestions[:10]]
        ours_recall += sum(s in top for s in case.sections) / len(case.sections)
        constant_recall += sum(s in constant for s in case.sections) / len(case.sections)
        ours_rr += next((1 / (i + 1) for i, s in enumerate(top) if s in case.sections), 0.0)
        constant_rr += next((1 / (i + 1) for i, s in enumerate(constant) if s in case.sections), 0.0)
    assert ours_recall > constant_recall + 0.1 * len(held_out)
    assert ours_rr > constant_rr + 0.2 * len(held_out)


def test_the_precedent_index_finds_the_cases_that_applied_a_section(
    real_precedents: list[Precedent], tmp_path: Path
) -> None:
    folder = tmp_path / "precedents"
    build_precedent_index(real_precedents[:60], folder)
    index = PrecedentIndex(folder)
    assert len(index) == 60
    expected = {p.id for p in real_precedents[:60] if "443287/288" in p.sections}
    assert expected and set(index.cases_citing("443287/288", limit=100)) == expected
    with pytest.raises(ValueError, match="not empty"):
        build_precedent_index(real_precedents[:5], folder)


# --- the search core's hook ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def situation_search_index(
    tmp_path_factory: pytest.TempPathFactory,
    real_index_dir: Path,
    real_precedents: list[Precedent],
    corpus_sections: dict[str, str],
    law_text: LawTextMatrix,
) -> Iterator[SearchIndex]:
    """The real index, seen through a private index root so that precedents loaded beside it
    do not change what other tests' paragraph queries get."""
    root = tmp_path_factory.mktemp("situation") / "index"
    root.mkdir()
    (root / real_index_dir.name).symlink_to(real_index_dir, target_is_directory=True)
    (root / "CURRENT").write_text(real_index_dir.name + "\n", encoding="utf-8")
    store = IndexStore(root.with_name("index-precedents"))
    folder = store.new_folder()
    build_precedent_index(real_precedents, folder, corpus_sections)
    store.publish(folder)
    index = SearchIndex(root / real_index_dir.name)
    yield index
    index.close()


def test_search_answers_a_description_with_the_situation_and_keeps_keywords_one_step_away(
    situation_search_index: SearchIndex,
) -> None:
    response = search(situation_search_index, SearchQuery(FIRED))
    assert response.mode == "situation"
    assert response.hits and response.hits[0].law == "642571"
    assert all("matched_terms" in hit.why and "precedents" in hit.why for hit in response.hits)
    assert response.situation is not None and "similar_cases" in response.situation
    assert response.groups and response.groups[0].law == "642571"
    plain = search(situation_search_index, SearchQuery(FIRED, situation=False))
    assert plain.mode == "paragraph"
    murder = search(situation_search_index, SearchQuery(MURDER))
    assert murder.mode == "situation" and "443287/288" in [hit.id for hit in murder.hits[:3]]
    assert murder.hits[0].why["precedents"], "the similar cases behind a criminal answer are named"
    three = search(situation_search_index, SearchQuery(MURDER, per_page=3))
    assert [hit.id for hit in three.hits] == [hit.id for hit in murder.hits[:3]], "the limit holds for a situation"


def test_keywords_and_citations_are_not_taken_for_a_situation(situation_search_index: SearchIndex) -> None:
    assert search(situation_search_index, SearchQuery("ค่าชดเชย เลิกจ้าง")).mode == "keyword"
    assert search(situation_search_index, SearchQuery("ป.อ. มาตรา 288")).mode == "citation"


def test_the_source_is_reopened_only_when_a_load_swaps_it(situation_search_index: SearchIndex) -> None:
    root = Path(situation_search_index.folder).parent.with_name("index-precedents")
    assert situation_source(root) is situation_source(root)
    law_folder = Path(situation_search_index.folder)
    source = situation_source(root, law_folder)
    assert source is not None and source.law_text is not None
    assert source.law_text.source == law_folder.name, "the law text is the searched index's own"
    assert (law_folder / LAW_TEXT_FILE).exists()
    assert situation_source(root.with_name("nothing-here")) is None


def test_a_broken_precedent_folder_turns_the_situation_answer_off_not_the_search(tmp_path: Path) -> None:
    store = IndexStore(tmp_path / "index-precedents")
    folder = store.new_folder()
    folder.mkdir()
    (folder / "situation-model.pkl").write_bytes(b"not a pickle")
    store.publish(folder)
    assert situation_source(store.root) is None
