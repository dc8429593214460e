"""Thai text primitives shared by the parser, the indexer and the site.

Digits, section-number suffix words and canonical section numbers live here so that
the parser, the citation resolver and the search all agree on what ``335ทวิ`` means.
"""

from __future__ import annotations

import re
import unicodedata

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"
_TO_ARABIC = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)
_TO_THAI = str.maketrans(ARABIC_DIGITS, THAI_DIGITS)

# Latin suffix words of Thai section numbers (มาตรา ๓๓๕ ทวิ), in order: 2, 3, 4, ...
# Spelling variants found in the corpus map to the same order.
SECTION_SUFFIXES: tuple[str, ...] = (
    "ทวิ",
    "ตรี",
    "จัตวา",
    "เบญจ",
    "ฉ",
    "สัตต",
    "อัฏฐ",
    "นว",
    "ทศ",
    "เอกาทศ",
    "ทวาทศ",
    "เตรส",
    "จตุทศ",
    "ปัณรส",
    "โสฬส",
    "สัตตรส",
    "อัฏฐารส",
    "เอกูนวีสติ",
    "วีสติ",
    "เอกวีสติ",
    "ทวาวีสติ",
    "เตวีสติ",
    "จตุวีสติ",
    "ปัญจวีสติ",
    "ฉัพพีสติ",
    "สัตตวีสติ",
    "อัฏฐวีสติ",
    "เอกูนติงสติ",
    "ติงสติ",
)
SUFFIX_VARIANTS: dict[str, str] = {
    "อัฎฐ": "อัฏฐ",
    "อัฎฐารส": "อัฏฐารส",
    "อัฎฐวีสติ": "อัฏฐวีสติ",
    "ปัณณรส": "ปัณรส",
    "จัตตาฬีสติ": "จัตตาฬีสติ",
}
_ALL_SUFFIXES = sorted({*SECTION_SUFFIXES, *SUFFIX_VARIANTS}, key=len, reverse=True)
SUFFIX_PATTERN = "(?:" + "|".join(map(re.escape, _ALL_SUFFIXES)) + ")"

# Characters that scraping leaves in the text and that carry no meaning.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2002\u2003\u2009\u202f\u3000"), " ")
# Windows-1252 curly quotes decoded as C1 control characters (U+0091..U+0094).
_C1_QUOTES = {0x91: "\u2018", 0x92: "\u2019", 0x93: "\u201c", 0x94: "\u201d", 0x96: "-", 0x97: "-"}
_ZERO_WIDTH_RE = re.compile("[" + "".join(map(chr, _ZERO_WIDTH)) + "]")
_SPACES_RE = re.compile("[" + "".join(map(chr, _SPACES)) + "]")
_C1_QUOTES_RE = re.compile("[" + "".join(map(chr, _C1_QUOTES)) + "]")


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits with Arabic ones (๓๓๕ -> 335)."""
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    """Replace Arabic digits with Thai ones, for readers who prefer them."""
    return text.translate(_TO_THAI)


def clean_text(text: str) -> str:
    """Normalise scraped text: NFC, one kind of line ending, plain spaces, no zero-width marks.

    Sara am written as nikhahit + sara aa (ํา) becomes the single character ำ, as typed.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Regular expressions, not str.translate: translate with a mapping walks every character in
    # Python and took 14 s on the 24 million characters of the real corpus.
    text = _ZERO_WIDTH_RE.sub("", text)
    text = _SPACES_RE.sub(" ", text)
    text = _C1_QUOTES_RE.sub(lambda match: _C1_QUOTES[ord(match.group())], text)
    text = text.replace("\u0e4d\u0e32", "\u0e33")
    # Remaining C0/C1 control characters except newline and tab.
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", text)


def canonical_suffix(word: str) -> str:
    """Map a suffix word to its canonical spelling; ``ValueError`` if it is not one."""
    word = word.strip()
    word = SUFFIX_VARIANTS.get(word, word)
    if word not in SECTION_SUFFIXES:
        raise ValueError(f"not a section suffix: {word!r}")
    return word


_NUMBER_RE = re.compile(
    rf"^\s*([0-9๐-๙]+)\s*(?:/\s*([0-9๐-๙]+))?\s*({SUFFIX_PATTERN})?\s*$"
)


def canonical_section_number(raw: str) -> str:
    """Turn a written section number into its canonical form.

    ``"๓๓๕ ทวิ"`` -> ``"335ทวิ"``, ``"๑๓๕/๑"`` -> ``"135/1"``, ``"0"`` stays ``"0"`` (preamble).
    Raises ``ValueError`` for anything else.
    """
    match = _NUMBER_RE.match(raw)
    if not match:
        raise ValueError(f"not a section number: {raw!r}")
    main, sub, suffix = match.groups()
    number = str(int(to_arabic_digits(main)))
    if sub:
        number += "/" + str(int(to_arabic_digits(sub)))
    if suffix:
        number += canonical_suffix(suffix)
    return number


def section_sort_key(number: str) -> tuple[int, int, int]:
    """Order canonical numbers as a reader expects: 335, 335ทวิ, 335ตรี, 336; 135/1 after 135."""
    match = re.match(rf"^(\d+)(?:/(\d+))?({SUFFIX_PATTERN})?$", number)
    if not match:
        return (10**9, 0, 0)
    main, sub, suffix = match.groups()
    suffix_rank = SECTION_SUFFIXES.index(canonical_suffix(suffix)) + 1 if suffix else 0
    return (int(main), int(sub or 0), suffix_rank)


def section_id(sysid: str, number: str) -> str:
    """The canonical id of a section, ``<sysid>/<number>``, e.g. ``443287/335ทวิ``."""
    return f"{sysid}/{number}"


def split_section_id(section_id_: str) -> tuple[str, str]:
    """Split ``443287/135/1`` into ``("443287", "135/1")``; ``ValueError`` if malformed."""
    sysid, sep, number = section_id_.partition("/")
    if not sep or not sysid.isdigit() or not number:
        raise ValueError(f"not a section id: {section_id_!r}")
    return sysid, canonical_section_number(number)
