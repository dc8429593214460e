"""Loading precedents into the database and their index, and reading one case for its page.

A load is all or nothing per file: the file is validated completely (every section it names must
be in the corpus), the new precedent index is built into a fresh folder, and only then are the
database rows committed and the index published. A second load of the same file finds every
case unchanged and changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from corpus.precedents import Precedent as PrecedentRecord
from corpus.precedents import read_precedents
from corpus.thai import split_section_id
from indexer.precedents import build_precedent_index, precedent_root_for
from lawportal.models import Law, Section
from lawportal.models.precedent import Precedent, PrecedentSection


class NotFound(LookupError):
    """No precedent has that id."""


@dataclass
class LoadResult:
    """What a load did: ids stored (new or changed) and unchanged, and the index folder published."""

    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    index_folder: Path | None = None


def content_hash(record: PrecedentRecord) -> str:
    """A stable digest of everything stored about a case, to tell an unchanged case on reload."""
    payload = json.dumps(
        [record.facts, list(record.sections), record.court, record.case_number, record.year, record.source_url],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def known_section_ids(session: Session) -> set[str]:
    """Every canonical section id in the database (about 39,000 short strings)."""
    return set(session.scalars(select(Section.id)))


def _section_texts(session: Session, section_ids: set[str]) -> dict[str, str]:
    texts: dict[str, str] = {}
    ids = sorted(section_ids)
    for start in range(0, len(ids), 500):
        for row in session.execute(select(Section.id, Section.text).where(Section.id.in_(ids[start : start + 500]))):
            texts[row.id] = row.text
    return texts


def _as_record(row: Precedent) -> PrecedentRecord:
    return PrecedentRecord(
        id=row.id,
        facts=row.facts,
        sections=tuple(row.section_ids),
        court=row.court,
        case_number=row.case_number,
        year=row.year,
        source_url=row.source_url,
        origin=row.source_file,
    )


def rebuild_index(session: Session, precedent_root: Path, records: Sequence[PrecedentRecord]) -> Path:
    """Build the precedent index and model into a new folder (the law text is the law index's own).

    The folder is returned unpublished; :func:`publish` makes it current.
    """
    precedent_root.mkdir(parents=True, exist_ok=True)
    folder = _new_folder(precedent_root)
    try:
        texts = _section_texts(session, {s for record in records for s in record.sections})
        build_precedent_index(records, folder, texts)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def _new_folder(root: Path) -> Path:
    from indexer.store import IndexStore

    return IndexStore(root).new_folder()


def publish(precedent_root: Path, folder: Path) -> None:
    """Swap the pointer to ``folder`` atomically and prune old builds."""
    from indexer.store import IndexStore

    IndexStore(precedent_root).publish(folder)


def load_precedents(session: Session, path: Path, precedent_root: Path) -> LoadResult:
    """Load a precedents file: validate all of it, build the index, then commit and publish.

    Raises ``PrecedentFileError`` (file and line of each bad line) or ``OSError`` with nothing changed.
    """
    known = known_section_ids(session)
    records = read_precedents(path, known.__contains__)
    result = LoadResult()
    existing = {
        row.id: row
        for row in session.scalars(
            select(Precedent).where(Precedent.id.in_([r.id for r in records])).options(selectinload(Precedent.sections))
        )
    }
    for record in records:
        digest = content_hash(record)
        row = existing.get(record.id)
        if row is not None and row.content_hash == digest:
            result.unchanged.append(record.id)
            continue
        if row is None:
            row = Precedent(id=record.id)
            session.add(row)
        row.facts = record.facts
        row.court = record.court
        row.case_number = record.case_number
        row.year = record.year
        row.source_url = record.source_url
        row.source_file = path.name
        row.content_hash = digest
        row.sections = [
            PrecedentSection(precedent_id=record.id, section_id=section, position=position)
            for position, section in enumerate(record.sections)
        ]
        result.stored.append(record.id)
    session.flush()
    index_missing = _current_folder(precedent_root) is None
    if result.stored or index_missing:
        all_rows = session.scalars(select(Precedent).options(selectinload(Precedent.sections)).order_by(Precedent.id))
        folder = rebuild_index(session, precedent_root, [_as_record(row) for row in all_rows])
        try:
            session.commit()
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        publish(precedent_root, folder)
        result.index_folder = folder
    else:
        session.commit()
    return result


def _current_folder(root: Path) -> Path | None:
    from indexer.store import IndexStore

    return IndexStore(root).current()


@dataclass
class AppliedSection:
    """A section a case applied, with what the page shows about it (``None`` if no longer in the corpus)."""

    id: str
    sysid: str
    number: str
    label: str | None
    law_title: str | None


@dataclass
class CasePage:
    """Everything the case page and its JSON twin show."""

    precedent: Precedent
    sections: list[AppliedSection]


def get_case_page(session: Session, precedent_id: str) -> CasePage:
    """The case ``precedent_id`` with its applied sections resolved; ``NotFound`` if there is none."""
    row = session.scalars(
        select(Precedent).where(Precedent.id == precedent_id).options(selectinload(Precedent.sections))
    ).first()
    if row is None:
        raise NotFound(f"ไม่พบคำพิพากษา {precedent_id}")
    sections = []
    for section_id in row.section_ids:
        sysid, number = split_section_id(section_id)
        found = session.execute(
            select(Section.label, Law.title).join(Law, Law.sysid == Section.law_sysid).where(Section.id == section_id)
        ).first()
        sections.append(
            AppliedSection(section_id, sysid, number, found.label if found else None, found.title if found else None)
        )
    return CasePage(row, sections)


def case_json(page: CasePage) -> dict[str, object]:
    """The JSON twin of the case page."""
    row = page.precedent
    return {
        "id": row.id,
        "facts": row.facts,
        "court": row.court,
        "case_number": row.case_number,
        "year": row.year,
        "source_url": row.source_url,
        "source_file": row.source_file,
        "sections": [
            {"id": s.id, "law": s.sysid, "number": s.number, "label": s.label, "law_title": s.law_title}
            for s in page.sections
        ],
    }


def precedent_root(index_dir: str | Path) -> Path:
    """Where the precedent index of an app lives, beside its law index root."""
    return precedent_root_for(Path(index_dir))
