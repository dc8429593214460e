"""Queries behind the law pages and their JSON twins. Plain functions over a ``Session``."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from corpus.thai import canonical_section_number, section_sort_key
from lawportal.models import CrossReference, Division, Footnote, Law, Section

# A law page shows about this many characters of section text (Thai is 3 bytes a character in
# UTF-8, so about 33 KB); longer codes are split into pages at division boundaries so a phone
# downloads a page, not the whole code. At 12,000 one page of the 1,576 pages of all 671 laws
# was over 100 KB of HTML (benchmarks/bench_pages.py); at 11,000 the heaviest is 94 KB.
PAGE_TEXT_BUDGET = 11_000
PAGE_TEXT_HARD_LIMIT = 2 * PAGE_TEXT_BUDGET
LAWS_PER_PAGE = 50


class NotFound(LookupError):
    """The law or section asked for does not exist; the message says which."""


@dataclass
class LawFilters:
    """What a reader narrows the list of laws by."""

    law_type: str | None = None
    group: str | None = None
    year_be: int | None = None
    page: int = 1


@dataclass
class LawListing:
    laws: list[Law]
    total: int
    filters: LawFilters
    law_types: list[tuple[str, int]]
    groups: list[tuple[str, int]]
    years: list[tuple[int, int]]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // LAWS_PER_PAGE))


@dataclass
class TocEntry:
    """A line of the table of contents: a division heading or a section, with its page."""

    kind: str  # "division" or "section"
    text: str
    level: int
    anchor: str
    page: int


@dataclass
class LawPage:
    law: Law
    sections: list[Section]
    divisions: dict[int, Division]
    footnotes: list[Footnote]
    toc: list[TocEntry]
    page: int
    pages: int
    references: dict[str, list[CrossReference]] = field(default_factory=dict)


@dataclass
class SectionPage:
    law: Law
    section: Section
    division_path: list[Division]
    footnotes: list[Footnote]
    references: list[CrossReference]
    cited_by: list[tuple[Section, Law]]
    previous: Section | None
    next: Section | None


def browse_laws(session: Session, filters: LawFilters) -> LawListing:
    """Laws matching the filters, newest first, with counts for each filter value."""
    query = select(Law)
    if filters.law_type:
        query = query.where(Law.law_type == filters.law_type)
    if filters.year_be:
        query = query.where(Law.year_be == filters.year_be)
    laws = list(session.scalars(query.order_by(Law.year_be.desc().nulls_last(), Law.title)))
    if filters.group:  # groups is a JSON list: filter in Python, the same on SQLite and PostgreSQL
        laws = [law for law in laws if filters.group in (law.groups or [])]
    total = len(laws)
    start = (max(filters.page, 1) - 1) * LAWS_PER_PAGE
    law_types = list(
        session.execute(select(Law.law_type, func.count()).group_by(Law.law_type).order_by(func.count().desc()))
    )
    years = list(
        session.execute(
            select(Law.year_be, func.count()).where(Law.year_be.is_not(None)).group_by(Law.year_be).order_by(
                Law.year_be.desc()
            )
        )
    )
    group_counts: dict[str, int] = {}
    for groups in session.scalars(select(Law.groups)):
        for group in groups or []:
            group_counts[group] = group_counts.get(group, 0) + 1
    return LawListing(
        laws=laws[start : start + LAWS_PER_PAGE],
        total=total,
        filters=filters,
        law_types=[(t, n) for t, n in law_types],
        groups=sorted(group_counts.items(), key=lambda item: (-item[1], item[0])),
        years=[(y, n) for y, n in years if y is not None],
    )


def get_law(session: Session, sysid: str) -> Law:
    law = session.get(Law, sysid)
    if law is None:
        raise NotFound(f"ไม่พบกฎหมายรหัส {sysid}")
    return law


def _paginate(sections: list[Section]) -> list[int]:
    """The page of each section: a page ends at a division once its budget is spent, or
    mid-division when a single division would make the page far too heavy."""
    pages: list[int] = []
    page, used = 1, 0
    previous_division: int | None = None
    for section in sections:
        at_division_start = section.division_position != previous_division
        if used > PAGE_TEXT_BUDGET and (at_division_start or used > 1.5 * PAGE_TEXT_BUDGET):
            page, used = page + 1, 0
        used += len(section.text)
        pages.append(page)
        previous_division = section.division_position
    return pages


def get_law_page(session: Session, sysid: str, page: int = 1) -> LawPage:
    """An act: its table of contents and the sections of one page, with their references."""
    law = get_law(session, sysid)
    sections = list(
        session.scalars(select(Section).where(Section.law_sysid == sysid).order_by(Section.position))
    )
    divisions = {
        d.position: d
        for d in session.scalars(select(Division).where(Division.law_sysid == sysid).order_by(Division.position))
    }
    page_of = _paginate(sections)
    pages = max(page_of, default=1)
    page = min(max(page, 1), pages)
    toc: list[TocEntry] = []
    shown_divisions: set[int] = set()
    for section, section_page in zip(sections, page_of, strict=True):
        for division in _division_path(divisions, section.division_position):
            if division.position not in shown_divisions:
                shown_divisions.add(division.position)
                heading = f"{division.kind} {division.number} {division.title}".strip()
                toc.append(TocEntry("division", heading, division.level, f"d-{division.position}", section_page))
        # A long code lists its divisions, and only the sections of the page being read.
        if section.part == "main" and section.kind != "preamble" and (pages == 1 or section_page == page):
            toc.append(TocEntry("section", section.label, 9, section_anchor(section), section_page))
    on_page = [s for s, p in zip(sections, page_of, strict=True) if p == page]
    references = _references_of(session, [s.id for s in on_page])
    # Each page carries the footnotes its sections mark; the last page also those no section marks.
    marks_on_page = {mark for s in on_page for mark in s.footnote_marks}
    marked_anywhere = {mark for s in sections for mark in s.footnote_marks}
    footnotes = [
        footnote
        for footnote in session.scalars(
            select(Footnote).where(Footnote.law_sysid == sysid).order_by(Footnote.position)
        )
        if footnote.mark in marks_on_page or (page == pages and footnote.mark not in marked_anywhere)
    ]
    return LawPage(law, on_page, divisions, footnotes, toc, page, pages, references)


def section_anchor(section: Section) -> str:
    """The HTML anchor of a section on its law page."""
    prefix = "e" if section.part == "enacting" else "s"
    return f"{prefix}-{section.number}"


def _division_path(divisions: dict[int, Division], position: int | None) -> list[Division]:
    path: list[Division] = []
    while position is not None and position in divisions:
        path.append(divisions[position])
        position = divisions[position].parent_position
    return list(reversed(path))


def _references_of(session: Session, section_ids: list[str]) -> dict[str, list[CrossReference]]:
    refs: dict[str, list[CrossReference]] = {}
    if not section_ids:
        return refs
    for ref in session.scalars(
        select(CrossReference).where(CrossReference.source_id.in_(section_ids)).order_by(CrossReference.start)
    ):
        refs.setdefault(ref.source_id, []).append(ref)
    return refs


def get_section_page(session: Session, sysid: str, number: str) -> SectionPage:
    """One section by its permalink, with where it sits, what it cites and what cites it."""
    law = get_law(session, sysid)
    try:
        canonical = canonical_section_number(number)
    except ValueError as exc:
        raise NotFound(f"เลขมาตรา {number!r} ไม่ถูกต้อง") from exc
    section = session.get(Section, f"{sysid}/{canonical}")
    if section is None:
        raise NotFound(f"{law.title} ไม่มีมาตรา {canonical}")
    neighbours = list(
        session.scalars(
            select(Section)
            .where(
                Section.law_sysid == sysid,
                Section.part == section.part,
                Section.position.in_([section.position - 1, section.position + 1]),
            )
        )
    )
    previous = next((s for s in neighbours if s.position < section.position), None)
    following = next((s for s in neighbours if s.position > section.position), None)
    divisions = {
        d.position: d for d in session.scalars(select(Division).where(Division.law_sysid == sysid))
    }
    footnotes = []
    if section.footnote_marks:
        footnotes = list(
            session.scalars(
                select(Footnote).where(Footnote.law_sysid == sysid, Footnote.mark.in_(section.footnote_marks))
            )
        )
    cited_by: list[tuple[Section, Law]] = [
        (source, source_law)
        for source, source_law in session.execute(
            select(Section, Law)
            .join(Law, Law.sysid == Section.law_sysid)
            .where(Section.id.in_(select(CrossReference.source_id).where(CrossReference.target_id == section.id)))
        )
    ]
    cited_by.sort(key=lambda pair: (pair[1].sysid != sysid, pair[1].sysid, section_sort_key(pair[0].number)))
    return SectionPage(
        law=law,
        section=section,
        division_path=_division_path(divisions, section.division_position),
        footnotes=footnotes,
        references=_references_of(session, [section.id]).get(section.id, []),
        cited_by=cited_by,
        previous=previous,
        next=following,
    )


def section_url_path(section_id: str) -> str:
    """The site path of a section id: ``443287/135/1`` -> ``/laws/443287/sections/135/1``."""
    sysid, _, number = section_id.partition("/")
    return f"/laws/{sysid}/sections/{number}"


def linkify(text: str, references: list[CrossReference]) -> Markup:
    """The section text, escaped, with each cross-reference made a link to its target."""
    out: list[str] = []
    cursor = 0
    for ref in sorted(references, key=lambda r: r.start):
        if ref.start < cursor:
            continue
        out.append(str(escape(text[cursor : ref.start])))
        out.append(
            f'<a class="xref" href="{escape(section_url_path(ref.target_id))}">{escape(text[ref.start : ref.end])}</a>'
        )
        cursor = ref.end
    out.append(str(escape(text[cursor:])))
    return Markup("".join(out))


def law_summary(law: Law) -> dict[str, object]:
    """The JSON of a law in lists."""
    return {
        "sysid": law.sysid,
        "title": law.title,
        "law_type": law.law_type,
        "groups": list(law.groups or []),
        "year_be": law.year_be,
        "year_ce": law.year_ce,
        "is_current": law.is_current,
        "source_url": law.source_url,
        "sections": law.section_count,
        "url": f"/laws/{law.sysid}",
    }


def section_json(section: Section, references: list[CrossReference] | None = None) -> dict[str, object]:
    return {
        "id": section.id,
        "law": section.law_sysid,
        "number": section.number,
        "label": section.label,
        "kind": section.kind,
        "part": section.part,
        "text": section.text,
        "footnote_marks": list(section.footnote_marks or []),
        "references": [ref.target_id for ref in references or []],
        "url": section_url_path(section.id) if section.part == "main" else None,
    }


def split_long_text(text: str, limit: int) -> list[str]:
    """``text`` in pieces of about ``limit`` characters at most, cut between lines."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for line in text.splitlines(keepends=True):
        if current and size + len(line) > limit:
            pieces.append("".join(current))
            current, size = [], 0
        current.append(line)
        size += len(line)
    if current:
        pieces.append("".join(current))
    return pieces or [""]
