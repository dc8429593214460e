"""Thai first, English second: the locale of each request and the template helpers.

Messages are written in Thai in the code and templates (Thai is the source language);
``translations/en`` holds their English translations.
"""

from __future__ import annotations

from flask import Flask, request
from flask_babel import Babel

LOCALES = ("th", "en")
DEFAULT_LOCALE = "th"

babel = Babel()


def select_locale() -> str:
    """``?lang=`` first, then the reader's cookie, then Thai."""
    wanted = request.args.get("lang") or request.cookies.get("lang")
    return wanted if wanted in LOCALES else DEFAULT_LOCALE


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Asia/Bangkok")
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(app.root_path + "/translations"))
    babel.init_app(app, locale_selector=select_locale)
