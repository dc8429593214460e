"""Case pages: ``/cases/<id>`` and its JSON twin ``/api/v1/cases/<id>``, from one service call."""

from __future__ import annotations

from flask import abort, jsonify, render_template
from flask.typing import ResponseReturnValue

from lawportal.db import get_session
from lawportal.precedents import bp, services


def _page(precedent_id: str) -> services.CasePage:
    try:
        return services.get_case_page(get_session(), precedent_id)
    except services.NotFound as exc:
        abort(404, description=str(exc))


@bp.get("/cases/<precedent_id>")
def case(precedent_id: str) -> str:
    """A decided case: its facts, the sections the court applied (linked) and its source."""
    return render_template("precedents/case.html", page=_page(precedent_id))


@bp.get("/api/v1/cases/<precedent_id>")
def case_json(precedent_id: str) -> ResponseReturnValue:
    try:
        page = services.get_case_page(get_session(), precedent_id)
    except services.NotFound as exc:
        return jsonify(error="Not Found", message=str(exc)), 404
    return services.case_json(page)
