"""Help a searcher along: "did you mean" for a misspelled query, and title autocompletion."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from whoosh.support.levenshtein import distance

from indexer.normalize import normalize_text

if TYPE_CHECKING:
    from indexer.search import SearchIndex

# Words of a title that say only what kind of law it is; completion also matches after them.
_TYPE_WORDS = ("พระราชบัญญัติ", "พระราชกำหนด", "ประมวลกฎหมาย", "ประกาศ", "พระธรรมนูญ")


def _words_by_shape(index: SearchIndex) -> dict[tuple[str, int], list[str]]:
    """Indexed words grouped by first letter and length, read once per open index.

    A suggestion shares the first letter and is at most two letters longer or shorter, so only
    one small group is compared instead of the whole lexicon.
    """
    groups: dict[tuple[str, int], list[str]] | None = index.__dict__.get("_words_by_shape")
    if groups is None:
        groups = {}
        reader = index.section_searcher.reader()
        for raw in reader.lexicon("text"):
            word = raw.decode("utf-8")
            groups.setdefault((word[:1], len(word)), []).append(word)
        index.__dict__["_words_by_shape"] = groups
    return groups


def closest_term(index: SearchIndex, term: str, max_edits: int = 2) -> str | None:
    """The most frequent indexed term one (else up to ``max_edits``) edits from ``term``, sharing its first letter."""
    groups = _words_by_shape(index)
    for limit in range(1, max_edits + 1):
        if len(term) <= 2 * limit:
            return None
        candidates = [
            word
            for length in range(len(term) - limit, len(term) + limit + 1)
            for word in groups.get((term[:1], length), ())
            if word != term and distance(word, term, limit=limit) <= limit
        ]
        if candidates:
            return max(candidates, key=lambda word: (index.document_frequency(word), word))
    return None


def did_you_mean(index: SearchIndex, text: str) -> str | None:
    """A respelling of ``text`` in which every unknown word is replaced by a close known one.

    Works on whole space-separated words before trying segmented terms, because a misspelled
    Thai word is usually segmented into fragments that each exist.
    """
    words = normalize_text(text).split()
    changed = False
    fixed: list[str] = []
    for word in words:
        terms = index.analyze(word)
        if not terms or all(index.document_frequency(term) > 0 for term in terms) and len(terms) == 1:
            fixed.append(word)
            continue
        replacement = closest_term(index, word) if len(terms) > 1 or not terms else None
        if replacement is None and len(terms) == 1:
            replacement = closest_term(index, terms[0])
        if replacement and replacement != word:
            fixed.append(replacement)
            changed = True
        else:
            fixed.append(word)
    return " ".join(fixed) if changed else None


@dataclass(frozen=True)
class TitleSuggestion:
    """A law title offered while typing, with the law to open."""

    law: str
    title: str


def complete_title(index: SearchIndex, prefix: str, limit: int = 10) -> list[TitleSuggestion]:
    """Laws whose title or short title starts with ``prefix`` (also after the law-type word).

    Titles starting with the prefix come first, then titles containing it; current laws first.
    """
    key = "".join(normalize_text(prefix).split())
    if not key:
        return []
    starts: list[tuple[tuple[int, str, str], TitleSuggestion]] = []
    contains: list[tuple[tuple[int, str, str], TitleSuggestion]] = []
    for info in index.laws.values():
        for title in (info.title, *info.short_titles):
            folded = "".join(normalize_text(title).split())
            bare = folded
            for word in _TYPE_WORDS:
                if bare.startswith(word):
                    bare = bare[len(word) :]
                    break
            rank = (0 if info.is_current else 1, title, info.law)
            suggestion = TitleSuggestion(info.law, info.title)
            if folded.startswith(key) or bare.startswith(key):
                starts.append((rank, suggestion))
                break
            if key in folded:
                contains.append((rank, suggestion))
                break
    ordered = [item for _, item in sorted(starts, key=lambda pair: pair[0])]
    ordered += [item for _, item in sorted(contains, key=lambda pair: pair[0])]
    return ordered[:limit]
