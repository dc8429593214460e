"""The second-stage section ranker (stacking) and the precedent side of the situation blend, on real data."""

from __future__ import annotations

import random

import numpy as np
import pytest

from corpus.precedents import Precedent
from indexer.analysis import analyze
from indexer.lawtext import LawTextHit, LawTextMatrix
from indexer.precedents import RANKER_MIN_CASES, PrecedentModel
from indexer.section_ranker import FEATURE_NAMES, SectionStatistics, section_features
from indexer.situation import BlendSettings, _fill_in_offences, _law_agreement, rank_situation

MURDER_TOGETHER = "จำเลยทั้งสองกับพวกร่วมกันใช้อาวุธปืนยิงผู้ตายหลายนัดเพราะโกรธที่ผู้ตายไปแจ้งความ ผู้ตายถูกกระสุนปืนที่หน้าอกถึงแก่ความตายทันที"


def test_statistics_count_sections_and_which_go_together() -> None:
    statistics = SectionStatistics.of([("a/288", "a/83"), ("a/288",), ("a/341",)], frozenset({"a/288", "a/341"}))
    assert statistics.applied_count == {"a/288": 2, "a/83": 1, "a/341": 1}
    assert statistics.together["a/83"] == {"a/288": 1} and statistics.together["a/288"] == {"a/83": 1}
    assert statistics.cases == 3


def test_features_carry_co_citation_and_the_offence_flag() -> None:
    statistics = SectionStatistics.of(
        [("a/288", "a/83"), ("a/288", "a/83"), ("a/288",), ("a/341",)], frozenset({"a/288", "a/341"})
    )
    candidates, rows = section_features(
        votes={"a/288": 0.5},
        vote_counts={"a/288": 2},
        learned={"a/288": 0.9, "a/83": 0.2, "a/341": 0.1},
        profiles={"a/288": 0.4, "a/341": 0.2},
        typicality=0.3,
        statistics=statistics,
    )
    assert candidates == ["a/288", "a/341", "a/83"]
    assert rows.shape == (3, len(FEATURE_NAMES))
    feature = {name: column for column, name in enumerate(FEATURE_NAMES)}
    principals = rows[candidates.index("a/83")]
    # Two of the three murder cases also applied 83: co-citation 2/3 with the anchor 288.
    assert principals[feature["cocitation"]] == pytest.approx(2 / 3)
    assert principals[feature["offence"]] == 0.0 and rows[0][feature["offence"]] == 1.0
    assert rows[0][feature["vote"]] == 1.0 and rows[0][feature["learned_rank"]] == 1.0
    assert np.all(rows[:, feature["typicality"]] == 0.3)


def test_the_ranker_trusts_the_opinions_and_knows_offences_of_the_code(precedent_model: PrecedentModel) -> None:
    assert precedent_model.ranker is not None
    weights = precedent_model.ranker.weights()
    # Fitted on held-out opinions: the classifier's probability and the profile count for a section.
    assert weights["learned"] > 0 and weights["profile_relative"] > 0, weights
    offences = precedent_model.offence_sections
    assert "443287/288" in offences and "443287/334" in offences
    # General-part rules that say ต้องระวางโทษ of another section (83 principals, 80 attempt) are not offences.
    assert not {"443287/83", "443287/80", "443287/91"} & offences
    assert precedent_model.applied_laws == frozenset({"443287"})


def test_principals_follow_a_murder_done_together(precedent_model: PrecedentModel, law_text: LawTextMatrix) -> None:
    answer = rank_situation(MURDER_TOGETHER, precedent_model, law_text, law_text.idf)
    ids = [s.id for s in answer.suggestions]
    assert "443287/288" in ids[:3], ids
    assert "443287/83" in ids, ids
    assert answer.precedent_weight == 1.0
    assert answer.suggestions[0].why.sources["ranker"] > 0


def test_few_precedents_rank_without_a_second_stage(
    real_precedents: list[Precedent], corpus_sections: dict[str, str]
) -> None:
    small = PrecedentModel(real_precedents[: RANKER_MIN_CASES - 1], corpus_sections)
    assert small.ranker is None
    _cases, profiles, learned = small.score_sections(MURDER_TOGETHER, analyze(MURDER_TOGETHER), 20)
    assert small.rank_sections([], profiles, learned, 0.3) == {}
    assert rank_situation(MURDER_TOGETHER, small, None).suggestions


def test_an_offence_no_case_applied_fills_the_last_place(precedent_model: PrecedentModel) -> None:
    unseen = sorted(s for s in precedent_model.offence_sections if s not in precedent_model.statistics.applied_count)
    assert unseen, "the Criminal Code has offences the precedents never applied"
    ranked = [(f"443287/{n}", 1.0 - n / 100) for n in (288, 83, 80, 91, 289, 371, 72, 68, 69, 90)]
    hits = {
        "642571/118": LawTextHit("642571/118", "642571", 9.0, ()),  # another law: never filled in
        "443287/83": LawTextHit("443287/83", "443287", 8.0, ()),  # already shown
        unseen[0]: LawTextHit(unseen[0], "443287", 5.0, ()),
    }
    filled = _fill_in_offences(ranked, hits, precedent_model, BlendSettings(), 10)
    assert [s for s, _ in filled] == [s for s, _ in ranked[:9]] + [unseen[0]]
    assert _fill_in_offences(ranked, hits, precedent_model, BlendSettings(fill_in=0), 10) == ranked


def test_law_text_in_the_precedents_laws_counts_as_typical(precedent_model: PrecedentModel) -> None:
    criminal = {f"443287/{n}": LawTextHit(f"443287/{n}", "443287", 10.0 - n / 100, ()) for n in (288, 289, 290)}
    labour = {f"642571/{n}": LawTextHit(f"642571/{n}", "642571", 1.0, ()) for n in (17, 118)}
    assert _law_agreement({**criminal, **labour}, precedent_model, BlendSettings()) == pytest.approx(3 / 5)
    assert _law_agreement(labour, precedent_model, BlendSettings()) == 0.0
    assert _law_agreement(criminal, precedent_model, BlendSettings(agreement_hits=0)) == 0.0


def test_a_held_out_fold_gains_rare_sections_with_the_ranker(
    real_precedents: list[Precedent], corpus_sections: dict[str, str]
) -> None:
    """One outer fold, the ranker fitted by inner folds of the training cases only (nested, as in the bench)."""
    order = list(range(len(real_precedents)))
    random.Random(7).shuffle(order)
    held_out = [real_precedents[i] for i in order[:95]]
    fold_model = PrecedentModel([real_precedents[i] for i in order[95:]], corpus_sections)

    def macro_recall(settings: BlendSettings) -> float:
        found: dict[str, list[bool]] = {}
        for case in held_out:
            top = [s.id for s in rank_situation(case.facts, fold_model, None, settings=settings).suggestions]
            for section in case.sections:
                found.setdefault(section, []).append(section in top)
        return float(np.mean([np.mean(v) for v in found.values()]))

    assert macro_recall(BlendSettings()) > macro_recall(BlendSettings(use_ranker=False))


def test_typicality_reads_words_and_characters(precedent_model: PrecedentModel) -> None:
    """A court's statement of facts reads as typical, a tenant's question does not, with or without characters."""
    tenant = "ผมเช่าห้องอยู่มาสองปี ย้ายออกแล้วแต่เจ้าของห้องไม่ยอมคืนเงินประกันให้ ผมควรทำอย่างไร"
    for text_given in (False, True):
        court = precedent_model.typicality(analyze(MURDER_TOGETHER), MURDER_TOGETHER if text_given else None)
        complaint = precedent_model.typicality(analyze(tenant), tenant if text_given else None)
        assert 0 < complaint < court <= 1, (text_given, complaint, court)
    assert BlendSettings().typical_floor < precedent_model.typicality(analyze(MURDER_TOGETHER), MURDER_TOGETHER)
