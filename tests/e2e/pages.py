"""Every page type of the site, for the browser checks (axe-core, 360 px, tap targets, no JavaScript).

To add a page type, append a ``PageType``: its name, the endpoint whose blueprint must be
registered, and a function that finds a real path to open in the live server's data (or None when
that data is absent, which skips the check with a printed reason).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from lawportal.models import CrossReference, Hearing, Law, Precedent, Section


@dataclass(frozen=True)
class PageType:
    """A kind of page; without ``find_path`` the endpoint's own URL (no arguments) is opened."""

    name: str
    endpoint: str
    find_path: Callable[[Session], str | None] | None = None


def first_law(session: Session) -> Law | None:
    """A law with sections: the Criminal Code when the real corpus is loaded, else the first one."""
    criminal_code = session.get(Law, "443287")
    if criminal_code is not None:
        return criminal_code
    return session.scalars(select(Law).join(Section).order_by(Law.sysid).limit(1)).first()


def law_path(session: Session) -> str | None:
    law = first_law(session)
    return f"/laws/{law.sysid}" if law else None


def section_path(session: Session) -> str | None:
    """A section that cites others, so the page shows links and a 'cited by' list: one of the
    Criminal Code's when the real corpus is loaded, else the first such section."""
    query = select(CrossReference.source_id).order_by(CrossReference.id).limit(1)
    source_id = session.scalars(query.where(CrossReference.law_sysid == "443287")).first()
    source_id = source_id or session.scalars(query).first()
    section = (
        session.get(Section, source_id)
        if source_id
        else session.scalars(select(Section).where(Section.kind != "preamble").limit(1)).first()
    )
    return f"/laws/{section.law_sysid}/sections/{section.number}" if section else None


def search_path(_session: Session) -> str | None:
    return "/search?q=ลักทรัพย์"


def situation_path(_session: Session) -> str | None:
    return "/search?q=" + "เพื่อนยืมเงินไปสองหมื่นบาทแล้วไม่ยอมคืน ทวงหลายครั้งก็เงียบ"


def history_path(session: Session) -> str | None:
    """The law with the longest notes and amendment history, which get a page of their own."""
    from sqlalchemy import func

    sysid = session.scalars(select(Law.sysid).order_by(func.length(Law.history).desc()).limit(1)).first()
    return f"/laws/{sysid}/history" if sysid else None


def hearing_path(session: Session) -> str | None:
    hearing_id = session.scalars(
        select(Hearing.id).where(Hearing.published_at.is_not(None)).order_by(Hearing.id).limit(1)
    ).first()
    return f"/hearings/{hearing_id}" if hearing_id else None


def hearing_report_path(session: Session) -> str | None:
    hearing_id = session.scalars(
        select(Hearing.id).where(Hearing.report_published_at.is_not(None)).order_by(Hearing.id).limit(1)
    ).first()
    return f"/hearings/{hearing_id}/report" if hearing_id else None


def case_path(session: Session) -> str | None:
    case_id = session.scalars(select(Precedent.id).order_by(Precedent.id).limit(1)).first()
    return f"/cases/{case_id}" if case_id else None


def licence_checklist_path(_session: Session) -> str | None:
    from lawportal.licences.views import catalogue

    activities = catalogue().activities
    return f"/licences/{activities[0].id}" if activities else None


PAGE_TYPES: list[PageType] = [
    PageType("home", "core.home"),
    PageType("laws-list", "laws.browse"),
    PageType("law", "laws.law", law_path),
    PageType("section", "laws.section", section_path),
    PageType("law-history", "laws.history", history_path),
    PageType("not-found", "core.home", lambda _session: "/laws/000000000"),
    PageType("search-results", "search.search", search_path),
    PageType("situation-answer", "search.search", situation_path),
    PageType("law-titles", "search.titles", lambda _session: "/search/titles?q=ประมวล"),
    PageType("case", "precedents.case", case_path),
    PageType("hearings", "hearings.listing"),
    PageType("hearing", "hearings.show", hearing_path),
    PageType("hearing-report", "hearings.report", hearing_report_path),
    PageType("hearing-privacy", "hearings.privacy"),
    PageType("licences", "licences.index"),
    PageType("licence-checklist", "licences.checklist", licence_checklist_path),
    PageType("staff-login", "auth.login"),
]
