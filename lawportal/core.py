"""Pages that belong to no single task: the home page and the health check."""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import func, select

from lawportal.db import get_session
from lawportal.models import Law, Section

bp = Blueprint("core", __name__)


@bp.get("/")
def home() -> str:
    """The front page: one search box and the ways into the portal."""
    session = get_session()
    law_count = session.scalar(select(func.count()).select_from(Law)) or 0
    section_count = session.scalar(select(func.count()).select_from(Section)) or 0
    return render_template("home.html", law_count=law_count, section_count=section_count)


@bp.get("/healthz")
def health() -> dict[str, str]:
    """Liveness for load balancers: answers when the database answers."""
    get_session().execute(select(1))
    return {"status": "ok"}
