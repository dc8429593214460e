"""Describe-your-situation search: from a paragraph of everyday Thai to the sections that apply.

Two sources of evidence, blended by how strong each one is for this query:

* **Precedents** (:mod:`indexer.precedents`): the decided cases whose facts are most similar vote for
  the sections their court applied, weighted by similarity; each section also has a profile (its
  own text plus the facts of the cases that applied it), which lets a rarely applied section compete;
  and a classifier per section, learned from all the cases, says how likely a court is to apply it.
* **The law text**: the rarest query terms, plus the legal terms the everyday-to-legal vocabulary
  maps the citizen's words to, are searched over every section of every law (the search core's
  index). With no close precedent (a civil, labour or administrative matter, since the first
  precedents are all criminal) this source carries the answer.

Every suggestion says why: the legal terms it matched, the similar cases and their similarity,
and in how many similar decided cases a court applied it. Knows nothing of Flask.
"""

from __future__ import annotations

import logging
import pickle
import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from corpus.thai import clean_text
from indexer.compounds import cut_compound
from indexer.lawtext import LAW_TEXT_FILE, LawTextHit, LawTextMatrix, LawTextRetriever
from indexer.notices import N_, Notice
from indexer.precedents import CaseMatch, PrecedentModel
from indexer.section_ranker import RANKER_NEIGHBOURS

logger = logging.getLogger(__name__)
VOCABULARY_PATH = Path(__file__).resolve().parent / "data" / "everyday_legal.tsv"
MAX_SITUATION_CHARS = 2_000
TRUNCATION_NOTICE = N_("ข้อความยาวเกิน %(limit)s ตัวอักษร จึงใช้เพียง %(limit)s ตัวอักษรแรกในการค้นหา")
NO_TERMS_MESSAGE = N_("ไม่พบคำที่ใช้ค้นหาได้ในข้อความ โปรดเล่าเหตุการณ์ด้วยคำที่มีความหมาย เช่น ใคร ทำอะไร เกิดอะไรขึ้น")
NO_MATCH_MESSAGE = N_("ไม่พบมาตราที่ตรงกับเรื่องที่เล่า ลองเล่าเพิ่มว่าใครทำอะไร ที่ไหน เสียหายอย่างไร")
SITUATION_NOTICE = N_("ข้อความนี้อ่านเป็นการเล่าเหตุการณ์ จึงแสดงมาตราที่อาจใช้กับเรื่องนี้พร้อมเหตุผล และคดีที่ศาลตัดสินแล้วซึ่งมีข้อเท็จจริงคล้ายกัน")

# Words that make a query read as someone telling what happened rather than naming a topic.
_NARRATIVE_MARKERS = (
    "ผม",
    "ฉัน",
    "ดิฉัน",
    "หนู",
    "เรา",
    "เขา",
    "ถูก",
    "โดน",
    "เมื่อ",
    "แล้ว",
    "ทำให้",
    "จำเลย",
    "ผู้เสียหาย",
    "ของฉัน",
    "ของผม",
    "บอกว่า",
    "ไม่ยอม",
    "ได้ไหม",
    "ทำยังไง",
    "ทำอย่างไร",
)
_CITATION_RE = re.compile(r"(?:มาตรา|ม\.)\s*[0-9๐-๙]")
_EMOJI_AND_SYMBOLS = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200d]")


# --- the everyday-to-legal vocabulary -------------------------------------------------------------


@dataclass(frozen=True)
class VocabularyMatch:
    """An everyday word found in the query and the legal term it stands for."""

    everyday: str
    legal: str


def read_vocabulary(path: Path = VOCABULARY_PATH) -> list[tuple[str, str]]:
    """The reviewed pairs of the vocabulary file, in file order; ``ValueError`` names a bad line."""
    pairs: list[tuple[str, str]] = []
    for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("everyday\t"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise ValueError(f"{path}:{line_number}: expected 'everyday<TAB>legal', got {line!r}")
        pairs.append((clean_text(parts[0]).strip(), clean_text(parts[1]).strip()))
    return pairs


@lru_cache(maxsize=2)
def load_vocabulary(path: str = str(VOCABULARY_PATH)) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Everyday words with their legal terms, longest everyday word first (so ผัวตีเมีย beats ผัว)."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for everyday, legal in read_vocabulary(Path(path)):
        if legal not in grouped[everyday]:
            grouped[everyday].append(legal)
    return tuple(sorted(((word, tuple(terms)) for word, terms in grouped.items()), key=lambda p: -len(p[0])))


@lru_cache(maxsize=2)
def _vocabulary_by_spelling(path: str) -> tuple[dict[str, tuple[str, tuple[str, ...]]], int]:
    """Each everyday word spelled as the analyzer's tokens join up, with the word and its legal terms.

    Also returns the longest spelling, so a search along the tokens knows when to stop.
    """
    from indexer.analysis import analyze

    by_spelling: dict[str, tuple[str, tuple[str, ...]]] = {}
    for word, legal in load_vocabulary(path):
        spelling = "".join(analyze(word))
        if spelling and spelling not in by_spelling:
            by_spelling[spelling] = (word, legal)
    return by_spelling, max((len(spelling) for spelling in by_spelling), default=0)


@lru_cache(maxsize=512)
def _legal_terms(legal: str) -> frozenset[str]:
    from indexer.analysis import analyze

    return frozenset(analyze(legal))


def _everyday_spans(tokens: Sequence[str], path: str) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """(start, end, everyday word, legal terms) of every vocabulary word in ``tokens``, longest first at each place."""
    by_spelling, longest = _vocabulary_by_spelling(path)
    spans = []
    position = 0
    while position < len(tokens):
        step, spelled, match = 1, "", None
        for end in range(position, len(tokens)):
            spelled += tokens[end]
            if len(spelled) > longest:
                break
            if spelled in by_spelling:
                match, step = by_spelling[spelled], end + 1 - position
        if match is not None:
            spans.append((position, position + step, match[0], match[1]))
        position += step
    return spans


def find_everyday_words(
    text: str, path: str = str(VOCABULARY_PATH), terms: Sequence[str] | None = None
) -> list[VocabularyMatch]:
    """Everyday words of the vocabulary in ``text``, matched as whole words (ตา is not found in ตาย).

    A word is found however the segmenter split it in this sentence (ใบขับขี่ is one token alone but
    ใบ + ขับขี่ after สอบ): it matches a run of whole tokens that spell it. At each position the
    longest word wins (ผัวตีเมีย, not ผัว); each everyday word counts once.
    """
    from indexer.analysis import analyze

    tokens = list(terms) if terms is not None else analyze(text)
    found: list[VocabularyMatch] = []
    seen: set[str] = set()
    for _start, _end, everyday, legal_terms in _everyday_spans(tokens, path):
        if everyday not in seen:
            seen.add(everyday)
            found.extend(VocabularyMatch(everyday, legal) for legal in legal_terms)
    return found


STOPWORDS_PATH = Path(__file__).resolve().parent / "data" / "situation_stopwords.txt"
# law_text_terms: no query word counts for more than this IDF; legal terms' words under LEGAL_FILLER_IDF are fillers.
IDF_CAP = 6.0
LEGAL_FILLER_IDF = 2.0


@lru_cache(maxsize=2)
def load_stopwords(path: str = str(STOPWORDS_PATH)) -> frozenset[str]:
    """Words of a told story that say nothing about the law (pronouns, particles, question words, fillers)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(clean_text(line).strip() for line in lines if line.strip() and not line.startswith("#"))


def split_unknown(term: str, idf: Callable[[str], float]) -> list[str]:
    """The indexed words an unindexed compound is made of (ปืนสั้น -> ปืน, สั้น), or [] if it is not.

    The fewest words of the law text's own terms (:func:`indexer.compounds.cut_compound`, as keyword
    search cuts them); a typo or a foreign word is dropped rather than cut into syllables.
    """
    return cut_compound(term, lambda piece: idf(piece) > 0)


# --- the query ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SituationText:
    """A situation as the ranker reads it: cleaned, cut to length, with notices for the reader."""

    text: str
    original_length: int
    notices: tuple[str, ...] = ()

    @property
    def truncated(self) -> bool:
        return self.original_length > MAX_SITUATION_CHARS


def prepare_situation(text: str) -> SituationText:
    """Clean pasted text (line breaks, tabs, emoji, control characters) and cut it at 2,000 characters."""
    text = unicodedata.normalize("NFC", text or "")
    original_length = len(text.strip())
    text = clean_text(text)
    text = _EMOJI_AND_SYMBOLS.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    notices: list[str] = []
    if len(text) > MAX_SITUATION_CHARS:
        cut = text.rfind(" ", 0, MAX_SITUATION_CHARS)
        text = text[: cut if cut > MAX_SITUATION_CHARS // 2 else MAX_SITUATION_CHARS]
        notices.append(Notice(TRUNCATION_NOTICE, limit=f"{MAX_SITUATION_CHARS:,}"))
    return SituationText(text, max(original_length, len(text)), tuple(notices))


def looks_like_situation(text: str, terms: Sequence[str] | None = None) -> bool:
    """Whether a query reads as a description of what happened rather than a few words or a citation.

    A paragraph (many distinct words) is always a description; a shorter query counts when it
    tells a story (ผม, ถูก, โดน, ...) and has enough words. A citation never is.
    """
    text = text.strip()
    if not text or _CITATION_RE.search(text):
        return False
    if terms is None:
        from indexer.analysis import analyze

        terms = analyze(text)
    distinct = len(set(terms))
    if distinct >= 14 or len(text) >= 120:
        return True
    narrative = sum(marker in text for marker in _NARRATIVE_MARKERS)
    return distinct >= 7 and narrative >= 1 and len(text) >= 35


# --- the answer --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SimilarCase:
    """A precedent similar to the query, and how similar (cosine, 0..1)."""

    id: str
    similarity: float


@dataclass
class Why:
    """The reasons behind one suggested section, for the page, the API and the CLI."""

    matched_terms: list[str] = field(default_factory=list)
    vocabulary: list[VocabularyMatch] = field(default_factory=list)
    precedents: list[SimilarCase] = field(default_factory=list)
    applied_in: int = 0
    sources: dict[str, float] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        """One line a reader can take in: which cases, which words."""
        parts = []
        if self.applied_in:
            parts.append(f"ศาลใช้มาตรานี้ใน {self.applied_in} คดีที่มีข้อเท็จจริงคล้ายกัน")
        if self.matched_terms:
            parts.append("ถ้อยคำในกฎหมายที่ตรงกัน: " + ", ".join(self.matched_terms[:6]))
        return "; ".join(parts)

    def to_json(self) -> dict[str, object]:
        return {
            "matched_terms": self.matched_terms,
            "vocabulary": [{"everyday": m.everyday, "legal": m.legal} for m in self.vocabulary],
            "precedents": [{"id": c.id, "similarity": round(c.similarity, 4)} for c in self.precedents],
            "applied_in": self.applied_in,
            "sources": {name: round(value, 4) for name, value in self.sources.items()},
            "summary": self.summary,
        }


@dataclass
class SectionSuggestion:
    """One section that may apply, with its blended score and its reasons."""

    id: str
    law: str
    score: float
    why: Why


@dataclass
class SituationAnswer:
    """The sections that may apply to a described situation, best first, and what the reader should know."""

    query: str
    suggestions: list[SectionSuggestion]
    similar_cases: list[SimilarCase]
    vocabulary: list[VocabularyMatch]
    notices: list[str]
    precedent_weight: float
    message: str | None = None
    evidence: dict[str, float] = field(default_factory=dict)


# --- blending ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BlendSettings:
    """How the sources are mixed; chosen by cross-validation (benchmarks/bench_situation.py)."""

    neighbours: int = 20
    vote_power: float = 2.0
    vote_weight: float = 1.0
    profile_weight: float = 1.0
    # The per-section classifiers: with them the case facts gain Recall@10 and MRR@10 (5-fold CV).
    learned_weight: float = 1.0
    law_text_weight: float = 0.5
    # How much more the law text counts as the precedents fade (weight 0): 3, not 2, keeps the
    # everyday situations' figures where they were now that the precedents have three parts.
    law_text_takeover: float = 3.0
    # Cosine of the query to the precedents' centroid (mean of words and character n-grams) at which
    # precedents get full weight; below it they fade linearly to nothing at ``typical_floor`` and the law
    # text takes over. Measured: case facts 0.148 at their 5th percentile, median 0.27; everyday
    # situations median 0.12, max 0.17. Chosen among floors 0.13-0.15 and full weights 0.18-0.20 on the
    # 5-fold CV of the case facts and the everyday situations together (benchmarks/results/situation.md):
    # 0.13 and 0.14 tie there; 0.14 keeps a labour complaint's precedent weight under one half.
    typical_full: float = 0.19
    typical_floor: float = 0.14
    law_text_limit: int = 60
    shown_cases: int = 5
    # The second-stage ranker (indexer.section_ranker), when the model has one, replaces the sum of the
    # three precedent opinions; weighted as their sum was, so the law text takes over as before when a
    # query does not read like the precedents. ``False`` ranks with the first-stage sum.
    use_ranker: bool = True
    ranker_weight: float = 2.5
    # On typical facts the law text no longer mixes into the ranking (it cost the case facts Recall@10)
    # but fills in: the last ``fill_in`` places go to offence sections no precedent applied, of a law the
    # precedents apply, found among the law text's first ``fill_in_depth`` hits (a rare offence).
    fill_in: int = 1
    fill_in_depth: int = 10
    # How many of the law text's first hits vote on whether the facts are of the precedents' kind.
    agreement_hits: int = 5
    # Typicality added when the text names the people by their part in a case (``COURT_ROLES``), as a
    # court's statement of facts does (96% of the case facts) and no everyday situation of the bench does.
    # Small on purpose: a civil suit told in the same words (โจทก์ฟ้องหย่า จำเลย) is no criminal case, so
    # the text must still read at 0.12 like the precedents to gain any weight. Chosen by nested 5-fold
    # CV among 0.02-0.07 (0.02 and 0.03 tied; larger lifts gained more on the case facts and gave such
    # civil suits full precedent weight).
    register_lift: float = 0.02
    # Where the precedents fade (weight strictly between 0 and 1) the ranker and the law text share the
    # places by rank instead of by summed scores: the law text's first ``law_text_lead`` hits lead (an
    # everyday question keeps its law first), then the ranker's first ``round(fading_ranker_places *
    # weight)`` sections, then the rest of the law text. Summed scores let the law text's many hits push
    # the ranker's sure sections out of the top 10 even at weight 0.8. ``0`` places: the summed scores.
    fading_ranker_places: float = 8.0
    law_text_lead: int = 1


# The parties as a court names them: the accused, the prosecutor or plaintiff, the injured, the deceased.
COURT_ROLES = ("จำเลย", "โจทก์", "ผู้เสียหาย", "ผู้ตาย")


def names_court_roles(text: str) -> bool:
    """Whether the text names a party by its part in a case, the register of a court's statement of facts."""
    return any(role in text for role in COURT_ROLES)


def typicality_weight(typicality: float, settings: BlendSettings) -> float:
    """How much the precedents count (0..1) given how much the query reads like them."""
    low, high = settings.typical_floor, settings.typical_full
    return min(1.0, max(0.0, (typicality - low) / (high - low)))


def _normalised(scores: Mapping[str, float]) -> dict[str, float]:
    top = max(scores.values(), default=0.0)
    return {key: value / top for key, value in scores.items()} if top > 0 else {}


def law_text_terms(
    terms: Sequence[str],
    vocabulary: Sequence[VocabularyMatch],
    idf: Callable[[str], float],
    keep: int = 12,
) -> dict[str, float]:
    """The few terms worth sending to the law-text index: the rarest query terms plus the legal terms.

    Measured (search-feasibility note): the 8-12 highest-IDF terms are both faster and no worse
    than all of them. Legal terms from the vocabulary always go in, at a higher weight, because
    they are the words the law itself uses. Measured on the everyday situations (issue 10), each
    helping on both the dev and the blind set:

    * the words of a told story (ผม, ไหม, บ้าง: ``situation_stopwords.txt``) never go in: the laws
      hardly use them, so they looked like the rarest, most telling words;
    * a compound the law text does not index (ปืนสั้น) goes in as the indexed words it is made of,
      and these are looked up in the vocabulary too (ปืน -> อาวุธปืน);
    * an everyday word the vocabulary translated (ลูก -> บุตร) leaves its place to the legal term;
    * no word counts for more than IDF ``IDF_CAP``: a word in two sections of 39,000 is no surer sign
      of the topic than one in a hundred, and, uncapped, one stray word outweighed the legal terms;
    * a legal term's filler words (ผู้ of ผู้ให้เช่า, under IDF 2) do not go in on their own.
    """
    stopwords = load_stopwords()
    used = {match.everyday for match in vocabulary}
    translated = {
        position
        for start, end, everyday, _legal in _everyday_spans(terms, str(VOCABULARY_PATH))
        if everyday in used
        for position in range(start, end)
    }
    legal_terms = [match.legal for match in vocabulary]
    words: list[str] = []
    for position, term in enumerate(terms):
        if term in stopwords or position in translated:
            continue
        if idf(term) > 0:
            words.append(term)
            continue
        parts = [part for part in split_unknown(term, idf) if part not in stopwords]
        spans = _everyday_spans(parts, str(VOCABULARY_PATH))
        inside = {index for start, end, _everyday, _legal in spans for index in range(start, end)}
        words.extend(part for index, part in enumerate(parts) if index not in inside)
        legal_terms.extend(legal for _start, _end, _everyday, legal_of in spans for legal in legal_of)

    weights: dict[str, float] = {}
    candidates = {term for term in words if len(term) > 1 and not term.isdigit()}
    rated = sorted(candidates, key=lambda term: (-idf(term), term))
    for term in rated[:keep]:
        if idf(term) > 0:
            weights[term] = min(1.0, IDF_CAP / idf(term))
    for legal in legal_terms:
        for term in _legal_terms(legal):
            if idf(term) >= LEGAL_FILLER_IDF and term not in stopwords:
                weights[term] = max(weights.get(term, 0.0), 1.5)
    return weights


def blend(
    precedent_scores: Mapping[str, float],
    profile_scores: Mapping[str, float],
    law_scores: Mapping[str, float],
    weight_of_precedents: float,
    settings: BlendSettings,
    learned_scores: Mapping[str, float] | None = None,
    ranked_scores: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """Mix the normalised scores of the sources into one score per section id.

    With ``ranked_scores`` (the second-stage ranker's probabilities) the ranker speaks for the
    precedents and the law text counts only as far as the precedents fade.
    """
    text = _normalised(law_scores)
    combined: dict[str, float] = defaultdict(float)
    if ranked_scores and text and 0.0 < weight_of_precedents < 1.0 and settings.fading_ranker_places > 0:
        return _shared_places(ranked_scores, text, weight_of_precedents, settings)
    if ranked_scores:
        fade = 1.0 - weight_of_precedents
        for key, value in _normalised(ranked_scores).items():
            combined[key] += weight_of_precedents * settings.ranker_weight * value
        for key, value in text.items():
            combined[key] += fade * (settings.law_text_weight + settings.law_text_takeover) * value
        return dict(combined)
    votes, profiles, learned = (
        _normalised(precedent_scores),
        _normalised(profile_scores),
        _normalised(learned_scores or {}),
    )
    text_weight = settings.law_text_weight + (1.0 - weight_of_precedents) * settings.law_text_takeover
    for key, value in votes.items():
        combined[key] += weight_of_precedents * settings.vote_weight * value
    for key, value in profiles.items():
        combined[key] += weight_of_precedents * settings.profile_weight * value
    for key, value in learned.items():
        combined[key] += weight_of_precedents * settings.learned_weight * value
    for key, value in text.items():
        combined[key] += text_weight * value
    return dict(combined)


def _shared_places(
    ranked_scores: Mapping[str, float], law_scores: Mapping[str, float], weight: float, settings: BlendSettings
) -> dict[str, float]:
    """The fading band's order by places: law text lead, the ranker's share, the rest of both; score 1 to 0 by place.

    Measured (nested 5-fold CV on the 477 case facts, without the register lift): Recall@10 +0.009,
    MRR@10 -0.008 against summed scores; the same figures on the 56 everyday situations.
    """
    ranker = sorted(ranked_scores, key=lambda key: (-ranked_scores[key], key))
    text = sorted(law_scores, key=lambda key: (-law_scores[key], key))
    share = round(settings.fading_ranker_places * weight)
    order = list(dict.fromkeys(text[: settings.law_text_lead] + ranker[:share] + text + ranker[share:]))
    return {key: 1.0 - place / len(order) for place, key in enumerate(order)}


def _law_agreement(law_hits: Mapping[str, LawTextHit], precedents: PrecedentModel, settings: BlendSettings) -> float:
    """The share of the law text's first hits that lie in a law the precedents apply (0..1)."""
    if settings.agreement_hits <= 0 or not law_hits:
        return 0.0
    laws = precedents.applied_laws
    first = sorted(law_hits.values(), key=lambda hit: (-hit.score, hit.id))[: settings.agreement_hits]
    return sum(hit.law in laws for hit in first) / settings.agreement_hits


def _fill_in_offences(
    ranked: list[tuple[str, float]],
    law_hits: Mapping[str, LawTextHit],
    precedents: PrecedentModel | None,
    settings: BlendSettings,
    limit: int,
) -> list[tuple[str, float]]:
    """Give the last places to offences the law text finds and no precedent applied (a rare offence).

    Only offence sections (their text sets a penalty) of laws the precedents apply: the facts are of a
    kind the precedents know, so the missing section is most likely a neighbouring offence of the same
    law, which no decided case has shown the ranker yet.
    """
    if precedents is None or settings.fill_in <= 0:
        return ranked
    statistics = precedents.statistics
    laws = precedents.applied_laws
    shown = {section for section, _score in ranked}
    by_score = sorted(law_hits.values(), key=lambda hit: (-hit.score, hit.id))[: settings.fill_in_depth]
    fills = [
        hit.id
        for hit in by_score
        if hit.law in laws
        and hit.id not in statistics.applied_count
        and hit.id not in shown
        and precedents.is_offence(hit.id)
    ][: settings.fill_in]
    if not fills:
        return ranked
    kept = ranked[: max(0, limit - len(fills))]
    floor = kept[-1][1] if kept else 0.0
    return kept + [(section, floor) for section in fills]


def rank_situation(
    text: str,
    precedents: PrecedentModel | None,
    law_text: LawTextRetriever | None,
    idf: Callable[[str], float] | None = None,
    *,
    limit: int = 10,
    settings: BlendSettings | None = None,
    engine: str = "nlpo3",
) -> SituationAnswer:
    """The sections that may apply to the situation ``text``, best first, each with its reasons."""
    from indexer.analysis import analyze

    settings = settings or BlendSettings()
    prepared = prepare_situation(text)
    notices = list(prepared.notices)
    terms = analyze(prepared.text, engine) if prepared.text else []
    vocabulary = find_everyday_words(prepared.text, terms=terms)
    if not terms:
        return SituationAnswer(prepared.text, [], [], vocabulary, notices, 0.0, Notice(NO_TERMS_MESSAGE))

    # Precedents: a similarity-weighted vote of the closest cases, and each section's profile.
    votes: dict[str, float] = defaultdict(float)
    voters: dict[str, list[SimilarCase]] = defaultdict(list)
    profile_scores: dict[str, float] = {}
    learned_scores: dict[str, float] = {}
    cases: list[CaseMatch] = []
    if precedents is not None:
        cases, profile_scores, learned_scores = precedents.score_sections(
            prepared.text, terms, max(settings.neighbours, RANKER_NEIGHBOURS)
        )
        for case in cases[: settings.neighbours]:
            for section in case.sections:
                votes[section] += case.similarity**settings.vote_power
                voters[section].append(SimilarCase(case.id, case.similarity))
    best_similarity = cases[0].similarity if cases else 0.0

    # The law text: the rarest words of the query and the legal terms of the vocabulary.
    law_hits: dict[str, LawTextHit] = {}
    if law_text is not None:
        query_terms = law_text_terms(terms, vocabulary, idf or (lambda _term: 1.0))
        law_hits = {hit.id: hit for hit in law_text(query_terms, settings.law_text_limit)}
    law_scores = {hit.id: hit.score for hit in law_hits.values()}

    # How far to trust the precedents: how much the query reads like the decided cases at all.
    # Measured: the closest case's similarity and the law text's opinion separate criminal facts
    # from everyday complaints poorly; the cosine to the precedents' centroid separates them well, and
    # better with the character n-grams beside the words (7% of case facts under the everyday
    # situations' highest typicality instead of 10%).
    typicality = precedents.typicality(terms, prepared.text) if precedents is not None else 0.0
    # A second opinion on the same question: when the law text's own first hits lie in the laws the
    # precedents apply (the Criminal Code), the facts are of the precedents' kind however they are
    # worded. Measured (5-fold CV): a fifth of the case facts under the typicality floor are rescued
    # so; no everyday situation's first law-text hits are in the Criminal Code more than once in five.
    agreement = _law_agreement(law_hits, precedents, settings) if precedents is not None else 0.0
    # A third: the court's register, the parties named by their part in the case (a small lift).
    lift = settings.register_lift if names_court_roles(prepared.text) else 0.0
    weight = max(typicality_weight(typicality + lift, settings), agreement) if votes else 0.0
    evidence = {
        "closest_case": best_similarity,
        "typicality": typicality,
        "law_agreement": agreement,
        "register_lift": lift,
    }
    ranked_scores: dict[str, float] = {}
    if precedents is not None and votes and settings.use_ranker:
        ranked_scores = precedents.rank_sections(cases, profile_scores, learned_scores, typicality)

    combined = blend(
        votes,
        profile_scores if votes else {},
        law_scores,
        weight,
        settings,
        learned_scores if votes else {},
        ranked_scores,
    )
    if not combined:
        message = Notice(NO_MATCH_MESSAGE)
        return SituationAnswer(prepared.text, [], [], vocabulary, notices, weight, message)
    legal_words = {term for match in vocabulary for term in _legal_terms(match.legal)}
    ranked = sorted(combined.items(), key=lambda item: (-item[1], item[0]))[:limit]
    if ranked_scores and weight >= 1.0:
        ranked = _fill_in_offences(ranked, law_hits, precedents, settings, limit)
    suggestions = []
    for section_id, score in ranked:
        hit = law_hits.get(section_id)
        matched = list(hit.matched_terms) if hit else []
        why = Why(
            matched_terms=sorted(matched, key=lambda t: (t not in legal_words, t)),
            vocabulary=[m for m in vocabulary if hit and _legal_terms(m.legal) & set(matched)],
            precedents=voters.get(section_id, [])[: settings.shown_cases],
            applied_in=len(voters.get(section_id, [])),
            sources={
                "precedents": votes.get(section_id, 0.0),
                "profile": profile_scores.get(section_id, 0.0),
                "learned": learned_scores.get(section_id, 0.0),
                "ranker": ranked_scores.get(section_id, 0.0),
                "law_text": law_scores.get(section_id, 0.0),
            },
        )
        suggestions.append(SectionSuggestion(section_id, section_id.partition("/")[0], score, why))
    similar = [SimilarCase(case.id, case.similarity) for case in cases[: settings.shown_cases]]
    return SituationAnswer(
        prepared.text, suggestions, similar if weight > 0 else [], vocabulary, notices, weight, None, evidence
    )


# --- the search core's hook ----------------------------------------------------------------------------


@dataclass
class SituationSource:
    """The precedents of one published precedent folder and the law text of one law index, opened once."""

    folder: Path
    precedents: PrecedentModel
    law_text: LawTextMatrix | None

    @classmethod
    def open(cls, folder: Path, law_index_folder: Path | None = None) -> SituationSource:
        """Open the precedents in ``folder``; the law text is the law index's own matrix.

        An index built before the matrix was part of every build has none: it is then read from that
        index (seconds, once per process).
        """
        from indexer.precedents import PrecedentIndex

        index = PrecedentIndex(folder)
        law_text = None
        if law_index_folder is not None and (law_index_folder / LAW_TEXT_FILE).exists():
            law_text = LawTextMatrix.load(law_index_folder / LAW_TEXT_FILE)
        elif law_index_folder is not None and law_index_folder.is_dir():
            logger.warning(
                "%s has no %s: reading it from the index; rerun `lawportal index`", law_index_folder, LAW_TEXT_FILE
            )
            law_text = LawTextMatrix.from_index(law_index_folder)
        return cls(folder, index.model, law_text)

    def answer(self, text: str, limit: int = 10) -> SituationAnswer:
        idf = self.law_text.idf if self.law_text is not None else None
        return rank_situation(text, self.precedents, self.law_text, idf, limit=limit, engine=self.precedents.engine)


_SOURCES: dict[tuple[Path, Path | None], tuple[tuple[int, int] | None, SituationSource | None]] = {}
_SOURCES_LOCK = threading.Lock()


def situation_source(precedent_root: Path, law_index_folder: Path | None = None) -> SituationSource | None:
    """The current situation source under ``precedent_root`` for the law index in ``law_index_folder``.

    Reopened when a load swaps the precedents in, or when a new law index is searched. ``None`` when no
    precedents were loaded; the search then answers a paragraph with keywords.
    """
    from indexer.store import IndexStore

    store = IndexStore(precedent_root)
    stamp = store.pointer_stamp()
    with _SOURCES_LOCK:
        key = (precedent_root, law_index_folder)
        cached = _SOURCES.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        folder = store.current()
        source = None
        if folder is not None:
            try:
                source = SituationSource.open(folder, law_index_folder)
            except (OSError, ValueError, EOFError, AttributeError, ImportError, pickle.UnpicklingError) as exc:
                # A precedent folder from another version must not break search: answer with keywords.
                logger.warning("situation search off: cannot open %s (%s); rerun `precedents load`", folder, exc)
        _SOURCES[key] = (stamp, source)
        return source


def situation_response(index: Any, query: Any, text: str, response: Any) -> Any | None:
    """The search core's hook: answer a description with the situation ranking, or ``None``.

    ``index`` is an ``indexer.search.SearchIndex``, ``query`` its ``SearchQuery`` and ``response`` the
    ``SearchResponse`` being built. ``None`` (no precedents loaded, or not a description) lets the
    search fall through to keyword search; so does ``query.situation = False`` (the page's
    "plain keyword results" link).
    """
    from indexer.precedents import precedent_root_for
    from indexer.search import LawGroup, SearchHit, make_snippet

    if not getattr(query, "situation", True) or not looks_like_situation(text):
        return None
    source = situation_source(precedent_root_for(Path(index.folder).parent), Path(index.folder))
    if source is None:
        return None
    # Ranked to ten at least and then cut, so a shorter list is the head of the longer one.
    per_page = getattr(query, "per_page", 10)
    answer = source.answer(text, limit=max(10, per_page))
    answer.suggestions = answer.suggestions[:per_page]
    response.mode = "situation"
    response.notices.extend(answer.notices)
    response.notices.append(Notice(SITUATION_NOTICE))
    if answer.message:
        response.notices.append(answer.message)
    groups: dict[str, Any] = {}
    for suggestion in answer.suggestions:
        record = index.section(suggestion.id)
        if record is None:  # the law index changed since the precedents were loaded
            continue
        info = index.laws.get(suggestion.law)
        hit = SearchHit(
            id=suggestion.id,
            law=suggestion.law,
            title=info.title if info else suggestion.law,
            section_label=record.label,
            score=suggestion.score,
            snippet=make_snippet(index, record.text, suggestion.why.matched_terms),
            why=suggestion.why.to_json(),
        )
        response.hits.append(hit)
        group = groups.setdefault(hit.law, LawGroup(hit.law, hit.title, hit.score, []))
        group.hits.append(hit)
    response.groups = list(groups.values())
    response.total = len(response.hits)
    response.terms = sorted({t for hit in response.hits for t in hit.why.get("matched_terms", [])})
    response.situation = {
        "similar_cases": [{"id": c.id, "similarity": round(c.similarity, 4)} for c in answer.similar_cases],
        "precedent_weight": round(answer.precedent_weight, 3),
        "vocabulary": [{"everyday": m.everyday, "legal": m.legal} for m in answer.vocabulary],
        "evidence": {k: round(v, 4) for k, v in answer.evidence.items()},
    }
    return response
