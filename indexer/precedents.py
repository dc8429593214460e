"""Precedents as a search source: their own Whoosh index and the similarity model built with it.

The facts of every decided case are segmented by the search core's Thai analyzer. The Whoosh
index (one document per case) answers "which cases mention these words" and keeps each case's
sections; the similarity model (TF-IDF over the same words plus character n-grams, which forgive
segmentation slips in informal Thai) finds the cases closest to a paragraph and each section's
profile (its text plus the facts of the cases that applied it), and a linear classifier per applied
section (one-vs-rest logistic regression on the same vectors) scores how likely a court is to apply
it to these facts; a second-stage ranker (:mod:`indexer.section_ranker`), fitted on those opinions about
cases held out of inner folds, weighs them and adds co-citation and the offence/general-part split. Both
are written into one fresh
folder and published by swapping a pointer, like the law index, so readers never see half a build.
"""

from __future__ import annotations

import json
import pickle
import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize
from whoosh import index as whoosh_index
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from corpus.precedents import Precedent
from indexer.section_ranker import (
    PENALTY_MARKER,
    RANKER_NEIGHBOURS,
    RANKER_VOTE_POWER,
    SectionRanker,
    SectionStatistics,
    section_features,
)

PRECEDENT_INDEX = "precedents"
MODEL_FILE = "situation-model.pkl"
MODEL_VERSION = 4
# The per-section classifiers: liblinear, class-balanced so a rare section is not drowned by murder and
# fraud. C=10 measured best of 1/10/100 (and beat a linear SVM) by 5-fold CV (benchmarks/results/situation.md).
CLASSIFIER_C = 10.0
# The second-stage ranker learns from opinions on held-out cases: inner folds of the precedents. With
# fewer cases than this there is too little to hold out and the first-stage blend ranks alone.
RANKER_FOLDS = 4
RANKER_MIN_CASES = 40
RANKER_SEED = 10


def precedent_schema() -> Schema:
    """One document per case: its id, its segmented facts, its sections and its record for display."""
    return Schema(
        id=ID(stored=True, unique=True),
        facts=TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False, stored=False),
        sections=KEYWORD(commas=True, stored=True, scorable=False),
        record=STORED(),
    )


def _pre_analyzed(terms: list[str]) -> list[str]:
    """Identity for a vectorizer fed with terms already segmented (module level, so it pickles)."""
    return terms


@dataclass
class CaseMatch:
    """A precedent close to a query: its position in the model, id, sections and cosine similarity."""

    position: int
    id: str
    sections: tuple[str, ...]
    similarity: float


class PrecedentModel:
    """Similarity of a paragraph to every precedent and to every applied section's profile.

    Fitted once per load of precedents (the classifiers take most of it: seconds for 500 cases) and
    pickled next to the index.
    """

    def __init__(
        self,
        precedents: Sequence[Precedent],
        section_texts: Mapping[str, str] | None = None,
        *,
        engine: str = "nlpo3",
        ranker: bool = True,
    ) -> None:
        from indexer.analysis import analyze

        if not precedents:
            raise ValueError("a precedent model needs at least one precedent")
        self.engine = engine
        self.version = MODEL_VERSION
        self.ids = [p.id for p in precedents]
        self.sections = [p.sections for p in precedents]
        fact_terms = [analyze(p.facts, engine) for p in precedents]
        self.word_vectorizer = TfidfVectorizer(analyzer=_pre_analyzed, sublinear_tf=True)
        self.char_vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2, max_features=50_000
        )
        words = self.word_vectorizer.fit_transform(fact_terms)
        chars = self.char_vectorizer.fit_transform([p.facts for p in precedents])
        self.case_matrix = normalize(hstack([words, chars]).tocsr())
        # The typical precedent: how much a query reads like these cases at all (a court's statement
        # of criminal facts vs. a tenant's complaint) decides how far the precedents are trusted.
        self.centroid = normalize(np.asarray(normalize(words).mean(axis=0)))
        # The same for the character n-grams: they forgive the segmenter's slips in an unusual wording.
        self.char_centroid = normalize(np.asarray(normalize(chars).mean(axis=0)))

        # A section's profile: the words of its own text and of every case that applied it.
        texts = dict(section_texts or {})
        profile_terms: dict[str, list[str]] = defaultdict(list)
        for terms, sections in zip(fact_terms, self.sections, strict=True):
            for section in sections:
                profile_terms[section].extend(terms)
        self.profile_ids = sorted(profile_terms)
        section_terms = {sid: analyze(texts[sid], engine) for sid in self.profile_ids if texts.get(sid)}
        for sid, terms in section_terms.items():
            profile_terms[sid].extend(terms)
        self.profile_vectorizer = TfidfVectorizer(analyzer=_pre_analyzed, sublinear_tf=True)
        self.profile_vectorizer.fit(fact_terms + list(section_terms.values()))
        self.profile_matrix = normalize(self.profile_vectorizer.transform([profile_terms[s] for s in self.profile_ids]))
        self.applied_count: dict[str, int] = defaultdict(int)
        for sections in self.sections:
            for section in sections:
                self.applied_count[section] += 1
        self._fit_classifiers()
        self._prepare_fast_path()
        # Offence sections (the text sets a penalty) of every law the precedents apply, applied or not:
        # the ranker's offence feature, and the law text's fill-ins for an offence no case has applied.
        self.applied_laws = frozenset(sid.partition("/")[0] for sid in self.profile_ids)
        self.offence_sections = frozenset(
            sid
            for sid, text in texts.items()
            if sid.partition("/")[0] in self.applied_laws and PENALTY_MARKER.search(text)
        )
        self.statistics = SectionStatistics.of(self.sections, self.offence_sections)
        self.ranker: SectionRanker | None = None
        if ranker and len(precedents) >= RANKER_MIN_CASES:
            self.ranker = self._fit_ranker(precedents, fact_terms, texts)

    def _fit_classifiers(self) -> None:
        """One logistic regression per applied section over the case vectors (words and characters).

        The kNN vote only sees the few closest cases; a classifier weighs every case that applied or
        did not apply a section, which ranks the right section first more often (MRR).
        """
        row_of = {sid: row for row, sid in enumerate(self.profile_ids)}
        labels = np.zeros((len(self.ids), len(self.profile_ids)), dtype=np.int8)
        for case, sections in enumerate(self.sections):
            for section in sections:
                labels[case, row_of[section]] = 1
        weights = np.zeros((len(self.profile_ids), self.case_matrix.shape[1]), dtype=np.float32)
        intercepts = np.full(len(self.profile_ids), -np.inf)
        for row in range(len(self.profile_ids)):
            target = labels[:, row]
            if target.all():  # every case applied it: no decision to learn, always likely
                intercepts[row] = np.inf
                continue
            classifier = LogisticRegression(C=CLASSIFIER_C, solver="liblinear", class_weight="balanced")
            classifier.fit(self.case_matrix, target)
            weights[row] = classifier.coef_[0]
            intercepts[row] = classifier.intercept_[0]
        self.classifier_weights = weights
        self.classifier_intercepts = intercepts

    def _fit_ranker(
        self, precedents: Sequence[Precedent], fact_terms: list[list[str]], texts: Mapping[str, str]
    ) -> SectionRanker | None:
        """The second-stage ranker, fitted on the opinions of models that never saw the case (inner CV).

        Opinions about a training case from a model fitted on it are overconfident (the classifier
        memorised it); held-out opinions are what a query will get. Costs RANKER_FOLDS more fits.
        """
        order = list(range(len(precedents)))
        random.Random(RANKER_SEED).shuffle(order)
        rows: list[np.ndarray] = []
        applied: list[bool] = []
        counts: list[int] = []
        for fold in range(RANKER_FOLDS):
            held_out = set(order[fold::RANKER_FOLDS])
            inner = PrecedentModel(
                [p for i, p in enumerate(precedents) if i not in held_out], texts, engine=self.engine, ranker=False
            )
            for case in sorted(held_out):
                candidates, features = inner.section_features(precedents[case].facts, fact_terms[case])
                gold = set(precedents[case].sections)
                rows.append(features)
                applied.extend(section in gold for section in candidates)
                counts.extend(self.applied_count.get(section, 1) for section in candidates)
        if not rows or not any(applied) or all(applied):
            return None
        return SectionRanker.fit(np.vstack(rows), np.asarray(applied), counts)

    def is_offence(self, section_id: str) -> bool:
        """Whether the section sets a penalty (only known for the laws the precedents apply)."""
        return section_id in self.offence_sections

    def section_features(self, text: str, terms: list[str]) -> tuple[list[str], np.ndarray]:
        """The ranker's candidates for a paragraph and their feature rows (see :func:`section_features`)."""
        cases, profiles, learned = self.score_sections(text, terms, RANKER_NEIGHBOURS)
        return self.features_of(cases, profiles, learned, self.typicality(terms, text))

    def features_of(
        self, cases: Sequence[CaseMatch], profiles: Mapping[str, float], learned: Mapping[str, float], typicality: float
    ) -> tuple[list[str], np.ndarray]:
        """Feature rows from opinions already computed (the query path scores a paragraph once)."""
        votes: dict[str, float] = defaultdict(float)
        vote_counts: dict[str, int] = defaultdict(int)
        for case in cases[:RANKER_NEIGHBOURS]:
            for section in case.sections:
                votes[section] += case.similarity**RANKER_VOTE_POWER
                vote_counts[section] += 1
        return section_features(votes, vote_counts, learned, profiles, typicality, self.statistics)

    def rank_sections(
        self, cases: Sequence[CaseMatch], profiles: Mapping[str, float], learned: Mapping[str, float], typicality: float
    ) -> dict[str, float]:
        """The second-stage ranker's probability for every section the precedents applied; empty without one."""
        if self.ranker is None:
            return {}
        candidates, rows = self.features_of(cases, profiles, learned, typicality)
        return dict(zip(candidates, (float(p) for p in self.ranker.probabilities(rows)), strict=True))

    def _prepare_fast_path(self) -> None:
        """Plain arrays for query-time vectorising: sklearn's per-call validation costs more than the maths."""
        self._word_columns: dict[str, int] = dict(self.word_vectorizer.vocabulary_)
        self._word_idf = np.asarray(self.word_vectorizer.idf_, dtype=np.float64)
        self._char_columns: dict[str, int] = dict(self.char_vectorizer.vocabulary_)
        self._char_idf = np.asarray(self.char_vectorizer.idf_, dtype=np.float64)
        self._profile_columns: dict[str, int] = dict(self.profile_vectorizer.vocabulary_)
        self._profile_idf = np.asarray(self.profile_vectorizer.idf_, dtype=np.float64)
        self._case_columns = self.case_matrix.tocsc()
        self._profile_columns_matrix = self.profile_matrix.tocsc()
        self._centroid = np.asarray(self.centroid).ravel()
        self._char_centroid = np.asarray(self.char_centroid).ravel()

    @staticmethod
    def _tfidf(items: list[str], columns: dict[str, int], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and L2-normalised sublinear TF-IDF values, as ``TfidfVectorizer`` computes them."""
        counts: dict[int, int] = {}
        for item in items:
            column = columns.get(item)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        index = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * idf[index]
        return index, values / np.linalg.norm(values)

    def _query_parts(self, text: str, terms: list[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        if not hasattr(self, "_word_columns"):
            self._prepare_fast_path()
        char_items = self.char_vectorizer.build_analyzer()(text)
        return {
            "word": self._tfidf(terms, self._word_columns, self._word_idf),
            "char": self._tfidf(char_items, self._char_columns, self._char_idf),
            "profile": self._tfidf(terms, self._profile_columns, self._profile_idf),
        }

    def typicality(self, terms: list[str], text: str | None = None) -> float:
        """Cosine of the query to the centroid of all precedents' facts: words, and characters when ``text`` is given.

        The mean of the two cosines: the words say what the facts are about, the character n-grams
        carry the register of a court's statement of facts even when the segmenter splits a rare
        wording badly.
        """
        if not hasattr(self, "_word_columns"):
            self._prepare_fast_path()
        index, values = self._tfidf(terms, self._word_columns, self._word_idf)
        words = float(values @ self._centroid[index]) if len(index) else 0.0
        if text is None:
            return words
        char_index, char_values = self._tfidf(
            self.char_vectorizer.build_analyzer()(text), self._char_columns, self._char_idf
        )
        chars = float(char_values @ self._char_centroid[char_index]) if len(char_index) else 0.0
        return (words + chars) / 2

    def similar_cases(self, text: str, terms: list[str], limit: int) -> tuple[list[CaseMatch], dict[str, float]]:
        """The ``limit`` closest precedents, best first, and the cosine of each section's profile."""
        cases, profile_scores, _learned = self.score_sections(text, terms, limit)
        return cases, profile_scores

    def score_sections(
        self, text: str, terms: list[str], limit: int
    ) -> tuple[list[CaseMatch], dict[str, float], dict[str, float]]:
        """The closest precedents, each section profile's cosine, and each classifier's probability (0..1)."""
        parts = self._query_parts(text, terms)
        word_index, word_values = parts["word"]
        char_index, char_values = parts["char"]
        # The stacked case vector is normalised again, as in fitting: each non-empty part weighs 1/sqrt(n).
        present = int(bool(len(word_index))) + int(bool(len(char_index)))
        similarities = np.zeros(len(self.ids))
        learned: dict[str, float] = {}
        if present:
            index = np.concatenate([word_index, char_index + len(self._word_columns)])
            values = np.concatenate([word_values, char_values]) / np.sqrt(present)
            similarities = np.asarray(self._case_columns[:, index] @ values).ravel()
            with np.errstate(over="ignore", invalid="ignore"):
                margins = self.classifier_weights[:, index].astype(np.float64) @ values + self.classifier_intercepts
                probabilities = 1.0 / (1.0 + np.exp(-margins))
            learned = {sid: float(p) for sid, p in zip(self.profile_ids, probabilities, strict=True) if p > 0}
        order = np.argsort(-similarities, kind="stable")[:limit]
        cases = [
            CaseMatch(int(i), self.ids[i], self.sections[i], float(similarities[i]))
            for i in order
            if similarities[i] > 0
        ]
        profile_index, profile_values = parts["profile"]
        profile_scores: dict[str, float] = {}
        if len(profile_index):
            profiles = np.asarray(self._profile_columns_matrix[:, profile_index] @ profile_values).ravel()
            profile_scores = {sid: float(v) for sid, v in zip(self.profile_ids, profiles, strict=True) if v > 0}
        return cases, profile_scores, learned


def build_precedent_index(
    precedents: Sequence[Precedent],
    folder: Path,
    section_texts: Mapping[str, str] | None = None,
    *,
    engine: str = "nlpo3",
) -> PrecedentModel:
    """Write the Whoosh index and the pickled model of ``precedents`` into the new, empty ``folder``."""
    from indexer.analysis import analyze

    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise ValueError(f"precedent index folder is not empty: {folder}")
    model = PrecedentModel(precedents, section_texts, engine=engine)
    index = whoosh_index.create_in(str(folder), precedent_schema(), indexname=PRECEDENT_INDEX)
    writer = index.writer()
    try:
        for precedent in precedents:
            writer.add_document(
                id=precedent.id,
                facts=" ".join(analyze(precedent.facts, engine)),
                sections=",".join(precedent.sections),
                record=json.dumps(
                    {
                        "id": precedent.id,
                        "court": precedent.court,
                        "case_number": precedent.case_number,
                        "year": precedent.year,
                    },
                    ensure_ascii=False,
                ),
            )
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    with (folder / MODEL_FILE).open("wb") as handle:
        pickle.dump(model, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return model


class PrecedentIndex:
    """An opened precedent folder: the Whoosh index (for finding cases by words) and the model."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        with (self.folder / MODEL_FILE).open("rb") as handle:
            model = pickle.load(handle)  # noqa: S301 - our own file, written by build_precedent_index
        if not isinstance(model, PrecedentModel) or getattr(model, "version", None) != MODEL_VERSION:
            raise ValueError(f"{self.folder / MODEL_FILE} was written by another version: run `precedents load`")
        self.model = model
        self.index = whoosh_index.open_dir(str(self.folder), indexname=PRECEDENT_INDEX)

    def cases_citing(self, section_id: str, limit: int = 20) -> list[str]:
        """Ids of precedents that applied ``section_id``."""
        from whoosh.query import Term

        with self.index.searcher() as searcher:
            return [hit["id"] for hit in searcher.search(Term("sections", section_id), limit=limit)]

    def __len__(self) -> int:
        return len(self.model.ids)


def precedent_root_for(index_root: Path) -> Path:
    """The precedent store beside a law index root: ``instance/index`` -> ``instance/index-precedents``.

    Beside, not inside: the law index store prunes every folder in its root but the newest builds.
    """
    return index_root.with_name(index_root.name + "-precedents")


def open_current_precedents(root: Path) -> PrecedentIndex | None:
    """The published precedent index under ``root``, or ``None`` when no precedents were loaded."""
    pointer = root / "CURRENT"
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    folder = root / name
    return PrecedentIndex(folder) if name and folder.is_dir() else None
