"""Store parsed laws in the database: idempotent, one transaction per law.

Loading the same file twice leaves the same rows; a malformed record is reported with its
origin (file and line) while every other law still loads.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, sessionmaker

from corpus import model as parsed
from corpus.loader import RecordError, read_raw_laws
from corpus.parser import mark_current, parse_law
from lawportal.models import CrossReference, Division, Footnote, Law, Section


@dataclass
class LoadResult:
    """What a load did: laws stored, laws unchanged, and every record that failed."""

    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def content_hash(law: parsed.Law) -> str:
    """A digest of everything parsed from a law; equal digests mean nothing to reload."""
    payload = json.dumps(dataclasses.asdict(law), ensure_ascii=False, sort_keys=True, default=list)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def stored_section_id(sysid: str, section: parsed.Section) -> str:
    """The database id of a section: canonical for the law's own, apart for an enacting act's."""
    if section.part == "enacting":
        return f"{sysid}/enacting/{section.number}"
    return f"{sysid}/{section.number}"


def parse_file(path: Path, progress: Callable[[int], None] | None = None) -> tuple[list[parsed.Law], list[str]]:
    """Read and parse every law of ``path``; errors name the record's file and line."""
    laws: list[parsed.Law] = []
    errors: list[str] = []
    for item in read_raw_laws(path):
        if isinstance(item, RecordError):
            errors.append(f"{item.origin}: {item.message}")
        else:
            try:
                laws.append(parse_law(item))
            except ValueError as exc:
                errors.append(f"{item.origin}: {exc}")
        if progress:
            progress(1)
    mark_current(laws)
    return laws, errors


def store_law(session: Session, law: parsed.Law, *, is_demo: bool = False) -> bool:
    """Replace the stored rows of ``law`` unless they are already identical; True if written.

    Rows go in as bulk Core inserts: the ORM's unit of work cost a minute on the real corpus.
    """
    digest = content_hash(law)
    stored_digest = session.scalar(select(Law.content_hash).where(Law.sysid == law.sysid))
    if stored_digest == digest:
        return False
    if stored_digest is not None:  # the foreign keys cascade to sections, divisions, footnotes, references
        session.execute(delete(Law).where(Law.sysid == law.sysid))
    session.execute(
        insert(Law).values(
            sysid=law.sysid,
            title=law.title,
            law_type=law.law_type,
            groups=list(law.groups),
            source_url=law.source_url,
            year_be=law.year_be,
            is_current=law.is_current,
            is_demo=is_demo,
            preamble=law.preamble,
            history=law.history,
            content_hash=digest,
            section_count=len(law.sections),
        )
    )
    if law.divisions:
        session.execute(
            insert(Division),
            [
                {
                    "law_sysid": law.sysid,
                    "position": i,
                    "kind": d.kind,
                    "number": d.number,
                    "title": d.title,
                    "level": d.level,
                    "parent_position": d.parent,
                }
                for i, d in enumerate(law.divisions)
            ],
        )
    sections = [*law.enacting_sections, *law.sections]
    if law.preamble:
        sections.insert(0, parsed.Section(number="0", label="คำปรารภ", text=law.preamble, kind="preamble"))
    rows: dict[str, dict[str, object]] = {}
    for position, section in enumerate(sections):
        sid = stored_section_id(law.sysid, section)
        # A duplicate number is an anomaly the corpus report lists; the first one is kept.
        rows.setdefault(
            sid,
            {
                "id": sid,
                "law_sysid": law.sysid,
                "number": section.number,
                "label": section.label,
                "kind": section.kind,
                "part": section.part,
                "position": position,
                "division_position": section.division,
                "text": section.text,
                "footnote_marks": list(section.footnote_marks),
            },
        )
    if rows:
        session.execute(insert(Section), list(rows.values()))
    if law.footnotes:
        session.execute(
            insert(Footnote),
            [
                {"law_sysid": law.sysid, "position": i, "mark": f.mark, "text": f.text}
                for i, f in enumerate(law.footnotes)
            ],
        )
    return True


def store_references(session: Session, sysids: Iterable[str]) -> int:
    """Find and store the cross-references of the given laws; only targets that exist are kept."""
    from corpus.crossrefs import find_references, resolve_reference

    titles = {
        title: sysid
        for sysid, title in session.execute(select(Law.sysid, Law.title).order_by(Law.is_current, Law.sysid))
    }
    known_ids = set(session.scalars(select(Section.id)))
    wanted = list(sysids)
    session.execute(delete(CrossReference).where(CrossReference.law_sysid.in_(wanted)))
    rows: list[dict[str, object]] = []
    for sysid in wanted:
        sources = session.execute(
            select(Section.id, Section.text).where(Section.law_sysid == sysid, Section.part == "main")
        )
        for source_id, text in sources:
            for ref in find_references(text):
                target = resolve_reference(ref, sysid, titles)
                if target and target in known_ids and target != source_id:
                    rows.append(
                        {
                            "law_sysid": sysid,
                            "source_id": source_id,
                            "target_id": target,
                            "start": ref.start,
                            "end": ref.end,
                        }
                    )
    if rows:
        session.execute(insert(CrossReference), rows)
    return len(rows)


def load_laws(
    sessions: sessionmaker[Session],
    laws: Iterable[parsed.Law],
    *,
    is_demo: bool = False,
    progress: Callable[[int], None] | None = None,
) -> LoadResult:
    """Store each law in its own transaction, then the references of those that changed."""
    result = LoadResult()
    for law in laws:
        try:
            with sessions.begin() as session:
                changed = store_law(session, law, is_demo=is_demo)
        except Exception as exc:  # one bad law must not stop the others; the error names it
            result.errors.append(f"{law.sysid} ({law.title}): {type(exc).__name__}: {exc}")
            changed = False
        else:
            (result.stored if changed else result.unchanged).append(law.sysid)
        if progress:
            progress(1)
    if result.stored:
        with sessions.begin() as session:
            store_references(session, result.stored)
    return result
