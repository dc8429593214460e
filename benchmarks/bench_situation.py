"""Describe-your-situation search, measured honestly; writes ``benchmarks/results/situation.md``.

* Case facts (``../shared/eval/case-facts-dev.jsonl``): 5-fold cross-validation. Precedents come from
  four folds, queries from the fifth, so no query is answered from its own case. Each metric sits
  beside the constant top-10 list computed the same way (from the training folds only).
* Everyday situations (``benchmarks/queries/situations.jsonl``): law Hit@1, Hit@3 (first distinct
  laws among the top 10 sections) and section Hit@10, with all 477 case facts as precedents.
* Warm latency of a situation query, precedents included.

``LAWPORTAL_BENCH_INDEX`` may name an existing search-core index folder to skip the build.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from corpus.loader import read_raw_laws
from corpus.model import Law, RawLaw
from corpus.parser import parse_laws
from corpus.precedents import Precedent, read_precedents
from indexer.lawtext import LawTextMatrix
from indexer.precedents import PrecedentModel
from indexer.situation import BlendSettings, rank_situation

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
CORPUS = SHARED / "corpus" / "thai-acts.jsonl.gz"
CASE_FACTS = SHARED / "eval" / "case-facts-dev.jsonl"
SITUATIONS = HERE / "queries" / "situations.jsonl"
# Written blind (issue 10): set 1 (ids b-*) before any everyday change, set 2 (ids c-*) after reading set 1's
# misses and before the changes were run on it. Never tuned on set 2; set 1's misses were read. Set 3 (ids d-*)
# was written and measured (round 2) before the key sections of the concept table, at aa42b17. Set 4 (ids e-*)
# was written on 2026-11-28 by a helper who never ran the search, before that day's subject index, and held out;
# set 5 (ids f-*) by another such helper after the subject index and before round 2 (stronger concept boosts);
# set 6 (ids g-*) by a third after round 2 and before round 3 (how citizens tell their stories); set 7 (ids h-*)
# by a fourth after round 3 and before round 4 (online, consumer, neighbour and land stories).
SITUATIONS_BLIND = HERE / "queries" / "situations-blind.jsonl"
BLIND_BEFORE = {  # law Hit@1, law Hit@3, section Hit@10 with the code of 1328558, before this round of changes
    "set 1 (b-*)": (0.592, 0.735, 0.265),
    "set 2 (c-*)": (0.520, 0.720, 0.520),
    "set 3 (d-*)": (0.657, 0.714, 0.514),  # at aa42b17, before the concept table's key sections
    "set 4 (e-*)": (0.625, 0.700, 0.300),  # at 06aec91, written before the subject index of 2026-11-28
    "set 5 (f-*)": (0.500, 0.575, 0.225),  # the data of 06aec91 on the code of 99e3fa2, before the subject index
    "set 6 (g-*)": (0.575, 0.750, 0.300),  # the data of 06aec91 on the code of a5db77c
    "set 7 (h-*)": (0.650, 0.725, 0.250),  # the data of 06aec91 on the code of ed6eb1d
}
RESULT = HERE / "results" / "situation.md"
FOLDS = 5
SEED = 20261124


def metrics(rankings: Sequence[Sequence[str]], golds: Sequence[Sequence[str]], k: int = 10) -> dict[str, float]:
    """Recall@k, Hit@k, MRR@k and macro-Recall@k (recall per distinct gold section, then averaged)."""
    recall = hit = reciprocal = 0.0
    per_section: dict[str, list[bool]] = defaultdict(list)
    for ranking, gold in zip(rankings, golds, strict=True):
        top = list(ranking[:k])
        found = [g for g in gold if g in top]
        recall += len(found) / len(gold)
        hit += bool(found)
        reciprocal += next((1 / (i + 1) for i, s in enumerate(top) if s in gold), 0.0)
        for g in gold:
            per_section[g].append(g in top)
    n = len(golds)
    macro = statistics.mean(sum(v) / len(v) for v in per_section.values())
    return {"Recall@10": recall / n, "Hit@10": hit / n, "MRR@10": reciprocal / n, "macro-Recall@10": macro}


def folds_of(precedents: Sequence[Precedent]) -> list[list[int]]:
    order = list(range(len(precedents)))
    random.Random(SEED).shuffle(order)
    return [order[i::FOLDS] for i in range(FOLDS)]


def load_laws() -> list[Law]:
    raws = [r for r in read_raw_laws(CORPUS) if isinstance(r, RawLaw)]
    return parse_laws(raws)


def section_texts_of(laws: Sequence[Law]) -> dict[str, str]:
    return {f"{law.sysid}/{s.number}": s.text for law in laws for s in law.sections}


def cross_validate(
    precedents: Sequence[Precedent],
    texts: dict[str, str],
    law_text: LawTextMatrix | None,
    settings: BlendSettings,
) -> tuple[dict[str, float], dict[str, float], list[float]]:
    """The situation ranker and the constant list, both by 5-fold cross-validation."""
    scores, constant, typicality = cross_validate_variants(precedents, texts, {"ours": (law_text, settings)})
    return scores["ours"], constant, typicality["ours"]


def cross_validate_variants(
    precedents: Sequence[Precedent],
    texts: dict[str, str],
    variants: dict[str, tuple[LawTextMatrix | None, BlendSettings]],
) -> tuple[dict[str, dict[str, float]], dict[str, float], dict[str, list[float]]]:
    """Several blends of the same fitted models by 5-fold cross-validation, and the constant list.

    One model per fold serves every variant: fitting (with the second-stage ranker's inner folds)
    is the slow part, ranking a query takes milliseconds. The ranker is fitted by inner folds of the
    four training folds only, so the held-out fold stays unseen (nested cross-validation).
    """
    rankings: dict[str, list[list[str]]] = {name: [] for name in variants}
    typicality: dict[str, list[float]] = {name: [] for name in variants}
    constant: list[list[str]] = []
    golds: list[list[str]] = []
    for fold in folds_of(precedents):
        held_out = set(fold)
        train = [p for i, p in enumerate(precedents) if i not in held_out]
        model = PrecedentModel(train, texts)
        counts = Counter(s for p in train for s in p.sections)
        top_ten = [s for s, _ in counts.most_common(10)]
        for i in fold:
            query = precedents[i]
            for name, (law_text, settings) in variants.items():
                idf = law_text.idf if law_text else None
                answer = rank_situation(query.facts, model, law_text, idf, settings=settings)
                rankings[name].append([s.id for s in answer.suggestions])
                typicality[name].append(answer.evidence.get("typicality", 0.0))
            constant.append(top_ten)
            golds.append(list(query.sections))
    scores = {name: metrics(ranked, golds) for name, ranked in rankings.items()}
    return scores, metrics(constant, golds), typicality


def distinct_laws(section_ids: Sequence[str]) -> list[str]:
    laws: list[str] = []
    for section_id in section_ids:
        law = section_id.partition("/")[0]
        if law not in laws:
            laws.append(law)
    return laws


def everyday(
    situations: Sequence[dict[str, object]],
    model: PrecedentModel | None,
    law_text: LawTextMatrix,
    settings: BlendSettings,
) -> tuple[dict[str, float], list[tuple[str, list[str], list[str]]]]:
    """Law Hit@1, law Hit@3 and section Hit@10 on the everyday situations."""
    law1 = law3 = section10 = 0
    misses = []
    for item in situations:
        answer = rank_situation(str(item["query"]), model, law_text, law_text.idf, settings=settings)
        top = [s.id for s in answer.suggestions[:10]]
        laws = distinct_laws(top)
        gold_laws = [str(law) for law in item["laws"]]  # type: ignore[attr-defined]
        gold_sections = [str(s) for s in item["sections"]]  # type: ignore[attr-defined]
        law1 += bool(laws[:1]) and laws[0] in gold_laws
        law3 += any(law in gold_laws for law in laws[:3])
        hit = any(s in gold_sections for s in top)
        section10 += hit
        if not hit or not laws or laws[0] not in gold_laws:
            misses.append((str(item["id"]), top[:5], gold_sections))
    n = len(situations)
    return {"law Hit@1": law1 / n, "law Hit@3": law3 / n, "section Hit@10": section10 / n}, misses


def latency(queries: Sequence[str], model: PrecedentModel, law_text: LawTextMatrix) -> dict[str, float]:
    for query in queries[:5]:  # warm caches
        rank_situation(query, model, law_text, law_text.idf)
    times = []
    for query in queries:
        started = time.perf_counter()
        rank_situation(query, model, law_text, law_text.idf)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[int(0.95 * (len(times) - 1))],
        "max": times[-1],
        "n": float(len(times)),
    }


def fit_time(precedents: Sequence[Precedent], texts: dict[str, str]) -> float:
    """Seconds to fit the model a `precedents load` writes (first stage and the ranker's inner folds)."""
    started = time.perf_counter()
    PrecedentModel(precedents, texts)
    return time.perf_counter() - started


def main() -> None:
    from indexer.build import build_index

    started = time.perf_counter()
    laws = load_laws()
    texts = section_texts_of(laws)
    precedents = read_precedents(CASE_FACTS, texts.__contains__)
    settings = BlendSettings()
    index_folder = os.environ.get("LAWPORTAL_BENCH_INDEX")
    with tempfile.TemporaryDirectory() as scratch:
        if not index_folder:
            index_folder = str(Path(scratch) / "index")
            build_index(laws, Path(index_folder), procs=2)
        law_text = LawTextMatrix.from_index(Path(index_folder))
        # The design before the second-stage ranker: the sum of the three precedent opinions, law text at 0.5
        # on typical facts, typicality alone deciding how far the precedents count.
        before_settings = BlendSettings(use_ranker=False, agreement_hits=0, register_lift=0.0, fading_ranker_places=0)
        # The ranker's blend before this round (issue 10, round 2): no court register, summed scores where the
        # precedents fade.
        round_one_settings = BlendSettings(register_lift=0.0, fading_ranker_places=0)
        # The simpler design before the per-section classifiers: kNN vote + profiles + law text.
        simpler_settings = BlendSettings(learned_weight=0.0, law_text_takeover=2.0, use_ranker=False, agreement_hits=0)
        scores, constant, typicality = cross_validate_variants(
            precedents,
            texts,
            {
                "ours": (law_text, settings),
                "round 1": (law_text, round_one_settings),
                "first stage": (law_text, BlendSettings(use_ranker=False)),
                "before": (law_text, before_settings),
                "simpler": (law_text, simpler_settings),
                "precedents only": (None, settings),
            },
        )
        ours, best = scores["ours"], typicality["ours"]
        full_model = PrecedentModel(precedents, texts)
        situations = [json.loads(line) for line in SITUATIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
        everyday_scores, misses = everyday(situations, full_model, law_text, settings)
        everyday_typicality = [
            rank_situation(str(s["query"]), full_model, law_text, law_text.idf).evidence.get("typicality", 0.0)
            for s in situations
        ]
        law_text_only, _ = everyday(situations, None, law_text, settings)
        blind = [json.loads(line) for line in SITUATIONS_BLIND.read_text(encoding="utf-8").splitlines() if line.strip()]
        blind_rows = []
        sets = (
            ("set 1 (b-*)", "b-"),
            ("set 2 (c-*)", "c-"),
            ("set 3 (d-*)", "d-"),
            ("set 4 (e-*)", "e-"),
            ("set 5 (f-*)", "f-"),
            ("set 6 (g-*)", "g-"),
            ("set 7 (h-*)", "h-"),
            ("all", ""),
        )
        for label, prefix in sets:
            subset = [s for s in blind if str(s["id"]).startswith(prefix)]
            subset_scores, subset_misses = everyday(subset, full_model, law_text, settings)
            text_scores, _ = everyday(subset, None, law_text, settings)
            blind_rows.append((label, len(subset), subset_scores, text_scores, subset_misses))
        everyday_first_stage, _ = everyday(situations, full_model, law_text, BlendSettings(use_ranker=False))
        everyday_before, _ = everyday(situations, full_model, law_text, before_settings)
        everyday_round_one, _ = everyday(situations, full_model, law_text, round_one_settings)
        fitting = fit_time(precedents, texts)
        timing = latency(
            [p.facts for p in precedents[:150]] + [str(s["query"]) for s in situations], full_model, law_text
        )

    lines = [
        "## Describe your situation (issue 10)",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `python -m benchmarks.bench_situation` "
        f"({time.perf_counter() - started:.0f} s).",
        "",
        f"### Case facts, {FOLDS}-fold cross-validation ({len(precedents)} queries; precedents from the other"
        " four folds, never the query's own case)",
        "",
        "| metric | situation search | round 1 (no register, summed scores) | without the ranker "
        "| before (neither ranker nor law-text agreement) "
        "| without the classifiers (older) | precedents only (no law text) | constant top-10 list (train folds) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in ours:
        row = [scores[v][name] for v in ("ours", "round 1", "first stage", "before", "simpler", "precedents only")]
        lines.append(f"| {name} | " + " | ".join(f"{value:.3f}" for value in row) + f" | {constant[name]:.3f} |")
    lines += [
        "",
        "*Situation search*: the precedents' three opinions (similarity-weighted vote of the 20 closest cases, each "
        "section's profile, a class-balanced logistic regression per section) go through a second-stage ranker "
        "(`indexer/section_ranker.py`): a logistic regression over per-candidate features (vote, vote share, "
        "classifier probability, its share of the best and its rank, profile share and rank, the section's "
        "frequency, co-citation with the three sections the classifiers rate highest, whether the text sets a "
        "penalty, typicality), fitted on opinions about cases held out of 4 inner folds of the training cases, with "
        "a positive case weighted by 1/sqrt(its section's frequency). The outer figure is therefore nested "
        "cross-validation. On typical facts the law text no longer mixes in; it fills the 10th place with an "
        "offence section (its text sets its own penalty: ต้องระวางโทษจำคุก, ปรับ...) "
        "of a law the precedents apply that no case applied, when one is "
        "among its first 10 hits. The precedents also count fully when the law text's own first 5 hits lie in the "
        "laws the precedents apply (weight = max(typicality weight, that share)). Round 2: a text that names the "
        "parties as a court does (จำเลย, โจทก์, ผู้เสียหาย, ผู้ตาย: 96% of the case facts, none of the everyday "
        "situations) has its typicality lifted by 0.02; and where the precedents fade (weight between 0 and 1) the "
        "ranker and the law text share the places by rank, not by summed scores: the law text's first hit, then the "
        "ranker's first round(8 x weight) sections, then the rest of the law text (*round 1* is the blend before). "
        "*Without the ranker* keeps that agreement but sums the three opinions as before; *before* is the design "
        "this change started from (same code, `use_ranker=False, agreement_hits=0`), except that it shares the new "
        "typicality (words and characters); the figures recorded before this change (2026-11-24, word typicality, "
        "older law text) were 0.828 / 0.876 / 0.661 / 0.520.",
        "",
        "What was chosen on which data (all on these 477 dev cases, so read small differences as noise): the "
        "ranker's features, its frequency weighting (damping 0/0.25/0.5/0.75/1 gave macro-Recall@10 "
        "0.539/0.556/0.572/0.566/0.540, Recall@10 0.896/0.887/0.875/0.859/0.826: 0.5 chosen) and C=1 by nested "
        "5-fold CV on cached opinions (scratch scripts); the law-text agreement (5 hits) from the case facts under "
        "the typicality floor, checked against the 56 everyday situations (when measured, none had "
        "more than 1 of its first "
        "5 law-text hits in the Criminal Code); the ranker's weight 2.5 (not 3) in the blend on the everyday "
        "situations, where 3 lost one first law; typicality as the mean of the word and character cosines (word "
        "cosine alone: 10% of the case facts under the highest everyday typicality, with characters 7%) and its "
        "thresholds (floor 0.13-0.15 x full 0.18-0.20; 0.14/0.19 chosen: 0.13/0.19 tied on both sets, "
        "0.851/0.899/0.678/0.571, and let the labour complaint of the tests reach precedent weight 0.56) on the "
        "case-facts CV and the 56 everyday situations together. The other helper's everyday blind set "
        "(benchmarks/queries/situations-blind.jsonl) "
        "was only looked at to check that no choice made it worse, but it was looked at for several settings, so "
        "it is no longer blind to this change. Nothing was fitted to a query's own gold sections. Round 2 (same "
        "dev data, nested 5-fold CV on models cached per outer fold, scratch scripts): the register lift among "
        "0.02/0.03/0.05/0.07/full weight (summed scores: 0.860/0.908/0.684/0.578, 0.861/0.908/0.685/0.578, "
        "0.867/0.914/0.688/0.583, 0.871/0.918/0.689/0.586, 0.873/0.920/0.689/0.586); the larger lifts gain on the "
        "case facts but gave civil suits told in court words (five written for the check: โจทก์ฟ้องหย่า, "
        "ลูกจ้างเป็นโจทก์ฟ้องนายจ้าง...) precedent weight 0.65-1.0, 0.02 leaves them at 0-0.43 as before, so 0.02; "
        "requiring a law-text agreement as well kept them safe too but lost most of the gain (0.857/0.904). The "
        "shared places (law-text lead 1, 2, 3 x ranker places 5, 8, 10 per unit of weight) on the case facts and the "
        "56 everyday situations: lead 1 and 8 places kept every everyday figure (10 places lost one section "
        "Hit@10; a lead of 0, the ranker first, dropped everyday law Hit@1 from 0.857 to 0.625).",
        "",
        "Also measured, round 2: the case facts the law text still takes over are 47 (weight under 1); 35 of them "
        "name the parties by their court role, the rest are short fragments with no party at all (การลักกระแสไฟฟ้า, "
        "a wound's size) that only the precedents could tell. Shared places alone (no lift): "
        "0.864/0.914/0.671/0.579; the lift alone (0.02): 0.860/0.908/0.684/0.578; both: 0.870/0.918/0.685/0.584, "
        "against 0.855/0.901/0.679/0.572 for the round-1 blend on today's law text (the other helper's law-text "
        "changes moved it from the 0.850 recorded). The ranker's rows from two inner splits instead of one "
        "(every training case held out twice, twice the fit time): 0.867/0.920/0.684/0.585 against 0.870/0.918/"
        "0.685/0.584 with one (precedents only 0.871/0.925/0.683/0.570), no steadier gain, not kept. "
        "Earlier (round 1, scratch scripts in nested CV on cached opinions, no law text unless said): ranker features "
        "without law text vs. with the law-text score and rank as features: Recall@10 0.886 vs 0.896, MRR@10 0.695 "
        "vs 0.706 (the law text is not available when the model is fitted, so left out); gradient-boosted trees "
        "instead of the logistic regression 0.885/0.692/0.520 (worse); the ranker's output mixed with the law text "
        "at weight 0.05-0.2 on typical facts lost 0.02-0.12 Recall@10 (hence fill-in only); word bigrams in the "
        "TF-IDF: ranker 0.889/0.693/0.581 vs 0.886/0.695/0.580 unigrams (no gain, not kept); a second feature for "
        "the first-stage sum and its rank: no gain; a steeper fade of the law text ((1-w)^1.5, ^2) lost everyday law "
        "Hit@1 (0.839 -> 0.821/0.768). With the word-only typicality (0.12/0.18) the committed ranker measured "
        "0.835/0.887/0.665/0.584 on the case facts and 0.839/0.911/0.839 on the everyday situations. By typicality "
        "region, word-only typicality "
        "(old blend / ranker alone): typical facts (415) Recall@10 0.898/0.891, MRR@10 0.716/0.704, macro 0.561/0.601;"
        " the 62 case facts under the typicality threshold lose most of their recall to the law text (0.44 and 0.16 "
        "Recall@10 in the fading and the law-text-only bands, against 0.86 and 0.84 for the ranker alone), which is "
        "what the law-text agreement partly recovers. Earlier (before this change): kNN k 10/20/40 and "
        "similarity power 1/2/4/8 move MRR@10 within 0.64-0.67; per-section centroids (Rocchio) Recall@10 0.887, "
        "MRR@10 0.687 but macro-Recall@10 0.473; a linear SVM matched logistic regression.",
        "",
        f"Fitting the model on all {len(precedents)} cases (first stage and the ranker's 4 inner fits): "
        f"{fitting:.1f} s on this machine under the load of the other runs.",
        "",
        f"Typicality (mean cosine of the query's words and character n-grams to the precedents' centroids), case "
        "facts: 5th percentile "
        f"{sorted(best)[len(best) // 20]:.3f}, median {statistics.median(best):.3f}; everyday situations: median "
        f"{statistics.median(everyday_typicality):.3f}, max {max(everyday_typicality):.3f}. Precedents count fully "
        f"above {settings.typical_full} and not at all below {settings.typical_floor}.",
        "",
        f"### Everyday situations beyond criminal law ({len(situations)} queries, all 477 cases as precedents)",
        "",
        "| metric | situation search | round 1 | without the ranker | before | law text only (no precedents) |",
        "|---|---|---|---|---|---|",
        *[
            f"| {name} | {value:.3f} | {everyday_round_one[name]:.3f} | {everyday_first_stage[name]:.3f} "
            f"| {everyday_before[name]:.3f} "
            f"| {law_text_only[name]:.3f} |"
            for name, value in everyday_scores.items()
        ],
        "",
        f"Misses (section not in top 10 or wrong first law): {len(misses)}: "
        + ", ".join(item_id for item_id, _top, _gold in misses),
        "",
        "### Everyday situations written blind (`situations-blind.jsonl`, all 477 cases as precedents)",
        "",
        "| set | n | law Hit@1 | law Hit@3 | section Hit@10 | law text only "
        "| before (1-2: 1328558, 3: aa42b17, 4: 06aec91, 5-7: data of 06aec91) |",
        "|---|---|---|---|---|---|---|",
        *[
            f"| {label} | {n} | {row['law Hit@1']:.3f} | {row['law Hit@3']:.3f} | {row['section Hit@10']:.3f} "
            f"| {' / '.join(f'{v:.3f}' for v in text_scores.values())} "
            f"| {' / '.join(f'{v:.3f}' for v in BLIND_BEFORE[label]) if label in BLIND_BEFORE else '-'} |"
            for label, n, row, text_scores, _misses in blind_rows
        ],
        "",
        "Set 1 was written before any everyday change and its misses were read while choosing vocabulary pairs, so "
        "its figure after the change is seen, not blind; set 2 was written after that and never tuned on (the "
        "precedent side's last settings were checked on both sets, so set 2 is not fully blind to them either). "
        "Set 3 was written in round 2 before the concept table's key sections and measured once before them; "
        "one key (ค่าจ้าง -> 642571/70, the act's subject, not a rule) was dropped after reading set 3's two losses, "
        "so its figure after is seen too. Set 4 was written on 2026-11-28 by a helper who never ran the search, "
        "before that day's subject index (about 600 concepts by area, 250 everyday pairs), and was measured only "
        "before and after it (0.675 / 0.800 / 0.425), then read for round 2 (the concept boosts of the law text at "
        "2 and 2 instead of 1 and 1). Set 5 was written by another helper after the subject index and before round "
        "2; with the data of the session's start it read 0.500 / 0.575 / 0.225, with the subject index 0.550 / "
        "0.650 / 0.375, after round 2 0.575 / 0.725 / 0.400; then it was read. Set 6 was written by a third "
        "helper after round 2 and before round 3 (about 630 everyday phrases and 146 concepts with key sections, "
        "from how citizens tell civil, criminal, labour, traffic and consumer stories): 0.575 / 0.750 / 0.300 with "
        "the data of the session's start, 0.625 / 0.825 / 0.300 after round 2, 0.700 / 0.800 / 0.350 after round "
        "3 (held out). Set 7 was written by a fourth helper after round 3 and before round 4 (about 400 phrases and "
        "144 concepts for online, consumer, neighbour and land stories): 0.650 / 0.725 / 0.250 with the data of "
        "the session's start, 0.675 / 0.750 / 0.350 after round 3; round 4 left it unchanged (its figure below). "
        "The independent held-out set is the real test.",
        "",
        f"Misses (all sets): {len(blind_rows[-1][4])}: " + ", ".join(item_id for item_id, _t, _g in blind_rows[-1][4]),
        "",
        f"### Warm latency of a situation query ({int(timing['n'])} queries, precedents and law text)",
        "",
        f"p50 {timing['p50']:.1f} ms, p95 {timing['p95']:.1f} ms, max {timing['max']:.1f} ms.",
        "",
    ]
    RESULT.parent.mkdir(exist_ok=True)
    RESULT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    for item_id, top, gold in misses:
        print("MISS", item_id, top, gold)


if __name__ == "__main__":
    main()
