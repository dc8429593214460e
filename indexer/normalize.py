"""The one normalisation applied to indexed text and to queries, so both sides meet.

Anything a user may type differently from the official text (Thai digits, zero-width marks,
doubled vowels or tone marks, sara am typed as two characters, upper-case Latin, a handful of
common misspellings) is mapped here to one form. The tables are data; the tests hold one row
per rule.
"""

from __future__ import annotations

import re
import unicodedata

from corpus.thai import ARABIC_DIGITS, THAI_DIGITS

# Characters with no meaning that copy-paste and scraping leave behind.
# (str.replace per character: str.translate is ten times slower on Thai text.)
_CHARACTER_MAP: tuple[tuple[str, str], ...] = (
    *((char, "") for char in "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"),
    *((char, " ") for char in "\u00a0\u2002\u2003\u2009\u202f\u3000\t\r\n\f\v"),
    *zip(THAI_DIGITS, ARABIC_DIGITS, strict=True),
    ("\u0e32\u0e4d", "\u0e33"),
)
# Sara am typed as nikhahit + sara aa, with or without a tone mark between them (นํ้า = น้ำ).
_SPLIT_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")

# Thai marks written above or below a consonant; typing one twice is a typo, never a word.
_COMBINING_MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
_REPEATED_MARK = re.compile(f"([{_COMBINING_MARKS}])\\1+")
# Following vowels that never double in a word (า, ะ, ำ) and typed-twice sara e (เเ = แ).
_REPEATED_VOWEL = re.compile("([\u0e30\u0e32\u0e33])\\1+")
_TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b"
_UPPER_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37"
# A tone mark typed before its upper vowel (ก่ี) is shown the same as the standard order (กี่).
_TONE_BEFORE_VOWEL = re.compile(f"([{_TONE_MARKS}])([{_UPPER_VOWELS}\u0e38\u0e39])")
_C0_C1 = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# Whole-word spelling variants and common misspellings -> the spelling of the official text.
# Keys are matched as substrings, so each key must never occur inside a correctly spelled word
# (กฏ alone would break ปรากฏ; hence the longer keys).
SPELLING_VARIANTS: dict[str, str] = {
    "กฏหมาย": "กฎหมาย",
    "กฏกระทรวง": "กฎกระทรวง",
    "กฏเกณฑ์": "กฎเกณฑ์",
    "กฏระเบียบ": "กฎระเบียบ",
    "กฏข้อบังคับ": "กฎข้อบังคับ",
    "กฏอัยการศึก": "กฎอัยการศึก",
    "ปรากฎ": "ปรากฏ",
    "อนุญาติ": "อนุญาต",
    "ลิขสิทธ์": "ลิขสิทธิ์",
    "โอกาศ": "โอกาส",
    "อนุญาต์": "อนุญาต",
    "เเ": "แ",
    "คอมพิวเตอร์์": "คอมพิวเตอร์",
    "อิเล็กทรอนิคส์": "อิเล็กทรอนิกส์",
    "อิเล็กทรอนิค": "อิเล็กทรอนิก",
    "อิเลคทรอนิกส์": "อิเล็กทรอนิกส์",
    "อิเล็คทรอนิกส์": "อิเล็กทรอนิกส์",
    "อีเล็กทรอนิกส์": "อิเล็กทรอนิกส์",
    "พิจรณา": "พิจารณา",
    "ราษฏร": "ราษฎร",
}
# Generic abbreviations of law types, spelled any way a user types them (พ.ร.บ. พรบ. พรบ).
LAW_TYPE_ABBREVIATIONS: dict[str, str] = {
    "พ.ร.บ.": "พระราชบัญญัติ",
    "พ.ร.บ": "พระราชบัญญัติ",
    "พรบ.": "พระราชบัญญัติ",
    "พรบ": "พระราชบัญญัติ",
    "พ.ร.ก.": "พระราชกำหนด",
    "พ.ร.ก": "พระราชกำหนด",
    "พรก.": "พระราชกำหนด",
    "พ.ร.ฎ.": "พระราชกฤษฎีกา",
    "พ.ร.ฎ": "พระราชกฤษฎีกา",
    "พรฎ.": "พระราชกฤษฎีกา",
}
_REPLACEMENTS = {**SPELLING_VARIANTS, **LAW_TYPE_ABBREVIATIONS}
_REPLACEMENT_RE = re.compile("|".join(map(re.escape, sorted(_REPLACEMENTS, key=len, reverse=True))))
_SPACE_RUN = re.compile(r" {2,}")
# The Christian-era year a user may type (ค.ศ. 2017) as the Buddhist-era year the texts use.
_CE_YEAR = re.compile(r"ค\.\s?ศ\.?\s?(1[89]\d\d|20\d\d)")


def normalize_text(text: str) -> str:
    """Map text to the one form shared by the index and the query parser.

    Keeps the text's length roughly but not exactly; use it for matching, never for display.
    """
    text = unicodedata.normalize("NFC", text)
    for old, new in _CHARACTER_MAP:
        if old in text:
            text = text.replace(old, new)
    text = _C0_C1.sub(" ", text).lower()
    if "\u0e4d" in text:
        text = _SPLIT_SARA_AM.sub("\\1\u0e33", text)
    text = _TONE_BEFORE_VOWEL.sub(r"\2\1", text)
    text = _REPEATED_MARK.sub(r"\1", text)
    text = _REPEATED_VOWEL.sub(r"\1", text)
    text = _REPLACEMENT_RE.sub(lambda match: _REPLACEMENTS[match.group(0)], text)
    text = _CE_YEAR.sub(lambda match: f"พ.ศ. {int(match.group(1)) + 543}", text)
    return _SPACE_RUN.sub(" ", text)
