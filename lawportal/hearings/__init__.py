"""Public hearings on draft regulations: agencies upload, the public comments section by section,
moderators approve, the agency answers and publishes the report."""

from flask import Blueprint

bp = Blueprint("hearings", __name__, cli_group=None)

from lawportal.hearings import commands, views  # noqa: E402,F401  (routes and CLI register on bp)
