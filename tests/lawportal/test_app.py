"""The app factory, settings and their documentation."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawportal import create_app, settings

DOCS = Path(__file__).resolve().parents[2] / "docs" / "settings.md"


def test_every_setting_is_documented() -> None:
    documented = DOCS.read_text(encoding="utf-8")
    missing = [s.name for s in settings.SETTINGS if f"`{s.name}`" not in documented]
    assert missing == []


def test_refuses_default_secret_outside_debug(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite"}, instance_path=tmp_path / "instance")


def test_starts_with_a_real_secret(tmp_path: Path) -> None:
    app = create_app(
        {"SECRET_KEY": "s" * 32, "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite"}, instance_path=tmp_path / "instance"
    )
    assert app.config["INDEX_DIR"].endswith("index")


def test_environment_overrides_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWPORTAL_MAX_QUERY_CHARS", "500")
    monkeypatch.setenv("LAWPORTAL_BIZPORTAL_URL", "https://example.test")
    values = settings.from_environment()
    assert values == {"MAX_QUERY_CHARS": 500, "BIZPORTAL_URL": "https://example.test"}


def test_health_check_touches_the_database(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
