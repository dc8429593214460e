"""Reading the laws: browse, an act with its table of contents, one section by its permalink."""

from flask import Blueprint

bp = Blueprint("laws", __name__, cli_group=None)

from lawportal.laws import commands, views  # noqa: E402,F401  (routes and CLI register on bp)
