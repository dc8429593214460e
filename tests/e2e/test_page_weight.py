"""Page weight as a phone on a fresh visit sees it: the long codes' pages stay light.

Sizes, not timings: Chromium's resource timing gives the bytes each response took on the wire.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import LiveServer, new_context

HTML_BUDGET = 100_000
TOTAL_BUDGET = 300_000
CODES = {"443287": "ประมวลกฎหมายอาญา", "567410": "ประมวลกฎหมายแพ่งและพาณิชย์"}

TRANSFERRED_JS = """
() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  return {
    html: nav.transferSize,
    total: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
    resources: resources.map(r => [r.name, r.transferSize]),
  };
}
"""


def measure(browser: Any, url: str) -> dict[str, Any]:
    """Bytes transferred for ``url`` in a new context (an empty cache), after fonts have loaded."""
    context, outside = new_context(browser)
    try:
        page = context.new_page()
        response = page.goto(url, wait_until="load")
        assert response.status == 200, url
        page.evaluate("() => document.fonts.ready")
        sizes: dict[str, Any] = page.evaluate(TRANSFERRED_JS)
        sizes["pages"] = page.locator("nav.pagination a[aria-current='page']").count()
    finally:
        context.close()
    assert not outside.urls
    return sizes


@pytest.mark.parametrize("sysid", CODES)
def test_every_page_of_a_long_code_is_light(browser: Any, live_server: LiveServer, sysid: str) -> None:
    if not live_server.has_real_corpus:
        pytest.skip("the long codes come from ../shared, which is not loaded")
    from lawportal.db import get_session
    from lawportal.laws.services import get_law_page

    with live_server.app.test_request_context("/"):
        pages = get_law_page(get_session(), sysid).pages
    assert pages >= 2, f"{CODES[sysid]} should be split into pages"
    for page_number in sorted({1, 2, pages // 2 or 1, pages}):
        sizes = measure(browser, live_server(f"/laws/{sysid}?page={page_number}"))
        where = f"{CODES[sysid]} page {page_number}/{pages}"
        assert sizes["html"] < HTML_BUDGET, f"{where}: HTML {sizes['html']} bytes"
        assert sizes["total"] < TOTAL_BUDGET, f"{where}: {sizes['total']} bytes in all: {sizes['resources']}"


def test_static_files_are_cached_on_the_second_visit(browser: Any, live_server: LiveServer) -> None:
    context, outside = new_context(browser)
    try:
        page = context.new_page()
        page.goto(live_server("/laws"), wait_until="load")
        page.evaluate("() => document.fonts.ready")
        page.goto(live_server("/"), wait_until="load")
        page.evaluate("() => document.fonts.ready")
        fetched = page.evaluate(
            "() => performance.getEntriesByType('resource').filter(r => r.transferSize > 0).map(r => r.name)"
        )
    finally:
        context.close()
    assert not outside.urls
    assert not [url for url in fetched if "/static/" in url], f"fetched again instead of cached: {fetched}"
