"""Thin views: parse the request, call a service, render."""

from __future__ import annotations

from flask import abort, render_template, request

from lawportal.db import get_session
from lawportal.laws import bp, services


def parse_filters() -> services.LawFilters:
    """The browse filters from the query string; a malformed number is a 400, not a 500."""
    try:
        year = request.args.get("year", type=int)
        page = request.args.get("page", 1, type=int) or 1
    except ValueError:
        abort(400)
    era = request.args.get("era", "be")
    if year is not None and era == "ce":
        year += 543
    return services.LawFilters(
        law_type=request.args.get("type") or None,
        group=request.args.get("group") or None,
        year_be=year,
        page=max(page, 1),
    )


@bp.get("/laws")
def browse() -> str:
    listing = services.browse_laws(get_session(), parse_filters())
    return render_template("laws/browse.html", listing=listing)


@bp.get("/laws/<sysid>")
def law(sysid: str) -> str:
    try:
        page = services.get_law_page(get_session(), sysid, request.args.get("page", 1, type=int) or 1)
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
