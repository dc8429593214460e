"""Friendly error pages in the reader's language, and JSON errors for the API.

A person who mistypes a section number gets a page that says what went wrong and where to go next,
with the site's navigation, not a bare server message; an API client gets
``{"error": ..., "message": ...}`` like the API blueprint's own errors (status-specific handlers
registered here are found before a blueprint's catch-all, so both must agree).
"""

from __future__ import annotations

from flask import Flask, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

FRIENDLY_CODES = (400, 403, 404, 405, 413, 429, 500)
PAGES_OF_THEIR_OWN = (400, 404, 429, 500)


def _wants_json() -> bool:
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def _title(code: int) -> str:
    titles = {
        400: _("คำขอไม่ถูกต้อง"),
        403: _("ไม่มีสิทธิ์เข้าถึงหน้านี้"),
        404: _("ไม่พบหน้าที่ต้องการ"),
        405: _("ใช้วิธีเรียกหน้านี้ไม่ถูกต้อง"),
        413: _("ไฟล์หรือข้อความใหญ่เกินไป"),
        429: _("ส่งคำขอถี่เกินไป"),
        500: _("ระบบขัดข้อง"),
    }
    return titles.get(code, _("เกิดข้อผิดพลาด"))


def render_error(error: HTTPException) -> ResponseReturnValue:
    """The page (or JSON) for an HTTP error; a specific description says what exactly was wrong.

    Werkzeug's generic English descriptions are left out: the translated title says the same.
    An unexpected exception arrives here as a 500 and its details stay in the log.
    """
    code = error.code or 500
    generic = type(error).description
    detail = error.description if code != 500 and error.description != generic else None
    headers = {}
    retry_after = error.get_response().headers.get("Retry-After")
    if retry_after:
        headers["Retry-After"] = retry_after
    if _wants_json():  # the same shape as the API blueprint's own errors
        message = error.description if code != 500 else _title(code)
        return {"error": error.name, "message": message, "status": code}, code, headers
    template = f"errors/{code}.html" if code in PAGES_OF_THEIR_OWN else "errors/error.html"
    return render_template(template, code=code, title=_title(code), detail=detail), code, headers


def init_app(app: Flask) -> None:
    for code in FRIENDLY_CODES:
        app.register_error_handler(code, render_error)
