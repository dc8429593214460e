"""The one search function of the portal: the site, the API and the CLI all call :func:`search`.

A query is read in this order (see :func:`search`):
1. cleaned and cut to ``MAX_QUERY_CHARS`` (with a notice);
2. a citation (``ป.พ.พ. ม.420``) -> that section first and ``jump_to`` it;
3. a description of a situation (a paragraph) -> the situation search hook, then keyword search
   over the ``PARAGRAPH_TERMS`` rarest terms;
4. otherwise keywords, in two stages: laws ranked on the law index (one document per law, so a
   term has at most one posting per law) weighted by how many of the query's terms each law uses,
   blended with the law's best section and multiplied by its authority (laws citing it; superseded
   laws below their successors, :mod:`indexer.authority`), so the act that governs a topic comes
   first; then the best sections inside each law on the page only, the sections their law's other
   sections cite first. Before that, a compound no law writes whole is cut into indexed words, a
   rare word the laws write inside longer words brings those words (บาดาล -> น้ำบาดาล), a typo is
   repaired, and everyday words given their legal terms (:func:`expand_terms`). Quoted phrases must
   occur in the section text.
Queries are analysed into terms and scored on the Whoosh indexes' postings (cached as arrays,
:mod:`indexer.postings`), never parsed as query syntax, so ``* ? ~ ^ : ( ) AND OR NOT`` are plain text.
"""

from __future__ import annotations

import html
import json
import math
import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index as whoosh_index
from whoosh import scoring
from whoosh.searching import Searcher

from corpus.thai import section_id, to_arabic_digits
from indexer.analysis import _segmenter, analyze, check_engine
from indexer.authority import LawAuthority, read_authority
from indexer.build import META_FILE, STORE_FILE
from indexer.compounds import MIN_PART_CHARS, cut_compound
from indexer.concepts import ConceptIndex
from indexer.normalize import normalize_text
from indexer.notices import N_, Notice
from indexer.postings import PostingsScorer
from indexer.schema import LAWS, SECTIONS

MAX_QUERY_CHARS = 2000
MAX_PER_PAGE = 100
# A query with more distinct terms than this reads as a description, not keywords.
PARAGRAPH_MIN_TERMS = 16
# Terms kept of a paragraph: the rarest ones (feasibility note: K=8 is fastest and no worse).
PARAGRAPH_TERMS = 8
SNIPPET_CHARS = 180

# BM25F field weights and the coverage power, chosen on the non-citation queries of
# benchmarks/queries/search-queries.jsonl that are not marked blind: the table is
# benchmarks/results/weights.md (python -m benchmarks.bench_weights), with the blind queries' figures
# beside it. Title boosts above 1 lose to coverage of the text.
SECTION_FIELD_WEIGHTS = {"text": 1.0, "divisions": 0.6}
LAW_FIELD_WEIGHTS = {"title": 1.0, "divisions": 1.0, "body": 1.0}
LAW_FIELD_WEIGHTS_ALL = ("title", "divisions", "body")
COVERAGE_POWER = 1.0
# How a law's score is blended (chosen on data, benchmarks/results/weights.md): the whole-law score
# above and the score of its best section (section BM25F * section coverage ** COVERAGE_POWER), each
# scaled to the best candidate, mixed with PASSAGE_SHARE; a big code has one section on the topic but
# a long text that BM25's length normalisation discounts. Then the authority prior of
# indexer.authority (laws citing it) ** AUTHORITY_POWER, and SUPERSEDED_FACTOR for a law repealed or
# marked not current, so its successor comes first.
PASSAGE_SHARE = 0.5
AUTHORITY_POWER = 0.25
SUPERSEDED_FACTOR = 0.5
# Inside a law, a section's score falls by up to this share from the first section to the last:
# an act states its rules before the details and exceptions (chosen on data, weights.md).
SECTION_PLACE_DECAY = 0.2
# BM25 length normalisation of the section index (0 ignores a section's length, 1 divides by it).
SECTION_LENGTH_B = 0.75
LAW_LENGTH_B = 0.5
# A section the other sections of its law cite is a rule they build on (ค่าชดเชย 118, ทายาทโดยธรรม
# 1629): inside its law it is raised by 1 + REFERENCE_WEIGHT * log(1 + citing sections); the order of
# the laws does not change.
REFERENCE_WEIGHT = 0.2
NAMED_LAW_BONUS = 1000.0
# A law that governs a concept the query names (indexer/data/legal_concepts.tsv, shared with the
# situation search) counts this much more; a key section of such a concept, inside its law, too.
# With the subject index of about 200 acts, 1 to 5 all gain on every query set; 2 (three times) was
# chosen (benchmarks/results/weights.md): naming a concept all but elects the act that governs it.
CONCEPT_BOOST = 2.0
KEY_SECTION_BOOST = 1.0
SORTS = ("relevance", "newest")

_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]*)[\"“”«»]")
_QUOTE_CHARS = re.compile(r"[\"“”«»]")


class QueryError(ValueError):
    """A query that cannot be run as given, with a message for the person who typed it."""


@dataclass(frozen=True)
class SearchFilters:
    """Facets a search is narrowed to; ``None`` means any."""

    law_type: str | None = None
    group: str | None = None
    year_from: int | None = None
    year_to: int | None = None

    def is_empty(self) -> bool:
        return not (self.law_type or self.group or self.year_from or self.year_to)


@dataclass(frozen=True)
class SearchQuery:
    """What a person asked for, already parsed from a form, API call or command line."""

    text: str
    filters: SearchFilters = field(default_factory=SearchFilters)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    sections_per_law: int = 3
    include_drafts: bool = False  # kept for the hearings feature; drafts are not indexed yet
    # A description of a situation gets the situation answer (issue 10); False: plain keyword results.
    situation: bool = True

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise QueryError(f"unknown sort {self.sort!r}; choose one of {', '.join(SORTS)}")
        if self.page < 1:
            raise QueryError("page must be 1 or more")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise QueryError(f"per_page must be between 1 and {MAX_PER_PAGE}")
        if self.sections_per_law < 1:
            raise QueryError("sections_per_law must be 1 or more")


@dataclass
class SearchHit:
    """One section found: canonical ids, its law's title, its label, score and a snippet.

    ``snippet`` is HTML: escaped text with ``<mark>`` around matched words.
    """

    id: str
    law: str
    title: str
    section_label: str
    score: float
    snippet: str = ""
    why: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The stable JSON shape of the CLI and API."""
        return {"id": self.id, "law": self.law, "title": self.title, "score": round(self.score, 4)}


@dataclass
class LawGroup:
    """A law in the results with its best sections under it, for pages that group by law."""

    law: str
    title: str
    score: float
    hits: list[SearchHit]


@dataclass
class SearchResponse:
    """The answer to a :class:`SearchQuery`: a page of hits and what to tell the reader."""

    query: str
    mode: str  # "empty", "citation", "keyword", "phrase", "paragraph"
    hits: list[SearchHit] = field(default_factory=list)
    groups: list[LawGroup] = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = 10
    notices: list[str] = field(default_factory=list)
    jump_to: str | None = None
    did_you_mean: str | None = None
    terms: list[str] = field(default_factory=list)
    # Set for mode "situation": similar cases, how much precedents counted, vocabulary used (issue 10).
    situation: dict[str, Any] | None = None

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


@dataclass(frozen=True)
class LawInfo:
    """Metadata of an indexed law, loaded once when the index opens."""

    law: str
    title: str
    short_titles: tuple[str, ...]
    law_type: str
    groups: tuple[str, ...]
    year_be: int | None
    section_count: int
    is_current: bool


@dataclass(frozen=True)
class SectionRecord:
    """A section as the snippet store keeps it."""

    id: str
    law: str
    number: str
    label: str
    position: int
    text: str


class SearchIndex:
    """An open index folder: the Whoosh section and law indexes plus the snippet store.

    Safe to share between threads: each thread gets its own searchers and database connection.
    ``text_lookup`` overrides where section text for snippets and phrases comes from.
    """

    def __init__(self, folder: Path | str, text_lookup: Callable[[str], str | None] | None = None) -> None:
        self.folder = Path(folder)
        meta = json.loads((self.folder / META_FILE).read_text(encoding="utf-8"))
        self.engine = check_engine(str(meta["engine"]))
        self.meta = meta
        self._sections = whoosh_index.open_dir(str(self.folder), indexname=SECTIONS)
        self._laws = whoosh_index.open_dir(str(self.folder), indexname=LAWS)
        self._local = threading.local()
        self._scorer_lock = threading.Lock()
        self._scorers: dict[str, PostingsScorer] = {}
        self.section_laws = np.zeros(0, dtype=str)
        self.text_lookup = text_lookup
        self.laws: dict[str, LawInfo] = {}
        for row in self._db().execute(
            "SELECT law, title, short_titles, law_type, groups, year_be, section_count, is_current FROM laws"
        ):
            law, title, shorts, law_type, groups, year_be, count, current = row
            self.laws[law] = LawInfo(
                law,
                title,
                tuple(json.loads(shorts)),
                law_type,
                tuple(json.loads(groups)),
                year_be,
                count,
                bool(current),
            )

    def _db(self) -> sqlite3.Connection:
        connection = getattr(self._local, "db", None)
        if connection is None:
            connection = sqlite3.connect(f"file:{self.folder / STORE_FILE}?mode=ro", uri=True)
            self._local.db = connection
        return connection

    def _searcher(self, name: str) -> Searcher:
        searchers = getattr(self._local, "searchers", None)
        if searchers is None:
            searchers = self._local.searchers = {}
        if name not in searchers:
            index = self._sections if name == SECTIONS else self._laws
            weights = SECTION_FIELD_WEIGHTS if name == SECTIONS else LAW_FIELD_WEIGHTS
            model = scoring.BM25F(B=0.75, K1=1.2, **{f"{field}_B": 0.75 for field in weights})
            searchers[name] = index.searcher(weighting=model)
        return searchers[name]

    @property
    def section_searcher(self) -> Searcher:
        return self._searcher(SECTIONS)

    @property
    def law_searcher(self) -> Searcher:
        return self._searcher(LAWS)

    def close(self) -> None:
        """Close this thread's searchers and connection."""
        for searcher in getattr(self._local, "searchers", {}).values():
            searcher.close()
        self._local.searchers = {}
        connection = getattr(self._local, "db", None)
        if connection is not None:
            connection.close()
            self._local.db = None

    def section(self, section_id_: str) -> SectionRecord | None:
        """A section's label and text by canonical id, or ``None``."""
        row = (
            self._db()
            .execute("SELECT id, law, number, label, position, text FROM sections WHERE id = ?", (section_id_,))
            .fetchone()
        )
        if row is None:
            return None
        record = SectionRecord(*row)
        if self.text_lookup is not None:
            text = self.text_lookup(record.id)
            if text is not None:
                record = SectionRecord(record.id, record.law, record.number, record.label, record.position, text)
        return record

    def first_sections(self, law: str, count: int) -> list[SectionRecord]:
        """The first ``count`` sections of a law in reading order (preamble first)."""
        rows = (
            self._db()
            .execute("SELECT id FROM sections WHERE law = ? ORDER BY position LIMIT ?", (law, count))
            .fetchall()
        )
        return [record for (sid,) in rows if (record := self.section(sid)) is not None]

    @property
    def law_scorer(self) -> PostingsScorer:
        """Cached-postings BM25F over the law index (built on first use, shared by threads)."""
        return self._scorer(LAWS)

    @property
    def section_scorer(self) -> PostingsScorer:
        """Cached-postings BM25F over the section index (built on first use, shared by threads)."""
        return self._scorer(SECTIONS)

    def _scorer(self, name: str) -> PostingsScorer:
        with self._scorer_lock:
            scorer = self._scorers.get(name)
            if scorer is None:
                if name == LAWS:
                    reader = self._laws.reader()
                    scorer = PostingsScorer(reader, tuple(LAW_FIELD_WEIGHTS_ALL), "law", b=LAW_LENGTH_B)
                else:
                    reader = self._sections.reader()
                    scorer = PostingsScorer(reader, tuple(SECTION_FIELD_WEIGHTS), "id", b=SECTION_LENGTH_B)
                    self.section_laws = np.array([key.split("/", 1)[0] for key in scorer.keys])
                self._scorers[name] = scorer
            return scorer

    @cached_property
    def authority(self) -> LawAuthority:
        """Citations between laws and repeals (``indexer.authority``), read once from the folder."""
        return read_authority(self.folder)

    @cached_property
    def law_priors(self) -> np.ndarray:
        """Per law-index document: authority prior ** AUTHORITY_POWER, times SUPERSEDED_FACTOR if superseded."""
        keys = self.law_scorer.keys
        authority = self.authority
        return np.array(
            [
                authority.prior(key) ** AUTHORITY_POWER * (SUPERSEDED_FACTOR if authority.is_superseded(key) else 1.0)
                for key in keys
            ],
            dtype=np.float32,
        )

    @cached_property
    def section_places(self) -> np.ndarray:
        """Per section-index document, its place in its law: 0 for the first section, 1 for the last."""
        rows = self._db().execute("SELECT id, position FROM sections").fetchall()
        position = dict(rows)
        keys = self.section_scorer.keys
        counts = {law: max(info.section_count - 1, 1) for law, info in self.laws.items()}
        return np.array([position.get(key, 0) / counts.get(key.split("/", 1)[0], 1) for key in keys], dtype=np.float32)

    @cached_property
    def section_references(self) -> np.ndarray:
        """Per section-index document, how many other sections of its law cite it (counted once per index)."""
        from indexer.lawtext import stored_reference_counts

        counts = stored_reference_counts(self._db())
        return np.array([counts.get(key, 0) for key in self.section_scorer.keys], dtype=np.float32)

    @cached_property
    def concepts(self) -> ConceptIndex:
        """The reviewed concepts (``legal_concepts.tsv``) as document numbers of this index."""
        return ConceptIndex.of(self.law_scorer.keys, self.section_scorer.keys)

    @cached_property
    def section_law_docs(self) -> np.ndarray:
        """Per section-index document, the law-index document number of its law (-1 if none)."""
        position = {key: docnum for docnum, key in enumerate(self.law_scorer.keys)}
        _ = self.section_scorer  # builds section_laws
        return np.array([position.get(str(law), -1) for law in self.section_laws], dtype=np.int64)

    def words_starting(self, prefix: str, limit: int) -> list[str]:
        """Up to ``limit`` indexed words of section texts that begin with ``prefix``, most frequent first."""
        searcher = self.section_searcher
        words = []
        for raw in searcher.reader().expand_prefix("text", prefix):
            word = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
            if word != prefix:
                words.append(word)
        return sorted(words, key=lambda word: (-searcher.doc_frequency("text", word), word))[:limit]

    @cached_property
    def text_words(self) -> list[str]:
        """Every indexed word of section texts (the lexicon, about 13,000 words on the real corpus)."""
        reader = self.section_searcher.reader()
        return [word.decode("utf-8") if isinstance(word, bytes) else str(word) for word in reader.lexicon("text")]

    def words_containing(self, part: str, limit: int, boundary: bool = False) -> list[str]:
        """Up to ``limit`` indexed words of section texts that contain ``part`` inside them, most frequent first.

        With ``boundary``, what the word holds around ``part`` must itself be words (น้ำ + บาดาล), not a
        stray letter: ลักทรัพย์ (theft) is written inside หลักทรัพย์ (securities), ห + ลักทรัพย์.
        """
        words = [
            word
            for word in self.text_words
            if part in word and word != part and (not boundary or self._is_words_around(word, part))
        ]
        return sorted(words, key=lambda word: (-self.document_frequency(word), word))[:limit]

    def _is_words_around(self, word: str, part: str) -> bool:
        """Whether ``word`` minus its first ``part`` leaves only whole indexed words of two letters or more."""
        before, _, after = word.partition(part)
        for rest in (before, after):
            if rest and not all(len(token) >= 2 and self.document_frequency(token) > 0 for token in self.analyze(rest)):
                return False
        return True

    def idf(self, term: str) -> float:
        """The inverse document frequency of ``term`` over section texts (0 for an unknown term)."""
        frequency = self.document_frequency(term)
        if frequency == 0:
            return 0.0
        return math.log(1 + (self.section_count - frequency + 0.5) / (frequency + 0.5))

    def document_frequency(self, term: str) -> int:
        """How many sections contain ``term`` in their text."""
        return int(self.section_searcher.doc_frequency("text", term))

    @property
    def section_count(self) -> int:
        return int(self.section_searcher.doc_count())

    @cached_property
    def law_names(self) -> Any:
        """The title/short-title/abbreviation resolver over the indexed laws (``indexer.lawnames``)."""
        from indexer.lawnames import LawNames

        return LawNames.from_rows((info.law, info.title, info.is_current) for info in self.laws.values())

    def analyze(self, text: str) -> list[str]:
        """Terms of ``text`` with the engine this index was built with."""
        return analyze(text, self.engine)


# ---------------------------------------------------------------------------------------------
# Reading the query


@dataclass
class ParsedQuery:
    """A query split into what each stage needs."""

    text: str
    terms: list[str]
    phrases: list[str]
    notices: list[str]


def clean_query(raw: str) -> tuple[str, list[str]]:
    """The query as searched (no control characters, at most ``MAX_QUERY_CHARS``) and notices."""
    notices: list[str] = []
    text = raw if isinstance(raw, str) else str(raw)
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]", " ", text)
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notices.append(Notice(N_("คำค้นยาวเกิน %(limit)s ตัวอักษร จึงค้นเฉพาะ %(limit)s ตัวอักษรแรก"), limit=MAX_QUERY_CHARS))
    return " ".join(text.split()), notices


def parse_query(raw: str, analyzer: Callable[[str], list[str]]) -> ParsedQuery:
    """Split a query into distinct terms and quoted phrases; never raises on any string."""
    text, notices = clean_query(raw)
    phrases = [p.strip() for p in _QUOTED.findall(text) if p.strip()]
    unquoted = _QUOTE_CHARS.sub(" ", text)
    terms = list(dict.fromkeys(analyzer(unquoted)))
    return ParsedQuery(text=text, terms=terms, phrases=phrases, notices=notices)


# A part of an unknown compound may stand for the indexed words it begins (แท้ง -> แท้งลูก) when at
# least this long (indexer.compounds: a part shorter than MIN_PART_CHARS is a syllable, not a word);
# it brings at most PREFIX_WORDS words, the most frequent.
MIN_PREFIX_CHARS = 4
PREFIX_WORDS = 3
_THAI_WORD = re.compile(r"^[\u0e01-\u0e4e]+$")
# A query word the laws write mostly inside longer words (ประมาท in กระทำโดยประมาท, บาดาล in
# น้ำบาดาล): the dictionaries cut the query and the laws differently. A word found in fewer than
# CONTAINED_MAX_DF sections brings the CONTAINED_WORDS most frequent indexed words containing it
# that are more frequent than the word itself.
CONTAINED_MAX_DF = 20
CONTAINED_WORDS = 3


def split_unknown(index: SearchIndex, term: str) -> list[str]:
    """The indexed words of a compound no section contains (ภาษีมรดก -> ภาษี มรดก), or ``[]``.

    Cut into the fewest pieces that are indexed words, or beginnings of indexed words (แท้ง ->
    แท้งลูก) at a higher cost (:func:`indexer.compounds.cut_compound`).
    """
    if not _THAI_WORD.match(term) or len(term) < MIN_PART_CHARS or index.document_frequency(term) > 0:
        return []
    return cut_compound(
        term,
        lambda piece: index.document_frequency(piece) > 0,
        lambda piece: index.words_starting(piece, PREFIX_WORDS),
        MIN_PREFIX_CHARS,
    )


def correct_terms(index: SearchIndex, terms: list[str]) -> list[str]:
    """``terms`` with each typo repaired: a run of fragments no section contains, joined to the word
    before it, replaced by the indexed word one edit away (เลิก จ้า งง -> เลิกจ้าง).

    A misspelled Thai word falls apart into unknown fragments; the repaired word is what the
    canonical spelling is segmented into, so a typo finds what the right spelling finds. A run that
    cannot be repaired is kept as it is (it scores nothing).
    """
    from indexer.suggest import closest_term

    repaired: list[str] = []
    position = 0
    while position < len(terms):
        term = terms[position]
        if index.document_frequency(term) > 0 or not _THAI_WORD.match(term):
            repaired.append(term)
            position += 1
            continue
        end = position
        while end < len(terms) and index.document_frequency(terms[end]) == 0 and _THAI_WORD.match(terms[end]):
            end += 1
        run = "".join(terms[position:end])
        joined = closest_term(index, repaired[-1] + run, max_edits=1) if repaired else None
        if joined is not None:
            repaired[-1] = joined
        else:
            alone = closest_term(index, run, max_edits=1) if end - position > 1 else None
            repaired.extend([alone] if alone is not None else terms[position:end])
        position = end
    return list(dict.fromkeys(repaired))


def expand_terms(index: SearchIndex, terms: list[str], text: str) -> list[str]:
    """``terms`` plus the words of unknown compounds and the legal terms of everyday words.

    Everyday words come from the reviewed table ``indexer/data/everyday_legal.tsv`` the situation
    search uses (ค่าเลี้ยงลูก -> ค่าอุปการะเลี้ยงดู): a citizen's word the laws do not use.
    """
    from indexer.situation import find_everyday_words

    expanded = list(terms)
    for term in terms:
        expanded.extend(split_unknown(index, term))
    if len(expanded) == len(terms) and any(index.document_frequency(term) == 0 for term in terms):
        expanded = correct_terms(index, terms)
    for term in list(expanded):
        expanded.extend(_containing_words(index, term))
    for match in find_everyday_words(text, terms=terms):
        expanded.extend(index.analyze(match.legal))
    return list(dict.fromkeys(expanded))


def _containing_words(index: SearchIndex, term: str) -> list[str]:
    """The indexed words that hold ``term`` and are more frequent than it, for a rare Thai word."""
    frequency = index.document_frequency(term)
    if frequency >= CONTAINED_MAX_DF or len(term) < MIN_PREFIX_CHARS or not _THAI_WORD.match(term):
        return []
    return [
        word
        for word in index.words_containing(term, CONTAINED_WORDS, boundary=True)
        if index.document_frequency(word) > frequency
    ]


def _passes(info: LawInfo, filters: SearchFilters) -> bool:
    """Whether a law passes the filters (every filter is a property of the law)."""
    year = info.year_be or 0
    return (
        (not filters.law_type or info.law_type == filters.law_type)
        and (not filters.group or filters.group in info.groups)
        and (not filters.year_from or year >= filters.year_from)
        and (not filters.year_to or (bool(info.year_be) and year <= filters.year_to))
    )


def select_terms(index: SearchIndex, terms: list[str], keep: int) -> list[str]:
    """The ``keep`` rarest terms that occur at all: a paragraph's distinctive words."""
    frequencies = {term: index.document_frequency(term) for term in terms}
    present = [term for term in terms if frequencies[term] > 0]
    return sorted(present, key=lambda term: frequencies[term])[:keep]


# ---------------------------------------------------------------------------------------------
# Ranking


@dataclass
class _Ranked:
    """Laws in order with their scored sections, before paging."""

    law_scores: dict[str, float] = field(default_factory=dict)
    sections: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    why: dict[str, dict[str, Any]] = field(default_factory=dict)
    passages: np.ndarray | None = None


def _alternatives(index: SearchIndex, terms: list[str]) -> dict[str, list[str]]:
    """For each rare query word, the query's longer words that contain it (ประมาท: กระทำโดยประมาท).

    The longer words were brought by :func:`_containing_words`; they stand for the same word, so a
    law that writes only the longer one covers the word (:meth:`PostingsScorer.coverage`).
    """
    found: dict[str, list[str]] = {}
    for term in terms:
        if len(term) < MIN_PREFIX_CHARS or index.document_frequency(term) >= CONTAINED_MAX_DF:
            continue
        longer = [other for other in terms if term in other and other != term]
        if longer:
            found[term] = longer
    return found


def _term_weights(
    index: SearchIndex, terms: list[str], alternatives: dict[str, list[str]] | None = None
) -> dict[str, float]:
    """Each term's share of the query: its IDF over section texts, summing to 1.

    A word that stands for a rarer query word inside it (:func:`_alternatives`, computed here unless
    given) has no share of its own: it counts as that word.
    """
    if alternatives is None:
        alternatives = _alternatives(index, terms)
    standing_in = {word for longer in alternatives.values() for word in longer}
    weights = {
        # A word no section writes alone (บาดาล) weighs what its rarest longer spelling weighs.
        term: 0.0
        if term in standing_in
        else index.idf(term) or max((index.idf(w) for w in alternatives.get(term, [])), default=0.0)
        for term in terms
    }
    total = sum(weights.values()) or 1.0
    return {term: weight / total for term, weight in weights.items()}


def _passages(
    index: SearchIndex, terms: list[str], weights: dict[str, float], alternatives: dict[str, list[str]] | None = None
) -> np.ndarray:
    """Per section: BM25F * coverage ** COVERAGE_POWER, the section that says most of the query."""
    scorer = index.section_scorer
    if not terms:
        return np.zeros(scorer.size, dtype=np.float32)
    if alternatives is None:
        alternatives = _alternatives(index, terms)
    coverage = scorer.coverage(terms, weights, alternatives)
    return scorer.scores(terms, SECTION_FIELD_WEIGHTS) * coverage**COVERAGE_POWER


def _scaled(values: np.ndarray) -> np.ndarray:
    top = float(values.max()) if values.size else 0.0
    return values / top if top > 0 else values


def _rank_laws(index: SearchIndex, terms: list[str], query: SearchQuery, named_laws: list[str]) -> _Ranked:
    """Stage 1: rank laws on the law index and on their best section.

    ``law = law BM25F * coverage ** COVERAGE_POWER``; coverage is the IDF-weighted share of the
    query's terms the law uses at all: the act that governs a topic uses every word of it, an act
    that only names one of them in its title does not. ``best`` is the law's best section
    (:func:`_passages`). Both scaled to the best candidate, blended by PASSAGE_SHARE, times the law's
    prior (:attr:`SearchIndex.law_priors`). A law the query names comes first.
    """
    ranked = _Ranked()
    named_laws = [law for law in named_laws if law in index.laws and _passes(index.laws[law], query.filters)]
    scorer = index.law_scorer
    alternatives = _alternatives(index, terms)
    weights = _term_weights(index, terms, alternatives)
    bm25 = scorer.scores(terms, LAW_FIELD_WEIGHTS) if terms else np.zeros(scorer.size, dtype=np.float32)
    coverage = scorer.coverage(terms, weights, alternatives)
    whole = bm25 * coverage**COVERAGE_POWER
    ranked.passages = _passages(index, terms, weights, alternatives)
    best = np.zeros(scorer.size, dtype=np.float32)
    matched = np.nonzero(ranked.passages > 0)[0]
    owners = index.section_law_docs[matched]
    keep = owners >= 0
    np.maximum.at(best, owners[keep], ranked.passages[matched[keep]])
    final = ((1 - PASSAGE_SHARE) * _scaled(whole) + PASSAGE_SHARE * _scaled(best)) * index.law_priors
    governing = index.concepts.governing_concepts(terms)
    if CONCEPT_BOOST and governing:
        final[list(governing)] *= 1.0 + CONCEPT_BOOST
    named_docs = {docnum for docnum, key in enumerate(scorer.keys) if key in named_laws}
    candidates = set(np.nonzero(final > 0)[0].tolist()) | named_docs
    for docnum in candidates:
        law = scorer.keys[docnum]
        info = index.laws.get(law)
        if info is None or not scorer.live[docnum] or not _passes(info, query.filters):
            continue
        named = docnum in named_docs
        ranked.law_scores[law] = float(final[docnum]) + (NAMED_LAW_BONUS if named else 0.0)
        ranked.why[law] = {
            "law_score": round(float(bm25[docnum]), 4),
            "coverage": round(float(coverage[docnum]), 3),
            "best_section": round(float(best[docnum]), 4),
            "prior": round(float(index.law_priors[docnum]), 3),
        }
        if named:
            ranked.why[law]["named"] = True
        if governing.get(docnum):
            ranked.why[law]["concepts"] = governing[docnum]
    return ranked


def _rank_sections(
    index: SearchIndex, terms: list[str], laws: list[str], limit: int, passages: np.ndarray | None = None
) -> dict[str, list[tuple[str, float]]]:
    """Stage 2: the best ``limit`` sections inside each of ``laws`` (by :func:`_passages`)."""
    found: dict[str, list[tuple[str, float]]] = {}
    if not terms or not laws:
        return found
    scorer = index.section_scorer
    scores = passages if passages is not None else _passages(index, terms, _term_weights(index, terms))
    if SECTION_PLACE_DECAY:
        scores = scores * (1.0 - SECTION_PLACE_DECAY * index.section_places)
    if REFERENCE_WEIGHT:
        scores = scores * (1.0 + REFERENCE_WEIGHT * np.log1p(index.section_references))
    key_sections = index.concepts.key_sections(terms)
    if KEY_SECTION_BOOST and key_sections:
        scores = scores.copy()
        scores[list(key_sections)] *= 1.0 + KEY_SECTION_BOOST
    matched = np.nonzero(scores > 0)[0]
    matched = matched[np.isin(index.section_laws[matched], laws)]
    for docnum in matched[np.argsort(-scores[matched], kind="stable")].tolist():
        law = str(index.section_laws[docnum])
        sections = found.setdefault(law, [])
        if len(sections) < limit:
            sections.append((scorer.keys[docnum], float(scores[docnum])))
    return found


def _order_laws(index: SearchIndex, ranked: _Ranked, sort: str) -> list[str]:
    laws = sorted(ranked.law_scores, key=lambda law: (-ranked.law_scores[law], law))
    if sort == "newest":
        laws.sort(key=lambda law: -(index.laws[law].year_be or 0) if law in index.laws else 0)
    return laws


def _phrase_matches(index: SearchIndex, section_id_: str, phrases: list[str]) -> bool:
    record = index.section(section_id_)
    if record is None:
        return False
    haystack = "".join(normalize_text(record.text).split())
    return all("".join(normalize_text(phrase).split()) in haystack for phrase in phrases)


def _layout(
    index: SearchIndex, ranked: _Ranked, terms: list[str], query: SearchQuery, phrases: list[str]
) -> tuple[list[tuple[str, str, float]], int]:
    """Flatten laws and their sections into ``(section id, law, score)`` for the requested page.

    The first result is the best section of the best law; the next two are the best sections of
    the next two laws (so the top three show three candidate acts); after that each law's other
    best sections follow in law order. Returns the list (up to the end of the page) and the total
    number of results (exact up to the page, one per further law after it).
    """
    order = _order_laws(index, ranked, query.sort)
    wanted = query.page * query.per_page
    fetched = order[:wanted]
    limit = query.sections_per_law * (8 if phrases else 1)
    sections = _rank_sections(index, terms, fetched, limit, ranked.passages)
    per_law: list[tuple[str, list[tuple[str, float]]]] = []
    for law in fetched:
        found = sections.get(law, [])
        if phrases:
            found = [(sid, score) for sid, score in found if _phrase_matches(index, sid, phrases)]
            if not found:
                continue
        if not found:
            first = index.first_sections(law, 1)
            found = [(first[0].id if first else section_id(law, "0"), 0.0)]
        ranked.sections[law] = found[: query.sections_per_law]
        per_law.append((law, ranked.sections[law]))
    head = [(law, found[0]) for law, found in per_law[:3]]
    rest = [(law, item) for law, found in per_law[:3] for item in found[1:]]
    rest += [(law, item) for law, found in per_law[3:] for item in found]
    layout = [(sid, law, ranked.law_scores[law] + score / 1000.0) for law, (sid, score) in head + rest]
    return layout, len(layout) + (0 if phrases else len(order) - len(fetched))


# ---------------------------------------------------------------------------------------------
# Snippets


def make_snippet(index: SearchIndex, text: str, terms: list[str], width: int = SNIPPET_CHARS) -> str:
    """An HTML snippet of ``text`` around the densest run of ``terms``, cut on Thai word boundaries."""
    text = " ".join(text.split())
    if not text:
        return ""
    folded = to_arabic_digits(text).lower()
    positions = sorted(
        (match.start(), match.start() + len(term))
        for term in terms
        if len(term) > 1 or term.isdigit()
        for match in re.finditer(re.escape(term), folded)
    )
    center = positions[0][0] if positions else 0
    if positions:
        best = 0
        for start, _ in positions:
            count = sum(1 for other, _ in positions if start <= other < start + width)
            if count > best:
                best, center = count, start
    start = max(0, center - width // 4)
    window = text[max(0, start - 40) : start + width + 40]
    offset = max(0, start - 40)
    segments = _segmenter(index.engine, _default_dictionary()).segment(window, with_terms=False)
    pieces: list[str] = []
    cursor = offset
    length = 0
    term_set = set(terms)
    for segment in segments:
        seg_start = cursor
        cursor += len(segment)
        if seg_start < start and offset > 0:
            continue
        if length + len(segment) > width:
            break
        length += len(segment)
        token = to_arabic_digits(segment).lower().strip()
        escaped = html.escape(segment)
        pieces.append(f"<mark>{escaped}</mark>" if token and token in term_set else escaped)
    snippet = "".join(pieces).strip()
    prefix = "… " if offset > 0 and start > 0 else ""
    suffix = " …" if start + length < len(text) else ""
    return prefix + snippet + suffix


def _default_dictionary() -> str:
    from indexer.analysis import LEGAL_TERMS_PATH

    return str(LEGAL_TERMS_PATH)


# ---------------------------------------------------------------------------------------------
# The search function


def _hit(index: SearchIndex, sid: str, law: str, score: float, why: dict[str, Any]) -> SearchHit:
    info = index.laws.get(law)
    record = index.section(sid)
    label = record.label if record else ""
    return SearchHit(id=sid, law=law, title=info.title if info else "", section_label=label, score=score, why=dict(why))


def _page(
    index: SearchIndex,
    response: SearchResponse,
    layout: list[tuple[str, str, float]],
    ranked_why: dict[str, dict[str, Any]],
    terms: list[str],
    query: SearchQuery,
    total: int,
) -> SearchResponse:
    response.total = total
    first = (query.page - 1) * query.per_page
    groups: dict[str, LawGroup] = {}
    for sid, law, score in layout[first : first + query.per_page]:
        hit = _hit(index, sid, law, score, ranked_why.get(law, {}))
        record = index.section(sid)
        if record is not None:
            hit.snippet = make_snippet(index, record.text, terms)
        response.hits.append(hit)
        group = groups.setdefault(law, LawGroup(law, hit.title, score, []))
        group.hits.append(hit)
    response.groups = list(groups.values())
    return response


def _named_laws(index: SearchIndex, text: str) -> list[str]:
    """Laws the query names by title, short title or abbreviation (``พ.ร.บ.คอมพิวเตอร์``)."""
    try:
        mentions = index.law_names.find(text)
    except ImportError:  # pragma: no cover - lawnames ships with the indexer
        return []
    return list(dict.fromkeys(mention.sysid for mention in mentions))


def _citation(index: SearchIndex, text: str) -> Any:
    from indexer.citations import parse_citation

    return parse_citation(text, index.law_names)


def search(index: SearchIndex, query: SearchQuery) -> SearchResponse:
    """Answer ``query`` from ``index``: never raises on query text, explains itself in ``notices``."""
    parsed = parse_query(query.text, index.analyze)
    response = SearchResponse(query=parsed.text, mode="keyword", page=query.page, per_page=query.per_page)
    response.notices.extend(parsed.notices)
    if not parsed.terms and not parsed.phrases:
        response.mode = "empty"
        if parsed.text:
            response.notices.append(Notice(N_("ไม่พบคำที่ค้นได้ในคำค้นนี้ ลองพิมพ์คำภาษาไทยหรือเลขมาตรา")))
        else:
            response.notices.append(Notice(N_("กรุณาพิมพ์คำค้น")))
        return response

    citation = _citation(index, parsed.text)
    if citation is not None and citation.sysid:
        return _search_citation(index, query, parsed, citation, response)

    terms = parsed.terms
    if len(terms) >= PARAGRAPH_MIN_TERMS:
        response.mode = "paragraph"
        # Hook for the situation search (issue 10): a description of facts may be answered from
        # precedents; the situation module will return a SearchResponse here, or None to fall through.
        if query.situation:
            from indexer.situation import situation_response

            answered = situation_response(index, query, parsed.text, response)
            if answered is not None:
                return answered
        terms = select_terms(index, terms, PARAGRAPH_TERMS)
    elif parsed.phrases:
        response.mode = "phrase"
        phrase_terms = [t for phrase in parsed.phrases for t in index.analyze(phrase)]
        terms = list(dict.fromkeys([*terms, *phrase_terms]))
    if response.mode != "paragraph":
        terms = expand_terms(index, terms, parsed.text)
    response.terms = terms
    named = _named_laws(index, parsed.text) if response.mode != "paragraph" else []
    ranked = _rank_laws(index, terms, query, named)
    layout, total = _layout(index, ranked, terms, query, parsed.phrases)
    _page(index, response, layout, ranked.why, terms, query, total)
    if response.total == 0 or _is_poor(index, parsed.terms):
        from indexer.suggest import did_you_mean

        response.did_you_mean = did_you_mean(index, parsed.text)
    return response


def _is_poor(index: SearchIndex, terms: list[str]) -> bool:
    """A query with a term no section contains may be misspelled."""
    return any(index.document_frequency(term) == 0 for term in terms[:PARAGRAPH_MIN_TERMS])


def _search_citation(
    index: SearchIndex, query: SearchQuery, parsed: ParsedQuery, citation: Any, response: SearchResponse
) -> SearchResponse:
    """The cited section first (or a notice that it does not exist, and the act), then related hits."""
    response.mode = "citation"
    law = str(citation.sysid)
    target = section_id(law, citation.number)
    info = index.laws.get(law)
    title = info.title if info else law
    layout: list[tuple[str, str, float]] = []
    why = {"citation": target}
    if index.section(target) is not None:
        response.jump_to = target
        layout.append((target, law, 1000.0))
    else:
        response.notices.append(Notice(N_("ไม่มีมาตรา %(number)s ใน%(title)s"), number=citation.number, title=title))
        layout.extend((record.id, law, 999.0 - n) for n, record in enumerate(index.first_sections(law, 1)))
        why = {"citation_missing": target}
    rest_terms = index.analyze(citation.rest) if citation.rest else []
    if rest_terms:
        ranked = _rank_laws(index, rest_terms, query, [law])
        seen = {sid for sid, _, _ in layout}
        more, _ = _layout(index, ranked, rest_terms, query, parsed.phrases)
        layout.extend(item for item in more if item[0] not in seen)
        response.terms = rest_terms
    return _page(index, response, layout, {law: why}, rest_terms or parsed.terms, query, len(layout))
