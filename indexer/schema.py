"""The two Whoosh indexes of one index folder: sections and laws.

Text fields hold terms already segmented by :mod:`indexer.analysis` in a worker pool and joined
by spaces, so the writer only splits on spaces; no positions (phrases are checked on the text)
and no stored text (the snippet store and the database have it). Both keep the build fast.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.system import pack_uint

SECTIONS = "sections"
LAWS = "laws"


class PretokenizedText(TEXT):
    """A frequency-only text field whose value is terms joined by single spaces.

    Counting terms with ``str.split`` and ``Counter`` instead of Whoosh's token objects halves
    the writer's time; the result is the same postings the ``Frequency`` format would write.
    """

    def __init__(self) -> None:
        super().__init__(analyzer=SpaceSeparatedTokenizer(), phrase=False, stored=False)

    def index(self, value: str, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        boost = self.format.field_boost
        for term, frequency in Counter(value.split()).items():
            yield term.encode("utf-8"), frequency, frequency * boost, pack_uint(frequency)


def _text() -> TEXT:
    return PretokenizedText()


def _filters() -> dict[str, object]:
    """Fields every filter runs on, the same in both indexes."""
    return {
        "law": ID(stored=True),
        "law_type": ID(stored=False),
        "groups": KEYWORD(commas=True, scorable=False, stored=False),
        "year": NUMERIC(int, bits=32, stored=False),  # signed=False breaks NumericRange in whoosh 2.7.5
    }


def section_schema() -> Schema:
    """One document per section: its id, its headings and its text.

    The law's title is scored on the law index only: repeating it in every section adds 10% more
    postings for a signal that is the same for all sections of a law.
    """
    return Schema(id=ID(stored=True, unique=True), divisions=_text(), text=_text(), **_filters())


def law_schema() -> Schema:
    """One document per law: title with short titles, all headings, and the terms of its whole text.

    With at most one posting per law and term, this index answers "which acts use these words,
    and how much" in a few milliseconds; sections are then searched only inside the best acts.
    """
    fields = {**_filters(), "law": ID(stored=True, unique=True)}
    return Schema(title=_text(), divisions=_text(), body=_text(), **fields)
