"""Find the section references inside a law's text ("ตามมาตรา ๑๓๕/๑ แห่งประมวลกฎหมายนี้") and resolve them.

A reference names a section of the same law unless a law title stands right before it
("ประมวลกฎหมายแพ่งและพาณิชย์ มาตรา 420") or after it ("มาตรา ๔๒๐ แห่งประมวลกฎหมายแพ่งและพาณิชย์").
Lists ("มาตรา ๘๓ และมาตรา ๘๔", "มาตรา ๘๓ หรือ ๘๔") give one reference per number; a range
("มาตรา ๑๐ ถึงมาตรา ๑๒") gives its two ends.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass

from corpus.thai import SUFFIX_PATTERN, canonical_section_number, section_id, to_arabic_digits

_THAI_LETTER = "\u0e01-\u0e4e"
_DIGITS = "0-9๐-๙"
# A suffix word must end where a word ends: "ทวิ" in "๓๓๕ ทวิ แห่ง", not the start of "ทวิภาคี".
_SUFFIX_END = rf"(?=$|[^{_THAI_LETTER}]|แห่ง|และ|หรือ|ถึง|วรรค|ของ|ตาม|ให้|ต้อง|นี้|ซึ่ง|ด้วย|เว้นแต่|ประกอบ|อนุ|มา)"
_NUMBER = rf"[{_DIGITS}]+(?:\s*/\s*[{_DIGITS}]+)?(?:\s*{SUFFIX_PATTERN}{_SUFFIX_END})?(?![{_DIGITS}])"
_FIRST_RE = re.compile(rf"มาตรา\s*(?P<num>{_NUMBER})")
# What may follow a number without ending the reference: its paragraph, item or sub-section.
_QUALIFIER_RE = re.compile(
    rf"(?:\s*วรรค(?:หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ท้าย|ก่อน)+"
    rf"|\s*(?:(?:,|และ|หรือ|ถึง)\s*)?(?:อนุมาตรา\s*)?\((?:[{_DIGITS}]+|[ก-ฮ])\))"
)
# The next number of a list or range: "และมาตรา ๘๔", "หรือ ๘๔", "ถึงมาตรา ๑๒", "มาตรา ๒๘๘ มาตรา ๒๘๙".
_NEXT_RE = re.compile(
    rf"(?:\s*(?:,|และ|หรือ|ถึง)\s*(?P<kw>มาตรา\s*)?|\s+(?=มาตรา)(?P<bare_kw>มาตรา\s*))(?P<num>{_NUMBER})"
)
_TITLE_START = r"(?:ประมวลกฎหมาย|ประมวลรัษฎากร|พระราชบัญญัติ|พระราชกำหนด|รัฐธรรมนูญ|พระธรรมนูญ|กฎหมาย)"
_TITLE = rf"{_TITLE_START}\S*(?:\s+(?:\(ฉบับที่\s*[{_DIGITS}]+\)\s*)?(?:พ\.\s*ศ\.|พุทธศักราช)\s*[{_DIGITS}]{{4}})?"
_TITLE_AFTER_RE = re.compile(rf"\s*(?:แห่ง|ของ|ตาม|ใน)\s*(?P<title>{_TITLE})")
_TITLE_BEFORE_RE = re.compile(rf"(?P<title>{_TITLE})\s*$")
_THIS_LAW_RE = re.compile(rf"^{_TITLE_START}นี้")
# A title that runs on into "...หรือตาม" is the sentence going on, not a law named before "มาตรา".
_RUNS_ON_RE = re.compile(r"(?:ตาม|หรือ|และ|แห่ง|ใน|ของ|กับ|โดย|ซึ่ง)$")
_LOOK_BEHIND_CHARS = 160


@dataclass(frozen=True)
class Reference:
    """A section named in a text: its character span (for a link), canonical number and law.

    ``law_title`` is the title as written when another law is named, ``None`` for the same law.
    """

    start: int
    end: int
    number: str
    law_title: str | None = None


def find_references(text: str) -> list[Reference]:
    """Every section reference in ``text``, in order of appearance."""
    references: list[Reference] = []
    position = 0
    while True:
        first = _FIRST_RE.search(text, position)
        if first is None:
            return references
        group = [(first.start(), first.end("num"), first["num"])]
        cursor = _skip_qualifiers(text, first.end())
        while (following := _NEXT_RE.match(text, cursor)) is not None:
            keyword = "kw" if following["kw"] else "bare_kw" if following["bare_kw"] else "num"
            start = following.start(keyword)
            group.append((start, following.end("num"), following["num"]))
            cursor = _skip_qualifiers(text, following.end())
        law_title = _title_after(text, cursor)
        if law_title is None:
            law_title = _title_before(text, first.start())
        elif _THIS_LAW_RE.match(law_title):
            law_title = None
        for start, end, written in group:
            try:
                number = canonical_section_number(written)
            except ValueError:
                continue
            references.append(Reference(start=start, end=end, number=number, law_title=law_title))
        position = max(cursor, first.end())


def _skip_qualifiers(text: str, cursor: int) -> int:
    while (qualifier := _QUALIFIER_RE.match(text, cursor)) is not None and qualifier.end() > cursor:
        cursor = qualifier.end()
    return cursor


def _title_after(text: str, cursor: int) -> str | None:
    match = _TITLE_AFTER_RE.match(text, cursor)
    return " ".join(match["title"].split()) if match else None


def _title_before(text: str, start: int) -> str | None:
    match = _TITLE_BEFORE_RE.search(text[max(0, start - _LOOK_BEHIND_CHARS) : start])
    if match is None or _THIS_LAW_RE.match(match["title"]) or _RUNS_ON_RE.search(match["title"].strip()):
        return None
    return " ".join(match["title"].split())


def resolve_reference(ref: Reference, current_sysid: str, title_to_sysid: Mapping[str, str]) -> str | None:
    """The id of the section ``ref`` points at (``<sysid>/<number>``), or ``None`` if its law is unknown.

    A named law is matched on its title with spaces and digit forms ignored, with or without its
    year, and also when the text runs on after the title ("ประมวลกฎหมายแพ่งและพาณิชย์ให้...").
    """
    if ref.law_title is None:
        return section_id(current_sysid, ref.number)
    sysid = _TitleIndex.of(title_to_sysid).find(ref.law_title)
    return section_id(sysid, ref.number) if sysid else None


def _normal_title(title: str) -> str:
    normal = "".join(to_arabic_digits(title).split())
    return normal.replace("พระพุทธศักราช", "พ.ศ.").replace("พุทธศักราช", "พ.ศ.")


_YEAR_SUFFIX_RE = re.compile(r"(?:\(ฉบับที่\d+\))?พ\.ศ\.\d{4}$")
_MIN_TITLE_CHARS = 8


class _TitleIndex:
    """Known titles by their normal form, with and without the year; built once per mapping."""

    _cache: dict[int, tuple[Mapping[str, str], int, _TitleIndex]] = {}

    def __init__(self, title_to_sysid: Mapping[str, str]):
        self.full: dict[str, str] = {}
        self.without_year: dict[str, str] = {}
        for title, sysid in title_to_sysid.items():
            normal = _normal_title(title)
            self.full.setdefault(normal, sysid)
            self.without_year.setdefault(_YEAR_SUFFIX_RE.sub("", normal), sysid)
        self.sorted_bare = sorted(self.without_year)

    @classmethod
    def of(cls, title_to_sysid: Mapping[str, str]) -> _TitleIndex:
        cached = cls._cache.get(id(title_to_sysid))
        if cached is not None and cached[0] is title_to_sysid and cached[1] == len(title_to_sysid):
            return cached[2]
        index = cls(title_to_sysid)
        cls._cache = {id(title_to_sysid): (title_to_sysid, len(title_to_sysid), index)}
        return index

    def find(self, title: str) -> str | None:
        normal = _normal_title(title)
        if normal in self.full:
            return self.full[normal]
        bare = _YEAR_SUFFIX_RE.sub("", normal)
        for length in range(len(bare), _MIN_TITLE_CHARS - 1, -1):
            sysid = self.without_year.get(bare[:length])
            if sysid is not None:
                return sysid
        # A short name of exactly one known law: "รัฐธรรมนูญ" for รัฐธรรมนูญแห่งราชอาณาจักรไทย.
        if len(bare) >= _MIN_TITLE_CHARS:
            position = bisect.bisect_left(self.sorted_bare, bare)
            matches = [title for title in self.sorted_bare[position : position + 2] if title.startswith(bare)]
            if len(matches) == 1:
                return self.without_year[matches[0]]
        return None
