"""Recognise a citation of a section in a query: ``ป.พ.พ. ม.420``, ``มาตรา ๓๔๑ ประมวลกฎหมายอาญา``.

The search calls ``parse_citation`` before anything else: a citation is answered by looking the
section up, not by ranking text, so ``ม.1336 ป.พ.พ.`` always puts section 1336 first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.thai import SUFFIX_PATTERN, canonical_section_number, clean_text, section_id, to_arabic_digits
from indexer.lawnames import LawMention, LawNames

# Thai vowels and marks that continue a syllable: a suffix word followed by one is part of a longer
# word (นว in นวัตกรรม), not a section suffix.
_CONTINUES_WORD = "\u0e30-\u0e3a\u0e40-\u0e4e"
_THAI_CONSONANT = "\u0e01-\u0e2e"
_NUMBER = r"(\d+(?:\s*/\s*\d+)?)"
_SUFFIX = rf"(?:\s*({SUFFIX_PATTERN})(?![{_CONTINUES_WORD}]))?"
# มาตรา 420, ม.420, ม 420 is too ambiguous (any word ending in ม); ข้อ 5 for laws made of clauses.
_SECTION_MARKER = re.compile(rf"(?:มาตรา|(?<![{_THAI_CONSONANT}])ม\s*\.|ข้อ)\s*{_NUMBER}{_SUFFIX}")
_BARE_NUMBER = re.compile(rf"\s*{_NUMBER}{_SUFFIX}(?![\d/])")
# Paragraph and sub-item references after a section number add nothing to the lookup.
_PARAGRAPH = re.compile(
    r"\s*(?:วรรค\s*(?:หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|แรก|ท้าย|\d+)|\(\s*\d+\s*\)|อนุมาตรา\s*\(?\d+\)?)"
)
# Words that join a section to its law (มาตรา 420 แห่งประมวลกฎหมายแพ่งและพาณิชย์).
_CONNECTORS = ("แห่ง", "ตาม", "ของ", "ใน", "กฎหมาย")


@dataclass(frozen=True)
class Citation:
    """A cited section: the law (``None`` when the query names no law) and the canonical number.

    ``rest`` is what the query says besides the citation (``ฉ้อโกง`` in ``ป.อ. ม.341 ฉ้อโกง``).
    """

    sysid: str | None
    number: str
    rest: str = ""
    law_title: str | None = None

    @property
    def section_id(self) -> str | None:
        """The canonical id (``443287/341``), or ``None`` when the law is unknown."""
        return section_id(self.sysid, self.number) if self.sysid else None


def _suffix_is_word_start(text: str, match: re.Match[str]) -> bool:
    """True when a one-letter suffix (ฉ) is really the start of a word (ฉบับ) after the number."""
    suffix = match.group(2)
    if not suffix or len(suffix) > 1:
        return False
    following = text[match.end() : match.end() + 1]
    return bool(following) and bool(re.match(f"[{_THAI_CONSONANT}]", following))


def _canonical(match: re.Match[str], text: str) -> tuple[str, int]:
    """The canonical number of a section match, and where the match really ends."""
    number, suffix = match.group(1), match.group(2)
    end = match.end()
    if suffix and _suffix_is_word_start(text, match):
        suffix = None
        end = match.start(2)
        while end > match.start(1) and text[end - 1].isspace():
            end -= 1
    return canonical_section_number(number + (suffix or "")), end


def _blank(text: str, start: int, end: int) -> str:
    """Replace a span with spaces, so offsets found afterwards still point into the original."""
    return text[:start] + " " * (end - start) + text[end:]


def _tidy_rest(text: str) -> str:
    words = text.split()
    while words and words[0] in _CONNECTORS:
        words.pop(0)
    while words and words[-1] in _CONNECTORS:
        words.pop()
    return " ".join(words)


def _nearest(mentions: list[LawMention], start: int, end: int) -> LawMention:
    """The law named closest to the section number (before or after it)."""
    return min(mentions, key=lambda m: start - m.end if m.end <= start else m.start - end)


def parse_citation(text: str, law_names: LawNames) -> Citation | None:
    """The section a query cites, or ``None`` if it cites none.

    Understands ``มาตรา``/``ม.`` before or after the law's name, Thai or Arabic digits, sub-numbers
    (``135/1``) and suffixes (``335 ทวิ``), and a bare number right after a law's name
    (``ป.พ.พ. 420``). Whether the section exists is for the caller to check against the index.
    """
    cleaned = to_arabic_digits(clean_text(text))
    marker = _SECTION_MARKER.search(cleaned)
    if marker:
        number, section_end = _canonical(marker, cleaned)
        section_start = marker.start()
        paragraph = _PARAGRAPH.match(cleaned, section_end)
        while paragraph:
            section_end = paragraph.end()
            paragraph = _PARAGRAPH.match(cleaned, section_end)
        without_section = _blank(cleaned, section_start, section_end)
        mentions = law_names.find(without_section)
        sysid: str | None = None
        if mentions:
            mention = _nearest(mentions, section_start, section_end)
            sysid = mention.sysid
            without_section = _blank(without_section, mention.start, mention.end)
            rest = _tidy_rest(without_section)
        else:
            rest = _tidy_rest(without_section)
            sysid = law_names.resolve(rest) if rest else None
            if sysid:
                rest = ""
        if sysid is None and marker.group(0).startswith("ข้อ"):
            return None  # "ข้อ 5" without a law is an ordinary phrase, not a citation.
        return Citation(sysid, number, rest, law_names.title(sysid) if sysid else None)
    # No มาตรา: a law's name directly followed by a number (ป.พ.พ. 420).
    for mention in law_names.find(cleaned):
        bare = _BARE_NUMBER.match(cleaned, mention.end)
        if not bare:
            continue
        number, section_end = _canonical(bare, cleaned)
        rest = _tidy_rest(_blank(_blank(cleaned, mention.start, mention.end), bare.start(), section_end))
        return Citation(mention.sysid, number, rest, law_names.title(mention.sysid))
    return None
