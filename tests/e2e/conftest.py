"""Browser tests: the real app on a live 127.0.0.1 server, driven by Debian's Chromium via Playwright.

One server and one browser per session keep the run short. The server's database holds the demo
corpus and, when ``../shared`` exists, the real corpus too; its search index is built by the same
``lawportal index`` command a person runs. Every page a test opens is checked for requests that
leave 127.0.0.1 (the site must be fully self-hosted), and ``check_accessibility`` runs axe-core.

For other tasks' journeys, use the fixtures ``live_server`` (``.url``, ``.app``, ``.has_real_corpus``)
and ``page`` (a phone-sized Playwright page), and the helpers ``save_screenshot`` and
``check_accessibility`` from this module.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from sqlalchemy.orm import sessionmaker
from werkzeug.serving import BaseWSGIServer, make_server

from lawportal import create_app, migrations
from lawportal.db import get_database
from tests.conftest import CORPUS_PATH, DEMO_CORPUS_PATH, REPO_ROOT

CHROMIUM_PATH = Path(os.environ.get("LAWPORTAL_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",  # nothing can leave this machine
]
AXE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"
SCREENSHOTS_DIR = REPO_ROOT / "docs" / "screenshots"
PHONE_VIEWPORT = {"width": 360, "height": 740}
LOCAL_HOSTS = {"127.0.0.1"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/e2e carries the ``e2e`` marker, so ``-m 'not e2e'`` skips the browser."""
    for item in items:
        if "tests/e2e/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@dataclass
class LiveServer:
    """The running site: its base URL, the Flask app behind it, and what data it holds."""

    url: str
    app: Flask
    has_real_corpus: bool  # a sample of ../shared: the codes and every 20th act (see real_sample)
    loaded: list[str] = field(default_factory=list)

    def __call__(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return self.url + path


def _run_cli(app: Flask, *args: str) -> None:
    """Run a ``lawportal`` command against the live server's app, if that command exists yet."""
    if args[0] not in app.cli.commands:
        return
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, f"lawportal {' '.join(args)} failed:\n{result.output}"


def real_sample(path: Path, *, everything: bool = False) -> list[Any]:
    """The codes (the longest, most cited texts) and every 20th act of the real corpus, parsed.

    Loading all 671 acts takes about a minute; this sample keeps the browser run short while the
    pages people read most, the Criminal and Civil and Commercial Codes, are there.
    ``LAWPORTAL_E2E_REAL=all`` loads everything, ``=0`` nothing.
    """
    from corpus.loader import RecordError, read_raw_laws
    from corpus.parser import mark_current, parse_law

    laws = []
    for index, raw in enumerate(read_raw_laws(path)):
        assert not isinstance(raw, RecordError), raw
        if everything or raw.law_type.startswith("ประมวล") or index % 20 == 0:
            laws.append(parse_law(raw))
    mark_current(laws)
    return laws


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The site served on a free 127.0.0.1 port from a thread, over a freshly loaded database."""
    from lawportal.laws.loading import load_laws, parse_file

    home = tmp_path_factory.mktemp("live")
    app = create_app(
        {
            "SECRET_KEY": "e2e-" + os.urandom(8).hex(),
            "DATABASE_URL": f"sqlite:///{home / 'live.sqlite'}",
            "INDEX_DIR": str(home / "index"),
            "UPLOAD_DIR": str(home / "uploads"),
            "RATELIMIT_ENABLED": False,
        }
    )
    database = get_database(app)
    migrations.upgrade(database.engine)
    loaded: list[str] = []
    sessions: sessionmaker = database.sessionmaker
    if DEMO_CORPUS_PATH.exists():
        laws, errors = parse_file(DEMO_CORPUS_PATH)
        assert not errors, errors
        result = load_laws(sessions, laws, is_demo=True)
        assert not result.errors, result.errors
        loaded.append("demo")
    real_mode = os.environ.get("LAWPORTAL_E2E_REAL", "subset")
    has_real = CORPUS_PATH.exists() and real_mode != "0"
    if has_real:
        result = load_laws(sessions, real_sample(CORPUS_PATH, everything=real_mode == "all"))
        assert not result.errors, result.errors[:5]
        loaded.append(f"real ({len(result.stored)} laws)")
    if not loaded:
        pytest.skip(f"no corpus to serve: neither {DEMO_CORPUS_PATH} nor {CORPUS_PATH} exists")
    _run_cli(app, "demo-data")
    _run_cli(app, "index")

    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}", app, has_real, loaded)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        database.engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, launched once; a browser is never downloaded."""
    if not CHROMIUM_PATH.exists():
        pytest.skip(f"{CHROMIUM_PATH} not found: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class OutsideRequests:
    """Requests a page tried to send anywhere but the live server."""

    urls: list[str] = field(default_factory=list)


def new_context(browser: Any, **options: Any) -> tuple[Any, OutsideRequests]:
    """A browser context that records every request it sends anywhere but 127.0.0.1.

    Requests are watched, not routed: routing would switch off Chromium's HTTP cache, which the
    page-weight tests measure. The browser cannot resolve other hosts anyway (CHROMIUM_ARGS).
    """
    outside = OutsideRequests()
    context = browser.new_context(**{"viewport": PHONE_VIEWPORT, "locale": "th-TH", **options})

    def watch(request: Any) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in {"data", "blob", "about"} and parts.hostname not in LOCAL_HOSTS:
            outside.urls.append(request.url)

    context.on("request", watch)
    return context, outside


@pytest.fixture
def page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    """A phone-sized page (360 px wide); the test fails if it requested anything off 127.0.0.1."""
    context, outside = new_context(browser)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
    assert not outside.urls, f"requests left 127.0.0.1: {outside.urls}"


def save_screenshot(page: Any, name: str, *, full_page: bool = False) -> Path:
    """Save a PNG of the page to docs/screenshots/<name>.png (the README picks from there)."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def check_accessibility(page: Any, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations of the given impacts on the current page, one line each."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_PATH.read_text(encoding="utf-8"))
    results = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}
        })"""
    )
    problems = []
    for violation in results["violations"]:
        if violation["impact"] in impacts:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
            problems.append(f"{violation['impact']} {violation['id']}: {violation['help']} at {targets}")
    return problems
