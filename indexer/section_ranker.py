"""Second-stage ranking of the sections the precedents suggest (stacking).

The precedent model gives every section it has seen applied four opinions: the similarity-weighted
vote of the closest cases, the classifier's probability, the cosine to the section's profile, and
how often courts apply it at all. Summing their normalised scores (the first design) weighs them the
same for every section; a small logistic regression over per-candidate features learns how much each
opinion is worth, and adds two signals a sum cannot use: which sections courts apply *together*
(83 principals with 288 murder, 80 attempt with 288) and whether a section is an offence (its text
sets a penalty of its own, ``ต้องระวางโทษจำคุก``) or a general-part rule that rides along with one.

The features of the training rows come from precedent models fitted *without* the row's own case
(inner cross-validation in :class:`indexer.precedents.PrecedentModel`), so the ranker learns how the
opinions behave on unseen facts, not on facts the classifiers memorised. Knows nothing of HTTP.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

# What makes a section an offence: its text sets a penalty of its own (ต้องระวางโทษจำคุก...). General-part
# rules say ต้องระวางโทษ too, but of another section (83 principals: ต้องระวางโทษตามที่กฎหมายกำหนดไว้...).
PENALTY_MARKER = re.compile(r"ต้องระวางโทษ\s*(?:ประหารชีวิต|จำคุก|กักขัง|ปรับ)")
# The ranker's own view of the closest cases: the 20 closest, similarity squared, as the first design.
RANKER_NEIGHBOURS = 20
RANKER_VOTE_POWER = 2.0
# Co-citation looks at the sections the classifiers rate highest.
COCITATION_ANCHORS = 3
# A positive row weighs ``applied_count ** -FREQUENCY_DAMPING`` (then rescaled): a rare section's cases
# count more, so the ranker does not learn "murder and fraud are always likely". 0.5 measured best
# for macro-Recall@10 among 0/0.25/0.5/0.75/1 by nested CV (benchmarks/results/situation.md).
FREQUENCY_DAMPING = 0.5
RANKER_C = 1.0
FEATURE_NAMES = (
    "vote",
    "vote_share",
    "learned",
    "learned_relative",
    "learned_rank",
    "profile_relative",
    "profile_rank",
    "prior",
    "cocitation",
    "offence",
    "typicality",
)


@dataclass(frozen=True)
class SectionStatistics:
    """What the training cases say about sections regardless of the query: frequency and co-citation."""

    applied_count: Mapping[str, int]
    together: Mapping[str, Mapping[str, int]]
    cases: int
    offences: frozenset[str]

    @classmethod
    def of(cls, sections_per_case: Sequence[Sequence[str]], offences: frozenset[str]) -> SectionStatistics:
        count: Counter[str] = Counter()
        together: dict[str, Counter[str]] = {}
        for sections in sections_per_case:
            for section in sections:
                count[section] += 1
                row = together.setdefault(section, Counter())
                for other in sections:
                    if other != section:
                        row[other] += 1
        return cls(dict(count), {k: dict(v) for k, v in together.items()}, len(sections_per_case), offences)


def _ranks(scores: Mapping[str, float]) -> dict[str, int]:
    """Each key's place when sorted best first (ties by key, so the ranking is stable)."""
    ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return {key: rank for rank, (key, _value) in enumerate(ordered)}


def section_features(
    votes: Mapping[str, float],
    vote_counts: Mapping[str, int],
    learned: Mapping[str, float],
    profiles: Mapping[str, float],
    typicality: float,
    statistics: SectionStatistics,
) -> tuple[list[str], np.ndarray]:
    """The candidates (every section the training cases applied) and one feature row for each.

    Scores are relative to the query's best (the sum of opinions a query gets varies with its length);
    ranks are ``1 / (1 + rank)`` so only the head of each list matters.
    """
    candidates = sorted(statistics.applied_count)
    top_vote = max(votes.values(), default=0.0) or 1.0
    top_learned = max(learned.values(), default=0.0) or 1.0
    top_profile = max(profiles.values(), default=0.0) or 1.0
    learned_rank, profile_rank = _ranks(learned), _ranks(profiles)
    anchors = sorted(learned, key=lambda key: (-learned[key], key))[:COCITATION_ANCHORS]
    log_cases = np.log1p(statistics.cases) or 1.0
    rows = np.zeros((len(candidates), len(FEATURE_NAMES)))
    for row, section in enumerate(candidates):
        # How often a court that applied an anchor section applied this one too.
        cocitation = max(
            (
                statistics.together.get(anchor, {}).get(section, 0) / statistics.applied_count[anchor]
                for anchor in anchors
                if anchor != section and statistics.applied_count.get(anchor)
            ),
            default=0.0,
        )
        rows[row] = (
            votes.get(section, 0.0) / top_vote,
            vote_counts.get(section, 0) / RANKER_NEIGHBOURS,
            learned.get(section, 0.0),
            learned.get(section, 0.0) / top_learned,
            1.0 / (1 + learned_rank.get(section, 99)),
            profiles.get(section, 0.0) / top_profile,
            1.0 / (1 + profile_rank.get(section, 99)),
            np.log1p(statistics.applied_count[section]) / log_cases,
            cocitation,
            float(section in statistics.offences),
            typicality,
        )
    return candidates, rows


class SectionRanker:
    """A logistic regression over :func:`section_features`: the probability that a candidate applies."""

    def __init__(self, coefficients: np.ndarray, intercept: float) -> None:
        self.coefficients = coefficients
        self.intercept = intercept

    @classmethod
    def fit(
        cls, rows: np.ndarray, applied: np.ndarray, applied_count: Sequence[int], damping: float = FREQUENCY_DAMPING
    ) -> SectionRanker:
        """Fit on held-out feature rows; ``applied_count`` is each row's section frequency (for weighting)."""
        weights = np.ones(len(applied))
        positive = applied.astype(bool)
        counts = np.maximum(np.asarray(applied_count, dtype=np.float64), 1.0)
        weights[positive] = counts[positive] ** -damping
        if positive.any():  # the positives keep their total weight: only their balance among sections changes
            weights[positive] *= positive.sum() / weights[positive].sum()
        model = LogisticRegression(C=RANKER_C, max_iter=3000)
        model.fit(rows, positive, sample_weight=weights)
        return cls(model.coef_[0].astype(np.float64), float(model.intercept_[0]))

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            return 1.0 / (1.0 + np.exp(-(rows @ self.coefficients + self.intercept)))

    def weights(self) -> dict[str, float]:
        """Each feature's coefficient, for the docs and for a reader asking why."""
        return dict(zip(FEATURE_NAMES, (float(c) for c in self.coefficients), strict=True))
