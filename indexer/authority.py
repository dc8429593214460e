"""How much weight a law carries in the corpus, read from the laws themselves at build time.

Two signals, both found in the texts, none fitted to a query:

* **cited by**: how many *other* laws cite a section of this law ("มาตรา ๔๒๐ แห่งประมวลกฎหมายแพ่ง
  และพาณิชย์"). The codes and the main acts are cited by dozens of laws, a medal act by none; a mild
  prior, ``1 + log(1 + cited_by)``, lifts the act a topic is governed by over an act that only uses
  its words.
* **superseded**: a law marked not current in the corpus, or repealed by name in another law of the
  corpus ("ให้ยกเลิก (๑) พระราชบัญญัติศุลกากร พุทธศักราช ๒๔๖๙"). Its successor should come first.

:func:`compute_authority` runs in :func:`indexer.build.build_index` and writes ``authority.json``
into the index folder; :func:`read_authority` reads it (or computes it from the folder's snippet
store for an index built before the file existed). The situation search may use the same API.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from corpus.crossrefs import find_references, resolve_reference
from corpus.thai import to_arabic_digits

AUTHORITY_FILE = "authority.json"
STORE_FILE = "store.sqlite"  # the same name as indexer.build.STORE_FILE (build imports this module)
# A repeal is enacted in the first sections of an act ("มาตรา ๓ ให้ยกเลิก..."); later "(ยกเลิก)"
# notes and powers "to revoke a licence" are not repeals of a law.
REPEAL_WITHIN_SECTIONS = 8
_REPEAL_START = re.compile(r"^\s*ให้ยกเลิก")
_REPEALED_TITLE = re.compile(
    r"(?:พระราชบัญญัติ|พระราชกำหนด|ประมวล|ประกาศ)[^()\n]*?(?:พ\.\s*ศ\.|พุทธศักราช|พระพุทธศักราช)\s*[0-9๐-๙]{4}"
)
_TITLE_NOISE = re.compile(r"\(\s*(?:ฉบับ\s*)?update\s*ล่าสุด\s*\)", re.IGNORECASE)
_YEAR = re.compile(r"(\d{4})$")


@dataclass(frozen=True)
class LawAuthority:
    """Per law: how many other laws cite it, and which corpus law (if any) repealed it."""

    cited_by: dict[str, int] = field(default_factory=dict)
    repealed_by: dict[str, str] = field(default_factory=dict)
    not_current: frozenset[str] = frozenset()

    def prior(self, sysid: str) -> float:
        """``1 + log(1 + laws citing it)``: 1 for a law nobody cites, about 5 for the Civil Code."""
        return 1.0 + math.log1p(self.cited_by.get(sysid, 0))

    def is_superseded(self, sysid: str) -> bool:
        """Marked not current, or repealed by name in another law of the corpus."""
        return sysid in self.not_current or sysid in self.repealed_by

    def as_json(self) -> dict[str, object]:
        return {
            "cited_by": self.cited_by,
            "repealed_by": self.repealed_by,
            "not_current": sorted(self.not_current),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> LawAuthority:
        cited = data.get("cited_by", {})
        repealed = data.get("repealed_by", {})
        current = data.get("not_current", [])
        return cls(
            cited_by={str(k): int(v) for k, v in dict(cited).items()} if isinstance(cited, dict) else {},
            repealed_by={str(k): str(v) for k, v in dict(repealed).items()} if isinstance(repealed, dict) else {},
            not_current=frozenset(str(s) for s in current) if isinstance(current, list) else frozenset(),
        )


def normal_title(title: str) -> str:
    """A title without spaces, update notes or era spelling differences, Arabic digits."""
    text = "".join(to_arabic_digits(_TITLE_NOISE.sub("", title)).split())
    return text.replace("พระพุทธศักราช", "พ.ศ.").replace("พุทธศักราช", "พ.ศ.")


def _year(normal: str) -> int | None:
    match = _YEAR.search(normal)
    return int(match.group(1)) if match else None


def repealed_titles(text: str) -> list[str]:
    """Titles (with their year) a repealing section names: ``ให้ยกเลิก (๑) พระราชบัญญัติ... พ.ศ. ๒๕๓๕``."""
    if not _REPEAL_START.match(text):
        return []
    return [" ".join(match.group(0).split()) for match in _REPEALED_TITLE.finditer(text)]


def compute_authority(
    sections: Iterable[tuple[str, int, str]], titles: Mapping[str, str], not_current: Iterable[str] = ()
) -> LawAuthority:
    """Citations between laws and repeals from ``(sysid, position, text)`` of every section.

    ``titles`` maps sysid -> title of every law in the corpus. A repeal counts only when the title
    it names, year included, is exactly one law of the corpus, older than the repealing law.
    """
    by_title = {title: sysid for sysid, title in titles.items()}
    exact: dict[str, list[str]] = defaultdict(list)
    for sysid, title in titles.items():
        exact[normal_title(title)].append(sysid)
    citing: dict[str, set[str]] = defaultdict(set)
    repealed_by: dict[str, str] = {}
    for sysid, position, text in sections:
        for reference in find_references(text):
            if reference.law_title is None:
                continue
            target = resolve_reference(reference, sysid, by_title)
            cited = target.split("/", 1)[0] if target else None
            if cited and cited != sysid:
                citing[cited].add(sysid)
        if position < REPEAL_WITHIN_SECTIONS:
            own_year = _year(normal_title(titles.get(sysid, "")))
            for named in repealed_titles(text):
                matches = exact.get(normal_title(named), [])
                if len(matches) != 1 or matches[0] == sysid:
                    continue
                year = _year(normal_title(named))
                if own_year is None or year is None or year < own_year:
                    repealed_by.setdefault(matches[0], sysid)
    return LawAuthority(
        cited_by={sysid: len(laws) for sysid, laws in sorted(citing.items())},
        repealed_by=dict(sorted(repealed_by.items())),
        not_current=frozenset(not_current),
    )


def write_authority(folder: Path, authority: LawAuthority) -> None:
    """Store ``authority`` as ``authority.json`` in an index folder."""
    (folder / AUTHORITY_FILE).write_text(json.dumps(authority.as_json(), ensure_ascii=False, indent=0), "utf-8")


def authority_from_store(store: Path) -> LawAuthority:
    """Compute the authority from an index folder's snippet store (sections and law titles)."""
    connection = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        titles = dict(connection.execute("SELECT law, title FROM laws").fetchall())
        not_current = [law for (law,) in connection.execute("SELECT law FROM laws WHERE is_current = 0")]
        rows = connection.execute("SELECT law, position, text FROM sections ORDER BY law, position").fetchall()
    finally:
        connection.close()
    return compute_authority(((str(a), int(b), str(c)) for a, b, c in rows), titles, not_current)


def read_authority(folder: Path | str) -> LawAuthority:
    """The authority of the index in ``folder``: its ``authority.json``, else computed from its store."""
    folder = Path(folder)
    path = folder / AUTHORITY_FILE
    if path.exists():
        return LawAuthority.from_json(json.loads(path.read_text(encoding="utf-8")))
    if (folder / STORE_FILE).exists():
        return authority_from_store(folder / STORE_FILE)
    return LawAuthority()
