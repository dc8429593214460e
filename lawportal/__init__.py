"""lawportal: the Flask site of the Thai Law Portal.

``create_app`` is the only way to get an app: defaults, then ``instance/config.py``, then
``LAWPORTAL_*`` environment variables, then the test mapping.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from lawportal import assets, db, errors, i18n, settings

REPO_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = REPO_ROOT / "templates"


def create_app(test_config: Mapping[str, Any] | None = None, *, instance_path: str | Path | None = None) -> Flask:
    """Build the site: configuration, database, search index, blueprints.

    ``instance_path`` replaces the repository's ``instance/`` folder (its ``config.py``, database and
    indexes): tests give each app its own, so what a developer's ``make serve`` left there never leaks in.
    """
    app = Flask(
        __name__,
        instance_path=str(Path(instance_path).resolve()) if instance_path is not None else None,
        instance_relative_config=True,
        template_folder=str(TEMPLATES_DIR),
    )
    app.config.from_mapping(settings.defaults())
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_mapping(settings.from_environment())
    if test_config is not None:
        app.config.from_mapping(test_config)
    _fill_instance_paths(app)
    _refuse_default_secret(app)

    db.init_app(app)
    i18n.init_app(app)
    assets.init_app(app)
    errors.init_app(app)
    _register_blueprints(app)
    return app


def _fill_instance_paths(app: Flask) -> None:
    """Embedded default: a SQLite file and index folders under the instance folder."""
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    if not app.config.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = f"sqlite:///{instance / 'lawportal.sqlite'}"
    if not app.config.get("INDEX_DIR"):
        app.config["INDEX_DIR"] = str(instance / "index")
    if not app.config.get("UPLOAD_DIR"):
        app.config["UPLOAD_DIR"] = str(instance / "uploads")


def _refuse_default_secret(app: Flask) -> None:
    """Outside debug and tests the development key would let anyone forge sessions."""
    if app.config["SECRET_KEY"] == settings.DEFAULT_SECRET_KEY and not (app.debug or app.testing):
        raise RuntimeError(
            "SECRET_KEY is the development default: set LAWPORTAL_SECRET_KEY or SECRET_KEY in "
            f"{app.instance_path}/config.py (make serve writes one), or run with --debug"
        )


def _register_blueprints(app: Flask) -> None:
    from lawportal.api import bp as api_bp
    from lawportal.core import bp as core_bp
    from lawportal.laws import bp as laws_bp

    app.register_blueprint(core_bp)
    app.register_blueprint(laws_bp)
    app.register_blueprint(api_bp)
    # Blueprints added by other tasks register below, one line each.
    from lawportal import extensions
    from lawportal.auth import bp as auth_bp
    from lawportal.hearings import bp as hearings_bp

    extensions.init_app(app)  # CSRF on every form, sign-in and rate limits (hearings task)
    app.register_blueprint(auth_bp)
    app.register_blueprint(hearings_bp)
    from lawportal.licences import bp as licences_bp

    app.register_blueprint(licences_bp)  # /licences and /api/v1/licences (licences task)
    from lawportal.search import bp as search_bp
    from lawportal.search import services as search_services

    search_services.init_app(app)
    app.register_blueprint(search_bp)  # /search, /api/v1/search, /api/v1/suggest (search task)
    from lawportal.precedents import bp as precedents_bp

    app.register_blueprint(precedents_bp)  # /cases, /api/v1/cases, `precedents load` (situation task)
