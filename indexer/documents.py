"""What gets indexed: one document per section and one per law, as plain dataclasses.

Section documents carry their law's title and the headings above them, so a query naming the
topic of an act lifts every section of that act. Law documents carry the title, the short
titles the act gives itself (``พระราชบัญญัตินี้เรียกว่า ...``), every heading and a summary
(preamble and first sections), and rank the act that governs a topic.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass

from corpus.model import Law, Section
from corpus.thai import clean_text, section_id

SUMMARY_CHARS = 4000
# "พระราชบัญญัตินี้เรียกว่า “พระราชบัญญัติ...”" in section 1: the title the act gives itself.
_SHORT_TITLE = re.compile(r"เรียกว่า\s*[“\"]?\s*([^”\"\n]{4,200}?)\s*(?:[”\"]|\n|$)")
_YEAR_IN_TITLE = re.compile(r"(?:พ\.\s?ศ\.|พุทธศักราช)\s*([0-9๐-๙]{4})")


@dataclass(frozen=True)
class SectionDocument:
    """One section (or the preamble, number ``"0"``) as the index and the snippet store see it."""

    id: str
    law: str
    number: str
    label: str
    position: int
    title: str
    divisions: str
    text: str


@dataclass(frozen=True)
class LawDocument:
    """One law as the law-level index sees it, with the metadata filters use."""

    law: str
    title: str
    short_titles: tuple[str, ...]
    law_type: str
    groups: tuple[str, ...]
    year_be: int | None
    divisions: str
    summary: str
    section_count: int
    digest: str
    is_current: bool = True


def short_titles(law: Law) -> tuple[str, ...]:
    """Titles the act names itself by in its first sections, other than its full title."""
    found: list[str] = []
    for section in law.sections[:3]:
        for match in _SHORT_TITLE.finditer(clean_text(section.text)):
            name = " ".join(match.group(1).split())
            if name and name != law.title and name not in found:
                found.append(name)
    return tuple(found)


def year_of(law: Law) -> int | None:
    """The Buddhist-era year of a law: parsed, or else read from its title."""
    if law.year_be:
        return law.year_be
    match = _YEAR_IN_TITLE.search(law.title)
    return int(match.group(1).translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))) if match else None


def _division_headings(law: Law, index: int | None) -> list[str]:
    """The headings enclosing division ``index``, outermost first."""
    headings: list[str] = []
    seen: set[int] = set()
    while index is not None and 0 <= index < len(law.divisions) and index not in seen:
        seen.add(index)
        division = law.divisions[index]
        headings.append(f"{division.kind} {division.number} {division.title}".strip())
        index = division.parent
    return headings[::-1]


def indexed_sections(law: Law) -> list[Section]:
    """The sections a search returns: the preamble (``0``) and the law's own sections, once each.

    Sections of the act that enacts a code are left out: their numbers collide with the code's.
    """
    sections: list[Section] = []
    if law.preamble.strip():
        sections.append(Section(number="0", label="คำปรารภ", text=law.preamble, kind="preamble"))
    seen: set[str] = set()
    for section in law.sections:
        if section.part != "main" or section.number in seen:
            continue
        seen.add(section.number)
        sections.append(section)
    return sections


def section_documents(law: Law) -> list[SectionDocument]:
    """The section documents of ``law``, in reading order."""
    title = " ".join([law.title, *short_titles(law)])
    return [
        SectionDocument(
            id=section_id(law.sysid, section.number),
            law=law.sysid,
            number=section.number,
            label=section.label,
            position=position,
            title=title,
            divisions=" ".join(_division_headings(law, section.division)),
            text=section.text,
        )
        for position, section in enumerate(indexed_sections(law))
    ]


def law_document(law: Law, sections: list[SectionDocument] | None = None) -> LawDocument:
    """The law-level document; ``digest`` changes whenever anything indexed of the law changes."""
    sections = section_documents(law) if sections is None else sections
    summary = " ".join(doc.text for doc in sections[:4])[:SUMMARY_CHARS]
    headings = " ".join(f"{d.kind} {d.number} {d.title}" for d in law.divisions)
    payload = json.dumps(
        [law.title, law.law_type, list(law.groups), law.year_be, law.is_current, [asdict(doc) for doc in sections]],
        ensure_ascii=False,
    )
    return LawDocument(
        law=law.sysid,
        title=law.title,
        short_titles=short_titles(law),
        law_type=law.law_type,
        groups=tuple(law.groups),
        year_be=year_of(law),
        divisions=headings,
        summary=summary,
        section_count=len(sections),
        digest=hashlib.sha256(payload.encode("utf-8")).hexdigest(),
        is_current=law.is_current,
    )
