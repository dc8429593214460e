"""Cutting a compound no law writes whole into words the laws do write (ภาษีมรดก -> ภาษี มรดก).

The segmenter's dictionaries hold compounds the corpus never writes as one word (รับซื้อของโจร,
ทำแท้ง, ปืนสั้น); as one term they match nothing. Keyword search and the situation search's law
text both cut them here, each with its own notion of an indexed word.
"""

from __future__ import annotations

from collections.abc import Callable

MIN_PART_CHARS = 2
# A piece that is only the beginning of indexed words (แท้ง -> แท้งลูก) costs more than a whole word.
PREFIX_COST = 1.5


def cut_compound(
    term: str,
    is_word: Callable[[str], bool],
    words_starting: Callable[[str], list[str]] | None = None,
    min_prefix_chars: int = 4,
) -> list[str]:
    """The fewest indexed words ``term`` is made of, or ``[]`` if it cannot be cut into them.

    Every letter must fall in a piece of ``MIN_PART_CHARS`` letters or more, so a typo or a foreign
    word gives nothing rather than syllables. With ``words_starting``, a piece of ``min_prefix_chars``
    letters or more may also stand for the indexed words it begins, at ``PREFIX_COST``. The whole term
    is never its own piece: the result has two pieces or more, or one prefix expansion.
    """
    size = len(term)
    # best[i]: (cost, words) of the cheapest cut of term[:i].
    best: list[tuple[float, list[str]] | None] = [None] * (size + 1)
    best[0] = (0.0, [])
    for end in range(MIN_PART_CHARS, size + 1):
        for start in range(0, end - MIN_PART_CHARS + 1):
            before = best[start]
            if before is None:
                continue
            piece = term[start:end]
            if (start, end) != (0, size) and is_word(piece):
                words, cost = [piece], 1.0
            elif words_starting is not None and len(piece) >= min_prefix_chars:
                words, cost = words_starting(piece), PREFIX_COST
            else:
                continue
            if not words:
                continue
            current = best[end]
            if current is None or before[0] + cost < current[0]:
                best[end] = (before[0] + cost, before[1] + words)
    found = best[size]
    return found[1] if found else []
