"""Thin views: parse the request, call a service, render."""

from __future__ import annotations

from flask import abort, render_template, request

from corpus.thai import to_arabic_digits
from lawportal.db import get_session
from lawportal.laws import bp, services


def parse_filters() -> services.LawFilters:
    """The browse filters from the query string; a malformed number is a 400, not a 500."""
    year = _int_arg("year")
    page = _int_arg("page") or 1
    era = request.args.get("era", "be")
    if year is not None and era == "ce":
        year += 543
    return services.LawFilters(
        law_type=request.args.get("type") or None,
        group=request.args.get("group") or None,
        year_be=year,
        page=max(page, 1),
    )


def _int_arg(name: str) -> int | None:
    """An optional whole-number query argument; anything else is the reader's error (400)."""
    value = request.args.get(name, "").strip()
    if not value:
        return None
    try:
        return int(to_arabic_digits(value))
    except ValueError:
        abort(400, description=f"{name} ต้องเป็นตัวเลข")


@bp.get("/laws")
def browse() -> str:
    listing = services.browse_laws(get_session(), parse_filters())
    return render_template("laws/browse.html", listing=listing)


@bp.get("/laws/<sysid>")
def law(sysid: str) -> str:
    try:
        page = services.get_law_page(get_session(), sysid, _int_arg("page") or 1)
    except services.NotFound as exc:
        abort(404, description=str(exc))
    return render_template("laws/law.html", page=page, linkify=services.linkify, anchor=services.section_anchor)


@bp.get("/laws/<sysid>/sections/<path:number>")
def section(sysid: str, number: str) -> str:
    try:
        page = services.get_section_page(get_session(), sysid, number)
    except services.NotFound as exc:
        abort(404, description=str(exc))
    return render_template("laws/section.html", page=page, linkify=services.linkify)


@bp.get("/laws/<sysid>/history")
def history(sysid: str) -> str:
    """A law's notes and amendment history, in pages like the law itself: some are very long."""
    try:
        law = services.get_law(get_session(), sysid)
    except services.NotFound as exc:
        abort(404, description=str(exc))
    pieces = services.split_long_text(law.history or "", services.PAGE_TEXT_HARD_LIMIT)
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), len(pieces))
    return render_template("laws/history.html", law=law, text=pieces[page - 1], page=page, pages=len(pieces))
