"""Business licences: which licences an activity needs, under which sections, and where to apply.

``bp`` serves the pages (``/licences``); its nested ``api_bp`` serves their JSON twins under
``/api/v1/licences``. The catalogue lives in ``data/licences.json`` (see docs/licences.md).
"""

from flask import Blueprint

bp = Blueprint("licences", __name__)
api_bp = Blueprint("licences_api", __name__, url_prefix="/api/v1/licences")

from lawportal.licences import views  # noqa: E402,F401  (routes register on bp and api_bp)

bp.register_blueprint(api_bp)
