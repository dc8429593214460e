"""Business licences: which licences an activity needs, under which sections, and where to apply.

``bp`` serves the pages (``/licences``); its nested ``api_bp`` serves their JSON twins under
``/api/v1/licences``; ``lawportal licences check`` checks the catalogue against the database.
The catalogue lives in ``data/licences.json`` and ``data/demo-licences.json`` (see docs/licences.md).
"""

from flask import Blueprint

bp = Blueprint("licences", __name__)
api_bp = Blueprint("licences_api", __name__, url_prefix="/api/v1/licences")

from lawportal.licences import commands, views  # noqa: E402,F401  (routes and CLI register on bp)

bp.register_blueprint(api_bp)
