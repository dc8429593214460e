"""Static assets: fingerprinted URLs cached for a year, the fonts self-hosted with their licence."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from lawportal import assets
from tests.conftest import REPO_ROOT

STATIC = REPO_ROOT / "lawportal" / "static"


def test_pages_link_fingerprinted_css_and_fonts(client: FlaskClient) -> None:
    html = client.get("/").text
    css = re.search(r'href="(/static/site\.css\?v=[0-9a-f]{12})"', html)
    assert css, "site.css is not linked with a content hash"
    fonts = re.findall(r'url\("(/static/fonts/sarabun-[a-z]+-\d+-normal\.woff2\?v=[0-9a-f]{12})"\)', html)
    assert len(fonts) == 4
    for url in [css.group(1), *fonts]:
        with client.get(url) as response:  # a file response holds the file open until closed
            assert response.status_code == 200, url
            assert response.cache_control.max_age == assets.ONE_YEAR
            assert response.cache_control.immutable and response.cache_control.public


def test_unfingerprinted_static_files_are_not_cached_forever(client: FlaskClient) -> None:
    with client.get("/static/site.css") as response:
        assert response.status_code == 200
        assert response.cache_control.max_age != assets.ONE_YEAR


def test_the_fingerprint_changes_with_the_content(tmp_path: Path) -> None:
    asset = tmp_path / "a.css"
    asset.write_text("a{}")
    first = assets.fingerprint(asset)
    asset.write_text("b{}")
    os.utime(asset, (1, 1))
    assert assets.fingerprint(asset) != first


def test_a_missing_asset_is_an_error_naming_it(app: Flask) -> None:
    with app.test_request_context("/"), pytest.raises(FileNotFoundError, match="nope.css"):
        assets.static_url("nope.css")


def test_sarabun_ships_with_its_licence_and_the_css_uses_it() -> None:
    assert (STATIC / "fonts" / "OFL.txt").read_text().find("SIL Open Font License") >= 0
    assert '"Sarabun"' in (STATIC / "site.css").read_text()
    assert not re.search(r"https?://", (STATIC / "site.css").read_text()), "site.css must load nothing from elsewhere"
