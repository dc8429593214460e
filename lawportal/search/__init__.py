"""The search blueprint: the /search page and its JSON twins under /api/v1."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("search", __name__, cli_group=None)

from lawportal.search import commands, views  # noqa: E402,F401  (registers the routes and CLI on bp)
