"""Read and validate a file of decided cases (precedents), one JSON object a line.

A precedent is data: the facts a court found and the sections it applied, as canonical section ids.
A file is accepted whole or not at all, so that a half-loaded file never leaves the site with some
cases of a collection and not others. Every problem is reported with the file and line it is on.

Accepted line shape (the eval set's ``query`` / ``gold`` names are accepted as aliases)::

    {"id": "dika-1234-2560", "facts": "...", "sections": ["443287/288", "443287/80"],
     "court": "ศาลฎีกา", "case_number": "1234/2560", "year": 2560, "source_url": "https://..."}
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from corpus.thai import clean_text, split_section_id

# Ids end up in URLs (/cases/<id>), so keep them to characters that need no escaping.
PRECEDENT_ID_PATTERN = re.compile(r"^[A-Za-z0-9ก-๙][A-Za-z0-9ก-๙._\-]{0,119}$")
MAX_FACTS_CHARS = 20_000


@dataclass(frozen=True)
class Precedent:
    """One decided case: its facts and the canonical ids of the sections the court applied."""

    id: str
    facts: str
    sections: tuple[str, ...]
    court: str = ""
    case_number: str = ""
    year: int | None = None
    source_url: str = ""
    origin: str = ""


@dataclass(frozen=True)
class LineError:
    """What is wrong with one line of a precedents file."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class PrecedentFileError(ValueError):
    """A precedents file has bad lines; none of the file may be loaded."""

    def __init__(self, errors: list[LineError]) -> None:
        self.errors = errors
        shown = "\n".join(str(error) for error in errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{len(errors)} bad line(s), nothing loaded:\n{shown}{more}")


def _first_present(record: dict[str, object], *names: str) -> object:
    for name in names:
        if name in record:
            return record[name]
    return None


def parse_precedent(record: object, section_exists: Callable[[str], bool] | None, origin: str) -> Precedent:
    """Turn one decoded JSON value into a ``Precedent``; ``ValueError`` with a reason if it is not one."""
    if not isinstance(record, dict):
        raise ValueError("a line must be a JSON object")
    precedent_id = record.get("id")
    if not isinstance(precedent_id, str) or not PRECEDENT_ID_PATTERN.match(precedent_id.strip()):
        raise ValueError(f"missing or unusable id {precedent_id!r} (letters, digits, . _ - only)")
    facts = _first_present(record, "facts", "query")
    if not isinstance(facts, str) or not clean_text(facts).strip():
        raise ValueError("missing facts")
    facts = clean_text(facts).strip()
    if len(facts) > MAX_FACTS_CHARS:
        raise ValueError(f"facts longer than {MAX_FACTS_CHARS} characters")
    raw_sections = _first_present(record, "sections", "gold")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise ValueError("missing sections (a non-empty list of section ids such as 443287/288)")
    sections: list[str] = []
    for raw in raw_sections:
        if not isinstance(raw, str):
            raise ValueError(f"section id {raw!r} is not a string")
        try:
            sysid, number = split_section_id(raw.strip())
        except ValueError:
            raise ValueError(f"malformed section id {raw!r}") from None
        canonical = f"{sysid}/{number}"
        if section_exists is not None and not section_exists(canonical):
            raise ValueError(f"section {canonical} is not in the corpus")
        if canonical not in sections:
            sections.append(canonical)
    year = record.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool) or year <= 0):
        raise ValueError(f"year {year!r} is not a positive whole number")
    text_fields = {}
    for name in ("court", "case_number", "source_url"):
        value = record.get(name, "")
        if not isinstance(value, str):
            raise ValueError(f"{name} must be a string")
        text_fields[name] = value.strip()
    return Precedent(
        id=precedent_id.strip(),
        facts=facts,
        sections=tuple(sections),
        year=year,
        origin=origin,
        **text_fields,
    )


def parse_precedent_lines(
    lines: Iterable[str], path: str, section_exists: Callable[[str], bool] | None = None
) -> list[Precedent]:
    """Parse all lines; raise ``PrecedentFileError`` listing every bad line, or return every case."""
    precedents: list[Precedent] = []
    errors: list[LineError] = []
    seen: dict[str, int] = {}
    for line_number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            errors.append(LineError(path, line_number, f"not valid JSON ({error.msg})"))
            continue
        try:
            precedent = parse_precedent(record, section_exists, f"{path}:{line_number}")
        except ValueError as error:
            errors.append(LineError(path, line_number, str(error)))
            continue
        if precedent.id in seen:
            errors.append(
                LineError(path, line_number, f"id {precedent.id} repeats line {seen[precedent.id]}")
            )
            continue
        seen[precedent.id] = line_number
        precedents.append(precedent)
    if errors:
        raise PrecedentFileError(errors)
    if not precedents:
        raise PrecedentFileError([LineError(path, 0, "the file holds no precedents")])
    return precedents


def read_precedents(path: str | Path, section_exists: Callable[[str], bool] | None = None) -> list[Precedent]:
    """Read a precedents JSONL file, all or nothing.

    ``section_exists`` answers whether a canonical section id is in the corpus; without it only the
    id's form is checked. Raises ``PrecedentFileError`` (file and line of each problem) or ``OSError``.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as handle:
            return parse_precedent_lines(handle, str(path), section_exists)
    except UnicodeDecodeError as error:
        raise PrecedentFileError([LineError(str(path), 0, f"not UTF-8 text ({error.reason})")]) from None
