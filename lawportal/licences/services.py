"""The checklist of one activity: the catalogue's licences joined with the laws that are loaded.

A law the database does not hold (the demo database holds none of the real acts) is shown by its title
from the catalogue, without links or excerpts: the checklist never fails because a law is missing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from corpus.thai import section_sort_key, split_section_id
from lawportal.laws.services import section_url_path
from lawportal.licences.catalogue import (
    Activity,
    AllOf,
    Answer,
    AnyOf,
    Catalogue,
    Condition,
    Leaf,
    Licence,
    Question,
    evaluate,
)
from lawportal.models import Law, Section

EXCERPT_CHARS = 280
Status = Literal["required", "depends", "not_needed"]


@dataclass
class SectionRef:
    """A cited section: its canonical id and, when its law is loaded, its page and the start of its text."""

    id: str
    sysid: str
    number: str
    url: str | None = None
    excerpt: str | None = None


@dataclass
class ChecklistItem:
    licence: Licence
    status: Status
    law_title: str
    law_url: str | None
    sections: list[SectionRef]
    penalties: list[SectionRef]
    bizportal_url: str
    condition: Condition | None = None


@dataclass
class Checklist:
    """What one activity needs given the answers so far, split by whether each licence applies."""

    activity_id: str
    questions: list[Question]
    answers: dict[str, Answer]
    items: list[ChecklistItem] = field(default_factory=list)

    def with_status(self, status: Status) -> list[ChecklistItem]:
        return [item for item in self.items if item.status == status]


def listed_activities(session: Session, catalogue: Catalogue) -> list[Activity]:
    """The activities to offer: every reviewed one, and a demo one only when its demo acts are loaded."""
    demo_sysids = {sysid for activity in catalogue.activities if activity.demo for sysid in activity.sysids()}
    loaded = set(session.scalars(select(Law.sysid).where(Law.sysid.in_(demo_sysids)))) if demo_sysids else set()
    return [a for a in catalogue.activities if not a.demo or a.sysids() <= loaded]


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of a section's text on one line, cut at a space so no word is broken."""
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return flat[: cut if cut > limit // 2 else limit].rstrip() + " …"


def bizportal_link(base_url: str, licence: Licence) -> str:
    """The Business Portal address for a licence: the configured base and the licence's reviewed path."""
    return base_url.rstrip("/") + licence.bizportal_path


def build_checklist(
    session: Session,
    catalogue: Catalogue,
    activity_id: str,
    answers: Mapping[str, Answer],
    *,
    locale: str = "th",
    bizportal_url: str,
) -> Checklist:
    """The licences of ``activity_id`` for these answers, with links into the loaded laws.

    Raises ``UnknownActivity`` for an id the catalogue lacks.
    """
    activity = catalogue.activity(activity_id)
    licences = [requirement.licence for requirement in activity.requirements]
    cited = {sid for licence in licences for sid in (*licence.sections, *licence.penalties)}
    sysids = {licence.sysid for licence in licences}
    loaded_laws = {law.sysid: law for law in session.scalars(select(Law).where(Law.sysid.in_(sysids)))}
    texts: dict[str, str] = {
        sid: text for sid, text in session.execute(select(Section.id, Section.text).where(Section.id.in_(cited)))
    }

    def ref(section_id: str) -> SectionRef:
        sysid, number = split_section_id(section_id)
        if section_id not in texts:
            return SectionRef(section_id, sysid, number)
        return SectionRef(section_id, sysid, number, section_url_path(section_id), excerpt(texts[section_id]))

    checklist = Checklist(activity.id, catalogue.questions_of(activity), dict(answers))
    for requirement in activity.requirements:
        licence = requirement.licence
        holds = evaluate(requirement.when, answers)
        status: Status = "required" if holds else ("depends" if holds is None else "not_needed")
        law = loaded_laws.get(licence.sysid)
        checklist.items.append(
            ChecklistItem(
                licence=licence,
                status=status,
                law_title=law.title if law else catalogue.laws[licence.sysid](locale),
                law_url=f"/laws/{licence.sysid}" if law else None,
                sections=[ref(sid) for sid in sorted(licence.sections, key=_number_key)],
                penalties=[ref(sid) for sid in sorted(licence.penalties, key=_number_key)],
                bizportal_url=bizportal_link(bizportal_url, licence),
                condition=requirement.when,
            )
        )
    return checklist


def _number_key(section_id: str) -> tuple[int, int, int]:
    return section_sort_key(split_section_id(section_id)[1])


def condition_json(condition: Condition | None) -> object:
    """A condition as the catalogue file writes it, for the JSON API."""
    if condition is None:
        return None
    if isinstance(condition, Leaf):
        tests = {"equals": condition.equals, "at_least": condition.at_least, "at_most": condition.at_most}
        return {"question": condition.question, **{k: v for k, v in tests.items() if v is not None}}
    key = "all" if isinstance(condition, AllOf) else "any"
    assert isinstance(condition, AllOf | AnyOf)
    return {key: [condition_json(part) for part in condition.parts]}


def checklist_json(checklist: Checklist, locale: str) -> dict[str, object]:
    """The JSON twin of the checklist page."""

    def section(ref: SectionRef) -> dict[str, object]:
        return {"id": ref.id, "number": ref.number, "url": ref.url, "excerpt": ref.excerpt}

    return {
        "activity": checklist.activity_id,
        "answers": checklist.answers,
        "questions": [
            {"id": q.id, "kind": q.kind, "text": q.text(locale), "answer": checklist.answers.get(q.id)}
            for q in checklist.questions
        ],
        "licences": [
            {
                "id": item.licence.id,
                "status": item.status,
                "name": item.licence.name(locale),
                "agency": item.licence.agency(locale),
                "note": item.licence.note(locale) if item.licence.note else None,
                "law": {"sysid": item.licence.sysid, "title": item.law_title, "url": item.law_url},
                "sections": [section(ref) for ref in item.sections],
                "penalties": [section(ref) for ref in item.penalties],
                "condition": condition_json(item.condition),
                "bizportal_url": item.bizportal_url,
            }
            for item in checklist.items
        ],
    }
