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
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask

from tests.conftest import CASE_FACTS_PATH, CORPUS_PATH, DEMO_CORPUS_PATH, REPO_ROOT
from tests.e2e.live import CHROMIUM_ARGS, CHROMIUM_PATH, build_site, cases_within, real_sample, serve

AXE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"
# The README's screenshots are refreshed on purpose (`make screenshots`), not by every test run:
# otherwise each run leaves the working tree with changed PNGs. A plain run still takes them, elsewhere.
DOCS_SCREENSHOTS_DIR = REPO_ROOT / "docs" / "screenshots"
SCREENSHOTS_DIR = (
    DOCS_SCREENSHOTS_DIR
    if os.environ.get("LAWPORTAL_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / "lawportal-screenshots"
)
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
    has_real_corpus: bool  # a sample of ../shared: two codes and every 20th act (see real_sample)
    loaded: list[str] = field(default_factory=list)

    def __call__(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return self.url + path


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The site served on a free 127.0.0.1 port from a thread, over a freshly loaded database.

    ``LAWPORTAL_E2E_REAL=all`` loads the whole real corpus instead of a sample, ``=0`` none of it.
    """
    real_mode = os.environ.get("LAWPORTAL_E2E_REAL", "sample")
    has_real = CORPUS_PATH.exists() and real_mode != "0"
    real_laws = real_sample(CORPUS_PATH, everything=real_mode == "all") if has_real else []
    home = tmp_path_factory.mktemp("live")
    case_facts = None
    if has_real and CASE_FACTS_PATH.exists():
        case_facts = cases_within(CASE_FACTS_PATH, real_laws, home / "cases.jsonl")
    app, loaded = build_site(home, DEMO_CORPUS_PATH, real_laws, case_facts)
    if not loaded:
        pytest.skip(f"no corpus to serve: neither {DEMO_CORPUS_PATH} nor {CORPUS_PATH} exists")
    with serve(app) as url:
        yield LiveServer(url, app, has_real, loaded)


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
    """Save a PNG of the page as <name>.png: into docs/screenshots (the README picks from there) when
    ``LAWPORTAL_SCREENSHOTS=1`` (``make screenshots``), else into a temporary folder."""
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
