"""Read raw laws from a JSON Lines file (plain or gzipped) or a folder of ``.txt`` files.

A malformed record does not stop the load: it comes out as a ``RecordError`` naming its file and
line, and every other law still loads. Only a path that cannot be read at all raises ``CorpusError``.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.model import RawLaw
from corpus.thai import clean_text

METADATA_FILES = ("metadata.csv", "metadata.json")
REQUIRED_FIELDS = ("sysid", "title", "text")


class CorpusError(Exception):
    """The corpus path as a whole cannot be read (missing, unreadable, not a corpus)."""


@dataclass(frozen=True)
class RecordError:
    """One record that could not be loaded; ``origin`` is ``"file:line"``."""

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


def read_raw_laws(path: Path) -> Iterator[RawLaw | RecordError]:
    """Yield every law found at ``path``, or a ``RecordError`` for each record that is malformed.

    ``path`` is a ``.jsonl`` / ``.jsonl.gz`` file or a folder of ``<sysid>.txt`` files with a
    ``metadata.csv`` or ``metadata.json`` sidecar.
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"corpus path not found: {path}")
    if path.is_dir():
        yield from _read_text_folder(path)
    elif path.name.endswith((".jsonl", ".jsonl.gz", ".json.gz", ".ndjson")):
        yield from _read_jsonl(path)
    else:
        raise CorpusError(f"not a corpus: {path} (expected .jsonl, .jsonl.gz or a folder of .txt files)")


def _read_jsonl(path: Path) -> Iterator[RawLaw | RecordError]:
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        stream = opener(path, "rb")
    except OSError as error:
        raise CorpusError(f"cannot read {path}: {error.strerror or error}") from error
    with stream:
        line_number = 0
        try:
            for line_number, raw_line in enumerate(stream, start=1):
                if not raw_line.strip():
                    continue
                yield _record_from_json_line(raw_line, f"{path.name}:{line_number}")
        except (OSError, EOFError, zlib.error) as error:
            # A truncated or corrupt gzip: what was read so far has been yielded already.
            raise CorpusError(f"{path.name}:{line_number + 1}: cannot read compressed data: {error}") from error


# The krisdika texts are scraped HTML: CRLF is the HTML source's own wrapping inside a paragraph,
# which a browser shows as a space; a bare LF separates paragraphs.
_SOFT_WRAP_RE = re.compile("[ \t\u00a0]*\r\n[ \t\u00a0]*")
_HARD_BREAK_RE = re.compile("(?<!\r)\n")


def join_soft_wraps(text: str) -> tuple[str, bool]:
    """Join the soft wraps (CRLF) of a text that also has paragraph breaks (LF); say if it did.

    A text with only one kind of line ending is left alone: its CRLFs are plain line endings.
    """
    if "\r\n" not in text or not _HARD_BREAK_RE.search(text):
        return text, False
    return _SOFT_WRAP_RE.sub(" ", text), True


def _record_from_json_line(raw_line: bytes, origin: str) -> RawLaw | RecordError:
    try:
        line = raw_line.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return RecordError(origin, f"not UTF-8 text: {error.reason} at byte {error.start}")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return RecordError(origin, f"invalid JSON: {error.msg} (column {error.colno})")
    if not isinstance(record, dict):
        return RecordError(origin, f"expected a JSON object, got {type(record).__name__}")
    text, paragraph_lines = record.get("text"), False
    if isinstance(text, str):
        text, paragraph_lines = join_soft_wraps(text)
    return _raw_law_from_fields(record, text, origin, paragraph_lines)


def _raw_law_from_fields(
    fields: Mapping[str, Any], text: Any, origin: str, paragraph_lines: bool = False
) -> RawLaw | RecordError:
    """Validate one record's fields; every problem is reported, not raised."""
    missing = [name for name in REQUIRED_FIELDS if name != "text" and _is_blank(fields.get(name))]
    if _is_blank(text):
        missing.append("text")
    if missing:
        return RecordError(origin, "missing field(s): " + ", ".join(missing))
    sysid = fields["sysid"]
    if isinstance(sysid, bool) or not isinstance(sysid, (str, int)):
        return RecordError(origin, f"sysid must be a string or integer, got {type(sysid).__name__}")
    sysid = str(sysid).strip()
    if not sysid.isdigit():
        return RecordError(origin, f"sysid must be digits, got {sysid!r}")
    for name in ("title", "law_type", "source_url"):
        value = fields.get(name, "")
        if value is not None and not isinstance(value, str):
            return RecordError(origin, f"{name} must be a string, got {type(value).__name__}")
    if not isinstance(text, str):
        return RecordError(origin, f"text must be a string, got {type(text).__name__}")
    groups = fields.get("groups") or ()
    if isinstance(groups, str):
        groups = [part for part in groups.replace("|", ";").split(";")]
    if not isinstance(groups, (list, tuple)) or not all(isinstance(group, str) for group in groups):
        return RecordError(origin, "groups must be a list of strings")
    return RawLaw(
        sysid=sysid,
        title=" ".join(clean_text(fields["title"]).split()),
        law_type=clean_text(fields.get("law_type") or "").strip(),
        text=clean_text(text),
        groups=tuple(group.strip() for group in groups if group.strip()),
        source_url=(fields.get("source_url") or "").strip(),
        origin=origin,
        paragraph_lines=paragraph_lines,
    )


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_text_folder(folder: Path) -> Iterator[RawLaw | RecordError]:
    metadata, errors = _read_metadata(folder)
    yield from errors
    text_files = sorted(folder.glob("*.txt"), key=lambda file: file.name)
    if not text_files and not metadata:
        raise CorpusError(f"no .txt files and no metadata in {folder}")
    seen: set[str] = set()
    for text_file in text_files:
        sysid = text_file.stem
        origin = f"{text_file.name}:1"
        row = metadata.get(sysid)
        if row is None:
            yield RecordError(origin, f"no metadata row for sysid {sysid} in {_metadata_name(folder)}")
            continue
        seen.add(sysid)
        try:
            text = text_file.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            yield RecordError(origin, f"not UTF-8 text: {error.reason} at byte {error.start}")
            continue
        except OSError as error:
            yield RecordError(origin, f"cannot read: {error.strerror or error}")
            continue
        fields, row_origin = row
        yield _raw_law_from_fields({**fields, "sysid": sysid}, text, row_origin)
    for sysid, (_fields, row_origin) in metadata.items():
        if sysid not in seen:
            yield RecordError(row_origin, f"no text file {sysid}.txt for this metadata row")


def _metadata_name(folder: Path) -> str:
    existing = [name for name in METADATA_FILES if (folder / name).exists()]
    return existing[0] if existing else "metadata.csv / metadata.json (none found)"


MetadataRows = dict[str, tuple[dict[str, Any], str]]


def _read_metadata(folder: Path) -> tuple[MetadataRows, list[RecordError]]:
    """Metadata rows keyed by sysid, each with the ``file:line`` it came from."""
    csv_path, json_path = (folder / name for name in METADATA_FILES)
    if csv_path.exists():
        return _read_metadata_csv(csv_path)
    if json_path.exists():
        return _read_metadata_json(json_path)
    return {}, []


def _read_metadata_csv(path: Path) -> tuple[MetadataRows, list[RecordError]]:
    rows: MetadataRows = {}
    errors: list[RecordError] = []
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(f"cannot read {path}: {error}") from error
    reader = csv.DictReader(io.StringIO(content, newline=""))
    if reader.fieldnames is None or "sysid" not in reader.fieldnames:
        raise CorpusError(f"{path.name}:1: the header must name a 'sysid' column")
    for row in reader:
        origin = f"{path.name}:{reader.line_num}"
        _add_metadata_row(rows, errors, dict(row), origin)
    return rows, errors


def _read_metadata_json(path: Path) -> tuple[MetadataRows, list[RecordError]]:
    try:
        document = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(f"cannot read {path}: {error}") from error
    except json.JSONDecodeError as error:
        raise CorpusError(f"{path.name}:{error.lineno}: invalid JSON: {error.msg}") from error
    if isinstance(document, dict):
        document = [{"sysid": key, **value} if isinstance(value, dict) else value for key, value in document.items()]
    if not isinstance(document, list):
        raise CorpusError(f"{path.name}:1: expected a list of objects or an object keyed by sysid")
    rows: MetadataRows = {}
    errors: list[RecordError] = []
    for index, entry in enumerate(document, start=1):
        origin = f"{path.name}:entry {index}"
        if not isinstance(entry, dict):
            errors.append(RecordError(origin, f"expected an object, got {type(entry).__name__}"))
            continue
        _add_metadata_row(rows, errors, entry, origin)
    return rows, errors


def _add_metadata_row(rows: MetadataRows, errors: list[RecordError], row: dict[str, Any], origin: str) -> None:
    sysid = str(row.get("sysid") or "").strip()
    if not sysid:
        errors.append(RecordError(origin, "missing field(s): sysid"))
    elif sysid in rows:
        errors.append(RecordError(origin, f"sysid {sysid} repeats the row at {rows[sysid][1]}"))
    else:
        rows[sysid] = (row, origin)
