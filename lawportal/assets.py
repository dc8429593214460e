"""Fingerprinted static files: a URL that changes with the file's content can be cached for a year.

Templates call ``static_url('site.css')``, which appends ``?v=<content hash>``; responses for such
URLs carry ``Cache-Control: public, max-age=31536000, immutable``, and a phone downloads the CSS
and fonts once.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, current_app, request, url_for
from werkzeug.wrappers import Response

ONE_YEAR = 365 * 24 * 3600
_fingerprints: dict[tuple[str, float], str] = {}


def fingerprint(path: Path) -> str:
    """The first 12 hex digits of the SHA-256 of the file, cached until the file changes."""
    key = (str(path), path.stat().st_mtime)
    if key not in _fingerprints:
        _fingerprints[key] = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return _fingerprints[key]


def static_url(filename: str) -> str:
    """The URL of a static file with its content hash, for long caching."""
    static_folder = current_app.static_folder
    assert static_folder is not None
    path = Path(static_folder) / filename
    if not path.is_file():
        raise FileNotFoundError(f"no static file {filename!r} in {static_folder}")
    return url_for("static", filename=filename, v=fingerprint(path))


def _cache_fingerprinted(response: Response) -> Response:
    """A fingerprinted URL never changes content: let browsers and proxies keep it for a year."""
    if request.endpoint == "static" and "v" in request.args and response.status_code == 200:
        response.cache_control.public = True
        response.cache_control.max_age = ONE_YEAR
        response.cache_control.immutable = True
        response.cache_control.no_cache = None
    return response


def init_app(app: Flask) -> None:
    app.jinja_env.globals["static_url"] = static_url
    app.after_request(_cache_fingerprinted)
