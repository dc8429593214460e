"""Thai first, English second: the locale of each request and the template helpers.

Messages are written in Thai in the code and templates (Thai is the source language);
``translations/en`` holds their English translations. Readers choose a language and, for law
texts, Thai or Arabic digits; both choices live in cookies so every page works without JavaScript.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from flask import Blueprint, Flask, abort, current_app, has_request_context, redirect, request
from flask_babel import Babel, get_locale
from markupsafe import Markup, escape
from pythainlp.util import thai_strftime
from werkzeug.wrappers import Response

from corpus.thai import to_arabic_digits, to_thai_digits

LOCALES = ("th", "en")
DEFAULT_LOCALE = "th"
LANG_COOKIE = "lang"
DIGITS_COOKIE = "digits"
DIGIT_STYLES = ("arabic", "thai")
PREFERENCE_MAX_AGE = 365 * 24 * 3600
LANGUAGE_NAMES = {"th": "ภาษาไทย", "en": "English"}
BANGKOK = ZoneInfo("Asia/Bangkok")

babel = Babel()
bp = Blueprint("i18n", __name__)

# Tags and character references are markup, not text: their digits (hrefs, ids, &#39;) must stay.
_MARKUP_PIECE = re.compile(r"(<[^>]*>|&#?\w+;)")


def select_locale() -> str:
    """``?lang=`` first, then the reader's cookie, then Thai."""
    if not has_request_context():
        return DEFAULT_LOCALE  # CLI commands translate too, in the source language
    wanted = request.args.get("lang") or request.cookies.get(LANG_COOKIE)
    return wanted if wanted in LOCALES else DEFAULT_LOCALE


def current_locale() -> str:
    """The language code of this request, ``th`` or ``en``."""
    return str(get_locale() or DEFAULT_LOCALE)


def local_target(target: str | None) -> str:
    """``target`` if it is a path on this site, else the home page: the switch is no open redirect."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _remember(response: Response, cookie: str, value: str) -> Response:
    response.set_cookie(
        cookie, value, max_age=PREFERENCE_MAX_AGE, samesite="Lax", secure=request.is_secure, httponly=True
    )
    return response


@bp.get("/lang/<code>")
def switch_language(code: str) -> Response:
    """Remember the reader's language and return to the page they were on."""
    if code not in LOCALES:
        abort(400, description=f"unknown language {code!r}: choose one of {', '.join(LOCALES)}")
    return _remember(redirect(local_target(request.args.get("next")), code=303), LANG_COOKIE, code)


@bp.get("/digits/<style>")
def switch_digits(style: str) -> Response:
    """Remember whether law texts show Thai (๑๒๓) or Arabic (123) digits, and return to the page."""
    if style not in DIGIT_STYLES:
        abort(400, description=f"unknown digit style {style!r}: choose one of {', '.join(DIGIT_STYLES)}")
    return _remember(redirect(local_target(request.args.get("next")), code=303), DIGITS_COOKIE, style)


def digit_style() -> str:
    """The reader's digit preference for law texts; Arabic unless they chose Thai."""
    style = request.cookies.get(DIGITS_COOKIE)
    return style if style in DIGIT_STYLES else "arabic"


def law_digits(value: object) -> Markup:
    """Law text in the reader's digits (Arabic by default, or Thai); never the numbers in tags or links."""
    html = value if isinstance(value, Markup) else escape(value)
    convert = to_thai_digits if digit_style() == "thai" else to_arabic_digits
    pieces = _MARKUP_PIECE.split(str(html))
    return Markup("".join(piece if i % 2 else convert(piece) for i, piece in enumerate(pieces)))


def format_local_date(value: dt.date | dt.datetime | None, with_time: bool = False) -> str:
    """A date for people: Buddhist era with Thai month names in Thai, Common Era in English.

    A timezone-aware moment (stored in UTC) is shown in Bangkok time; a naive one as it is.
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(BANGKOK)
    if current_locale() == "th":
        return thai_strftime(_as_datetime(value), "%-d %B %Y %H:%M" if with_time else "%-d %B %Y")
    if with_time and isinstance(value, dt.datetime):
        return format_datetime(value, "d MMMM y HH:mm", locale="en")
    return format_date(value, "d MMMM y", locale="en")


def _as_datetime(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return dt.datetime(value.year, value.month, value.day)


def switch_url(code: str) -> str:
    """The link that switches to language ``code`` and comes back to the current page."""
    return f"/lang/{code}?next={_here()}"


def digits_url(style: str) -> str:
    """The link that switches law texts to ``style`` digits and comes back to the current page."""
    return f"/digits/{style}?next={_here()}"


def _here() -> str:
    path = request.full_path if request.query_string else request.path
    return quote(path, safe="/")


def has_endpoint(name: str) -> bool:
    """Whether a blueprint providing ``name`` is registered (the nav shows only pages that exist)."""
    return name in current_app.view_functions


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Asia/Bangkok")
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(app.root_path + "/translations"))
    babel.init_app(app, locale_selector=select_locale)
    app.register_blueprint(bp)
    app.jinja_env.filters["date"] = format_local_date
    app.jinja_env.filters["law_digits"] = law_digits
    app.jinja_env.globals.update(
        current_locale=current_locale,
        switch_url=switch_url,
        digits_url=digits_url,
        digit_style=digit_style,
        has_endpoint=has_endpoint,
        language_names=LANGUAGE_NAMES,
    )
