"""Error pages: friendly, in the reader's language, with the site around them; JSON for the API."""

from __future__ import annotations

from pathlib import Path

from flask import abort
from flask.testing import FlaskClient
from sqlalchemy.engine import Engine

from tests.conftest import make_test_app


def test_a_missing_page_is_a_friendly_404_in_thai_and_english(client: FlaskClient) -> None:
    thai = client.get("/no-such-page")
    assert thai.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in thai.text
    assert 'role="search"' in thai.text and 'href="/laws"' in thai.text
    assert "The requested URL was not found" not in thai.text  # werkzeug's generic English is left out
    english = client.get("/no-such-page?lang=en")
    assert english.status_code == 404
    assert "Page not found" in english.text and '<html lang="en">' in english.text


def test_a_missing_law_says_which_one(client: FlaskClient) -> None:
    response = client.get("/laws/999999999")
    assert response.status_code == 404
    assert "999999999" in response.text
    assert 'class="error-detail"' in response.text


def test_api_errors_stay_json(client: FlaskClient) -> None:
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.is_json
    assert response.get_json()["error"] == "Not Found"


def test_bad_input_429_and_crash_pages(engine: Engine, tmp_path: Path) -> None:
    app = make_test_app(engine, tmp_path, PROPAGATE_EXCEPTIONS=False)

    @app.get("/test-bad")
    def bad() -> str:
        abort(400, description="ปีต้องเป็นตัวเลข")

    @app.get("/test-busy")
    def busy() -> str:
        abort(429)

    @app.get("/test-crash")
    def crash() -> str:
        raise RuntimeError("secret internals")

    client = app.test_client()
    bad_response = client.get("/test-bad")
    assert bad_response.status_code == 400
    assert "คำขอไม่ถูกต้อง" in bad_response.text and "ปีต้องเป็นตัวเลข" in bad_response.text
    busy_response = client.get("/test-busy?lang=en")
    assert busy_response.status_code == 429 and "Too many requests" in busy_response.text
    crash_response = client.get("/test-crash")
    assert crash_response.status_code == 500
    assert "ระบบขัดข้อง" in crash_response.text
    assert "secret internals" not in crash_response.text
    json_crash = client.get("/test-crash", headers={"Accept": "application/json"})
    assert json_crash.status_code == 500 and json_crash.get_json()["status"] == 500
