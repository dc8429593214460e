"""The JSON API, ``/api/v1``: the twin of every reading page, from the same service calls."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from lawportal.db import get_session
from lawportal.laws import services
from lawportal.laws.views import parse_filters

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.errorhandler(HTTPException)
def json_error(exc: HTTPException) -> ResponseReturnValue:
    """Errors of the API are JSON with a message, never an HTML page."""
    return jsonify(error=exc.name, message=exc.description), exc.code or 500


@bp.get("/laws")
def laws() -> dict[str, Any]:
    listing = services.browse_laws(get_session(), parse_filters())
    return {
        "total": listing.total,
        "page": listing.filters.page,
        "pages": listing.pages,
        "laws": [services.law_summary(law) for law in listing.laws],
        "facets": {
            "law_type": dict(listing.law_types),
            "group": dict(listing.groups),
            "year_be": {str(y): n for y, n in listing.years},
        },
    }


@bp.get("/laws/<sysid>")
def law(sysid: str) -> dict[str, Any]:
    session = get_session()
    try:
        law = services.get_law(session, sysid)
    except services.NotFound as exc:
        return _not_found(exc)
    page = services.get_law_page(session, sysid, 1)
    return {
        **services.law_summary(law),
        "preamble": law.preamble,
        "toc": [vars(entry) for entry in page.toc],
        "sections": [
            {"id": s.id, "number": s.number, "label": s.label, "kind": s.kind, "part": s.part}
            for s in law.sections
        ],
        "footnotes": [{"mark": f.mark, "text": f.text} for f in law.footnotes],
        "history": law.history,
    }


@bp.get("/sections/<sysid>/<path:number>")
def section(sysid: str, number: str) -> dict[str, Any]:
    try:
        page = services.get_section_page(get_session(), sysid, number)
    except services.NotFound as exc:
        return _not_found(exc)
    return {
        **services.section_json(page.section, page.references),
        "law_title": page.law.title,
        "divisions": [f"{d.kind} {d.number} {d.title}".strip() for d in page.division_path],
        "footnotes": [{"mark": f.mark, "text": f.text} for f in page.footnotes],
        "cited_by": [s.id for s, _law in page.cited_by],
    }


def _not_found(exc: Exception) -> Any:
    return jsonify(error="Not Found", message=str(exc)), 404
