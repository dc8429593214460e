"""Build an index folder from parsed laws, fast: segment in a process pool, then write.

Measured design (docs: search-feasibility note): Thai segmentation inside the Whoosh writer
costs a Python call per token; segmenting whole sections in a 2-process pool first and giving
the writer space-separated terms without positions or stored text is about 5x faster. The
folder also holds ``store.sqlite`` (section text for snippets and phrase checks, law metadata)
``meta.json`` (engine, counts) and ``authority.json`` (citations between laws and repeals,
:mod:`indexer.authority`), so a search needs nothing else.
"""

from __future__ import annotations

import json
import multiprocessing
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.writing import IndexWriter

from corpus.model import Law
from indexer.analysis import DEFAULT_ENGINE, analyze, check_engine
from indexer.authority import authority_from_store, compute_authority, write_authority
from indexer.documents import LawDocument, SectionDocument, law_document, section_documents
from indexer.schema import LAWS, SECTIONS, law_schema, section_schema

STORE_FILE = "store.sqlite"
META_FILE = "meta.json"
Progress = Callable[[int], None]


@dataclass
class TokenizedLaw:
    """A law's documents with their text fields already segmented into space-separated terms."""

    law: LawDocument
    sections: list[SectionDocument]
    law_fields: dict[str, str]
    section_fields: list[dict[str, str]]


@dataclass
class BuildStats:
    """What a build or update did and how long each stage took."""

    laws: int = 0
    sections: int = 0
    text_bytes: int = 0
    segment_seconds: float = 0.0
    write_seconds: float = 0.0
    total_seconds: float = 0.0
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _terms(text: str, engine: str) -> str:
    return " ".join(analyze(text, engine))


def tokenize_law(law: Law, engine: str = DEFAULT_ENGINE) -> TokenizedLaw:
    """Segment every indexed field of ``law``: runs in a pool worker, so it takes plain data."""
    sections = section_documents(law)
    law_doc = law_document(law, sections)
    title_terms = _terms(" ".join([law.title, *law_doc.short_titles]), engine)
    division_cache: dict[str, str] = {}
    section_fields = []
    for doc in sections:
        if doc.divisions not in division_cache:
            division_cache[doc.divisions] = _terms(doc.divisions, engine)
        section_fields.append({"divisions": division_cache[doc.divisions], "text": _terms(doc.text, engine)})
    law_fields = {
        "title": title_terms,
        "divisions": _terms(law_doc.divisions, engine),
        "body": " ".join(fields["text"] for fields in section_fields),
    }
    return TokenizedLaw(law_doc, sections, law_fields, section_fields)


def _tokenize_in_worker(args: tuple[Law, str]) -> TokenizedLaw:
    return tokenize_law(*args)


def tokenize_laws(laws: Iterable[Law], engine: str, procs: int) -> Iterator[TokenizedLaw]:
    """Segment laws in ``procs`` processes (in this one when ``procs`` is 1), in any order."""
    jobs = ((law, engine) for law in laws)
    if procs <= 1:
        yield from map(_tokenize_in_worker, jobs)
        return
    with multiprocessing.get_context("fork").Pool(procs) as pool:
        yield from pool.imap_unordered(_tokenize_in_worker, jobs, chunksize=2)


def _filter_fields(doc: LawDocument) -> dict[str, object]:
    fields: dict[str, object] = {"law": doc.law, "law_type": doc.law_type, "groups": ",".join(doc.groups)}
    if doc.year_be:
        fields["year"] = doc.year_be
    return fields


def _add_law(section_writer: IndexWriter, law_writer: IndexWriter, item: TokenizedLaw) -> None:
    filters = _filter_fields(item.law)
    law_writer.add_document(**filters, **item.law_fields)
    for doc, fields in zip(item.sections, item.section_fields, strict=True):
        section_writer.add_document(id=doc.id, **filters, **fields)


def _open_store(folder: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(folder / STORE_FILE)
    connection.executescript(
        """
        CREATE TABLE IF NOT EXISTS laws (
            law TEXT PRIMARY KEY, title TEXT, short_titles TEXT, law_type TEXT, groups TEXT,
            year_be INTEGER, section_count INTEGER, digest TEXT, is_current INTEGER);
        CREATE TABLE IF NOT EXISTS sections (
            id TEXT PRIMARY KEY, law TEXT, number TEXT, label TEXT, position INTEGER, text TEXT,
            cited_within INTEGER DEFAULT 0);
        CREATE INDEX IF NOT EXISTS sections_by_law ON sections (law, position);
        """
    )
    return connection


def _store_law(connection: sqlite3.Connection, item: TokenizedLaw) -> None:
    """Store a law and its sections, each with how many other sections of the law cite it.

    The count is within one law, so a law's rows are complete on their own and an update that
    replaces a law keeps every other law's counts right; readers get them without re-reading texts.
    """
    from indexer.lawtext import count_references

    doc = item.law
    cited = count_references((s.id, s.law, s.text) for s in item.sections)
    connection.execute(
        "INSERT OR REPLACE INTO laws VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc.law,
            doc.title,
            json.dumps(doc.short_titles, ensure_ascii=False),
            doc.law_type,
            json.dumps(doc.groups, ensure_ascii=False),
            doc.year_be,
            doc.section_count,
            doc.digest,
            int(doc.is_current),
        ),
    )
    connection.executemany(
        "INSERT OR REPLACE INTO sections VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(s.id, s.law, s.number, s.label, s.position, s.text, cited.get(s.id, 0)) for s in item.sections],
    )


def _write_meta(folder: Path, engine: str, stats: BuildStats) -> None:
    meta = {"engine": engine, "built_at": datetime.now(UTC).isoformat(timespec="seconds"), **asdict(stats)}
    meta.pop("changed"), meta.pop("removed")
    (folder / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")


def _write_law_text(folder: Path) -> None:
    """Save the section index as the situation search's law-text matrix, beside it in the same folder.

    Built here, with the index it is read from, so a paragraph is always searched over the laws the
    keyword search has: an index rebuilt after new laws were loaded carries its own matrix.
    """
    from indexer.lawtext import LAW_TEXT_FILE, LawTextMatrix

    LawTextMatrix.from_index(folder).save(folder / LAW_TEXT_FILE)


def read_meta(folder: Path) -> dict[str, object]:
    """The build record of an index folder (engine, counts, time)."""
    return dict(json.loads((folder / META_FILE).read_text(encoding="utf-8")))


def build_index(
    laws: Iterable[Law],
    folder: Path,
    *,
    engine: str = DEFAULT_ENGINE,
    procs: int = 2,
    limitmb: int = 512,
    progress: Progress | None = None,
) -> BuildStats:
    """Build a complete index of ``laws`` into the empty or new ``folder``."""
    check_engine(engine)
    started = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise ValueError(f"index folder is not empty: {folder}")
    stats = BuildStats()
    tokenized: list[TokenizedLaw] = []
    connection = _open_store(folder)
    with connection:
        for item in tokenize_laws(laws, engine, procs):
            tokenized.append(item)
            _store_law(connection, item)
            stats.laws += 1
            stats.sections += len(item.sections)
            stats.text_bytes += sum(len(s.text.encode("utf-8")) for s in item.sections)
            if progress:
                progress(1)
    connection.close()
    stats.segment_seconds = time.perf_counter() - started

    written = time.perf_counter()
    section_index = whoosh_index.create_in(str(folder), section_schema(), indexname=SECTIONS)
    law_index = whoosh_index.create_in(str(folder), law_schema(), indexname=LAWS)
    multi = {"procs": procs, "multisegment": True, "limitmb": limitmb} if procs > 1 else {"limitmb": limitmb}
    section_writer = section_index.writer(**multi)
    law_writer = law_index.writer()
    try:
        for item in tokenized:
            _add_law(section_writer, law_writer, item)
    except BaseException:
        section_writer.cancel()
        law_writer.cancel()
        raise
    section_writer.commit()
    law_writer.commit()
    write_authority(
        folder,
        compute_authority(
            ((doc.law, doc.position, doc.text) for item in tokenized for doc in item.sections),
            {item.law.law: item.law.title for item in tokenized},
            [item.law.law for item in tokenized if not item.law.is_current],
        ),
    )
    _write_law_text(folder)
    stats.write_seconds = time.perf_counter() - written
    stats.total_seconds = time.perf_counter() - started
    _write_meta(folder, engine, stats)
    return stats


def update_index(
    source: Path,
    folder: Path,
    laws: Iterable[Law],
    *,
    progress: Progress | None = None,
) -> BuildStats:
    """Copy the index at ``source`` to ``folder`` and re-index only the laws whose content changed.

    Laws absent from ``laws`` are removed; ``stats.changed`` and ``stats.removed`` list sysids.
    """
    started = time.perf_counter()
    engine = str(read_meta(source)["engine"])
    shutil.copytree(source, folder)
    connection = _open_store(folder)
    known = dict(connection.execute("SELECT law, digest FROM laws").fetchall())
    stats = BuildStats()
    changed: list[TokenizedLaw] = []
    seen: set[str] = set()
    for law in laws:
        seen.add(law.sysid)
        if known.get(law.sysid) != law_document(law).digest:
            changed.append(tokenize_law(law, engine))
        if progress:
            progress(1)
    stats.removed = sorted(set(known) - seen)
    stats.changed = [item.law.law for item in changed]
    section_writer = whoosh_index.open_dir(str(folder), indexname=SECTIONS).writer()
    law_writer = whoosh_index.open_dir(str(folder), indexname=LAWS).writer()
    with connection:
        for sysid in [*stats.removed, *stats.changed]:
            section_writer.delete_by_term("law", sysid)
            law_writer.delete_by_term("law", sysid)
            connection.execute("DELETE FROM sections WHERE law = ?", (sysid,))
            connection.execute("DELETE FROM laws WHERE law = ?", (sysid,))
        for item in changed:
            _add_law(section_writer, law_writer, item)
            _store_law(connection, item)
        stats.laws, stats.sections = connection.execute(
            "SELECT (SELECT count(*) FROM laws), (SELECT count(*) FROM sections)"
        ).fetchone()
    connection.close()
    section_writer.commit()
    law_writer.commit()
    # A changed law may cite or repeal any other: recount from the whole store.
    write_authority(folder, authority_from_store(folder / STORE_FILE))
    _write_law_text(folder)
    stats.total_seconds = time.perf_counter() - started
    _write_meta(folder, engine, stats)
    return stats
