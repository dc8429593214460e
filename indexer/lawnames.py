"""Resolve a law's name, as a citizen types it, to the law's sysid.

Titles come from the corpus at run time (``LawNames.from_rows``); abbreviations and short names that
cannot be derived from a title (ป.อ., ป.พ.พ., พ.ร.บ.คอมพิวเตอร์) are reviewed data in
``indexer/data/law_names.tsv``. Names are compared on a *key*: Arabic digits, no spaces, no dots, so
``พ.ร.บ. จราจร``, ``พรบ จราจร`` and ``พ.ร.บ.จราจร`` are one name.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from corpus.thai import clean_text, to_arabic_digits
from indexer.normalize import SPELLING_VARIANTS

LAW_NAMES_TSV = Path(__file__).with_name("data") / "law_names.tsv"

# Characters a name key ignores: people drop or add them freely in abbreviations and titles.
_IGNORED_IN_KEY = set(" \t\n.-–—()[]\"'“”‘’,")
# Misspellings of words in law names (กฏหมาย for กฎหมาย): the table the index and queries share.
_KEY_SPELLING_FIXES = tuple(SPELLING_VARIANTS.items())
# A key this short without its dots (ปอ from ป.อ.) is an ordinary Thai syllable; it only names a law
# when the text spells it with at least one dot.
_BARE_KEY_MIN_LENGTH = 3

_TITLE_NOISE = re.compile(r"\(\s*(?:ฉบับ\s*)?update\s*ล่าสุด\s*\)", re.IGNORECASE)
_TITLE_YEAR = re.compile(r"\s*(พ\.\s?ศ\.?|พุทธศักราช|พระพุทธศักราช|ร\.\s?ศ\.?|รัตนโกสินทรศก)\s*(\d{3,4})\s*$")
# Era words of a year written after a name, in key form (no dots or spaces), and their offset to พ.ศ.
_YEAR_AFTER_KEY = re.compile(r"(พศ|พุทธศักราช|พระพุทธศักราช|คศ|ค\.ศ)?(\d{4})(?!\d)")
_CE_TO_BE = 543
_RS_TO_BE = 2324

# Law-type words and their abbreviations: พ.ร.บ. is how everyone writes พระราชบัญญัติ.
_TYPE_PREFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("พระราชบัญญัติประกอบรัฐธรรมนูญ", ("พรป", "พรบ", "พรบประกอบรัฐธรรมนูญ")),
    ("พระราชบัญญัติ", ("พรบ",)),
    ("พระราชกำหนด", ("พรก",)),
    ("ประกาศของคณะปฏิวัติ", ("ประกาศคณะปฏิวัติ", "ปว")),
    ("ประกาศคณะรักษาความสงบแห่งชาติ", ("คสช", "ประกาศคสช")),
)


def name_key(text: str) -> str:
    """The comparison key of a name: clean, Arabic digits, lower case, no spaces or dots."""
    key = "".join(ch for ch in to_arabic_digits(clean_text(text)).lower() if ch not in _IGNORED_IN_KEY)
    for wrong, right in _KEY_SPELLING_FIXES:
        key = key.replace(wrong, right)
    return key


def _key_with_offsets(text: str) -> tuple[str, list[int]]:
    """``name_key`` of ``text`` plus, for each key character, its index in ``text``.

    ``text`` must already be clean (``clean_text``); the spelling fixes keep lengths, so offsets hold.
    """
    chars: list[str] = []
    offsets: list[int] = []
    lowered = to_arabic_digits(text).lower()
    for index, ch in enumerate(lowered):
        if ch in _IGNORED_IN_KEY:
            continue
        chars.append(ch)
        offsets.append(index)
    key = "".join(chars)
    for wrong, right in _KEY_SPELLING_FIXES:
        if len(wrong) == len(right):
            key = key.replace(wrong, right)
    return key, offsets


def split_title_year(title: str) -> tuple[str, int | None]:
    """Split ``พระราชบัญญัติโรงงาน พ.ศ. 2535`` into the name and its Buddhist-Era year."""
    title = _TITLE_NOISE.sub("", to_arabic_digits(clean_text(title))).strip()
    match = _TITLE_YEAR.search(title)
    if not match:
        return title, None
    era, number = match.groups()
    year = int(number)
    if era.startswith("ร") or era.startswith("รัตน"):
        year += _RS_TO_BE
    return title[: match.start()].strip(), year


@dataclass(frozen=True)
class LawEntry:
    """One law as names see it: its sysid, title, year and whether it is the current text."""

    sysid: str
    title: str
    year_be: int | None
    is_current: bool


@dataclass(frozen=True)
class LawMention:
    """A law named in a text: which law, where (indexes into the cleaned text), and a year if given."""

    sysid: str
    start: int
    end: int
    year_be: int | None = None


@dataclass(frozen=True)
class Alias:
    """A reviewed name from ``law_names.tsv``: ``anywhere`` names may be found inside a longer query;
    ``alone`` names (a bare short title like คอมพิวเตอร์) only when they are the whole name."""

    name: str
    sysid: str
    title: str
    scope: str = "anywhere"


def load_aliases(path: Path = LAW_NAMES_TSV) -> list[Alias]:
    """Read the alias table; ``ValueError`` naming the file and line for a malformed row."""
    aliases: list[Alias] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line_number, row in enumerate(csv.reader(handle, delimiter="\t"), start=1):
            if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
                continue
            if line_number == 1 and row[0] == "name":
                continue
            if len(row) < 3 or not row[1].strip().isdigit():
                raise ValueError(f"{path}:{line_number}: expected name<TAB>sysid<TAB>title[<TAB>scope]")
            scope = row[3].strip() if len(row) > 3 and row[3].strip() else "anywhere"
            if scope not in ("anywhere", "alone"):
                raise ValueError(f"{path}:{line_number}: scope must be 'anywhere' or 'alone', not {scope!r}")
            aliases.append(Alias(row[0].strip(), row[1].strip(), row[2].strip(), scope))
    return aliases


@dataclass
class LawNames:
    """Every name of every law: titles from the corpus, abbreviations from the reviewed table."""

    entries: dict[str, LawEntry] = field(default_factory=dict)
    # key -> sysids, best first; "find" keys may be found inside a longer text, "exact" only alone.
    find_keys: dict[str, list[str]] = field(default_factory=dict)
    exact_keys: dict[str, list[str]] = field(default_factory=dict)
    _by_first_chars: dict[str, list[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, bool]], aliases: Iterable[Alias] | None = None) -> LawNames:
        """Build from ``(sysid, title, is_current)`` rows and the alias table (default: the TSV).

        Aliases whose sysid is not among the rows are skipped: a partial index still resolves names.
        """
        names = cls()
        for sysid, title, is_current in rows:
            _, year = split_title_year(title)
            names.entries[sysid] = LawEntry(sysid, title, year, bool(is_current))
        generated_find: dict[str, set[str]] = {}
        generated_exact: dict[str, set[str]] = {}
        for entry in names.entries.values():
            for key, findable in _title_keys(entry.title):
                (generated_find if findable else generated_exact).setdefault(key, set()).add(entry.sysid)
        for key, sysids in generated_find.items():
            names.find_keys[key] = names._best_first(sysids)
        for key, sysids in generated_exact.items():
            names.exact_keys[key] = names._best_first(sysids)
        # Reviewed aliases win over generated keys: they were chosen by a person. An alias names a
        # title; of several texts with that title (original and consolidated) the current one wins.
        same_title: dict[str, set[str]] = {}
        for entry in names.entries.values():
            same_title.setdefault(name_key(entry.title), set()).add(entry.sysid)
        for alias in default_aliases() if aliases is None else aliases:
            if alias.sysid not in names.entries:
                continue
            chosen = names._best_first(same_title[name_key(names.entries[alias.sysid].title)])[0]
            key = name_key(alias.name)
            target = names.find_keys if alias.scope == "anywhere" else names.exact_keys
            target[key] = [chosen] + [s for s in target.get(key, []) if s != chosen]
        for key in names.find_keys:
            names._by_first_chars.setdefault(key[:2], []).append(key)
        for keys in names._by_first_chars.values():
            keys.sort(key=len, reverse=True)
        return names

    def _best_first(self, sysids: Iterable[str]) -> list[str]:
        """Order laws sharing a name: the current text, then the newest, then the latest sysid."""

        def preference(sysid: str) -> tuple[bool, int, int]:
            entry = self.entries[sysid]
            return (entry.is_current, entry.year_be or 0, int(sysid) if sysid.isdigit() else 0)

        return sorted(sysids, key=preference, reverse=True)

    def title(self, sysid: str) -> str | None:
        """The title of a law, or ``None`` if it is not known."""
        entry = self.entries.get(sysid)
        return entry.title if entry else None

    def _pick(self, sysids: list[str], year_be: int | None) -> str:
        """The best law for a name, the one of the given year if there is one."""
        if year_be is not None:
            for sysid in sysids:
                if self.entries[sysid].year_be == year_be:
                    return sysid
        return sysids[0]

    def resolve(self, name: str) -> str | None:
        """The sysid of the law the whole of ``name`` names (title, short title or alias), else ``None``.

        ``พรบ คอมพิวเตอร์``, ``ป.อ.``, ``พระราชบัญญัติโรงงาน พ.ศ. 2535`` and ``คุ้มครองแรงงาน`` resolve;
        a year picks among laws of the same name.
        """
        key = name_key(_TITLE_NOISE.sub("", name))
        if not key:
            return None
        for table in (self.find_keys, self.exact_keys):
            if key in table:
                return table[key][0]
        # A name followed by its year: try every split where the tail is a year.
        for match in re.finditer(r"(?:พศ|พุทธศักราช|พระพุทธศักราช|คศ|รศ|รัตนโกสินทรศก)?\d{3,4}$", key):
            base = key[: match.start()]
            year = _year_from_key(key[match.start() :])
            for table in (self.find_keys, self.exact_keys):
                if base in table:
                    return self._pick(table[base], year)
        return None

    def find(self, text: str) -> list[LawMention]:
        """Every law named inside ``text`` (already ``clean_text``-ed), longest name first at each point.

        Only names safe inside a longer query count: full titles, ``พ.ร.บ.`` + short title, reviewed
        abbreviations. A bare short title (ยา, แร่) is too common a word to count here.
        """
        key, offsets = _key_with_offsets(text)
        mentions: list[LawMention] = []
        position = 0
        while position < len(key) - 1:
            found = self._longest_key_at(key, position, text, offsets)
            if found is None:
                position += 1
                continue
            end = position + len(found)
            year_match = _YEAR_AFTER_KEY.match(key, end)
            year = _year_from_key(year_match.group(0)) if year_match else None
            if year_match and year is not None:
                end = year_match.end()
            sysid = self._pick(self.find_keys[found], year)
            text_end = offsets[end - 1] + 1
            while text_end < len(text) and text[text_end] == ".":
                text_end += 1
            mentions.append(LawMention(sysid, offsets[position], text_end, year))
            position = end
        return mentions

    def _longest_key_at(self, key: str, position: int, text: str, offsets: list[int]) -> str | None:
        for candidate in self._by_first_chars.get(key[position : position + 2], ()):
            if not key.startswith(candidate, position):
                continue
            span = text[offsets[position] : offsets[position + len(candidate) - 1] + 1]
            if len(candidate) < _BARE_KEY_MIN_LENGTH and "." not in span:
                continue
            return candidate
        return None


def _year_from_key(text: str) -> int | None:
    """The Buddhist-Era year of ``พศ2535``, ``คศ1992`` or a bare ``2535``; ``None`` if not a year."""
    match = re.fullmatch(r"(พศ|พุทธศักราช|พระพุทธศักราช|คศ|ค\.ศ|รศ|รัตนโกสินทรศก)?(\d{3,4})", text)
    if not match:
        return None
    era, number = match.groups()
    year = int(number)
    if era and era.startswith("ค"):
        return year + _CE_TO_BE
    if era and era.startswith("ร"):
        return year + _RS_TO_BE
    if era or 2400 <= year <= 2700:
        return year
    return None


def _title_keys(title: str) -> list[tuple[str, bool]]:
    """The keys a title is known by, each with whether it may be found inside a longer text."""
    base, _ = split_title_year(title)
    keys: list[tuple[str, bool]] = [(name_key(base), True)]
    if " เรื่อง " in base:
        keys.append((name_key(base.split(" เรื่อง ", 1)[0]), True))
    for full, abbreviations in _TYPE_PREFIXES:
        if not base.startswith(full):
            continue
        short = base[len(full) :].strip()
        if " เรื่อง " in short:
            short = short.split(" เรื่อง ", 1)[0]
        shorts = {short}
        for filler in ("ว่าด้วย", "ฉบับที่"):
            if short.startswith(filler):
                shorts.add(short[len(filler) :].strip())
        for variant in list(shorts):
            if variant.startswith("การ") and len(variant) > len("การ") + 3:
                shorts.add(variant[len("การ") :])
        for variant in shorts:
            variant_key = name_key(variant)
            if not variant_key:
                continue
            keys.append((name_key(full) + variant_key, True))
            for abbreviation in abbreviations:
                keys.append((abbreviation + variant_key, True))
            keys.append((variant_key, False))
        break
    return [(key, findable) for key, findable in keys if key]


@functools.cache
def default_aliases() -> tuple[Alias, ...]:
    """The reviewed alias table, read once on first use (not at import)."""
    return tuple(load_aliases())
