"""Every page type in Chromium at 360 px: axe-core finds no serious or critical WCAG 2.1 AA problem,
nothing scrolls sideways, every tap target is 44 px, and the page works without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from flask import url_for

from lawportal.db import get_session
from tests.e2e.conftest import LiveServer, check_accessibility, new_context, save_screenshot
from tests.e2e.pages import PAGE_TYPES, PageType

PHONE_WIDTH = 360
TAP_TARGET = 44

# Interactive elements smaller than a finger. Links inside a sentence are exempt (WCAG 2.5.5 "inline");
# other inline links must be 44 px high (their width is their text's); a checkbox or radio button
# counts with its label, which is the part people tap.
SMALL_TAP_TARGETS_JS = """
(minimum) => {
  const small = [];
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
    if (el.closest('.skip-link')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    let box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if ((el.type === 'checkbox' || el.type === 'radio') && el.labels && el.labels.length) {
      box = el.labels[0].getBoundingClientRect();
    }
    if (el.tagName === 'A' && style.display === 'inline') {
      const parentText = (el.parentElement.textContent || '').trim();
      if (parentText.length > (el.textContent || '').trim().length + 1) continue;
    }
    const tooNarrow = style.display !== 'inline' && box.width < minimum - 0.5;
    if (box.height < minimum - 0.5 || tooNarrow) {
      const label = (el.textContent || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 40);
      small.push(`${el.tagName.toLowerCase()} "${label}" ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return small;
}
"""


def resolve_path(live_server: LiveServer, page_type: PageType) -> str:
    """The path to open for ``page_type``; skip, saying why, when its page or data is not there."""
    app = live_server.app
    if page_type.endpoint not in app.view_functions:
        pytest.skip(f"{page_type.name}: endpoint {page_type.endpoint} is not registered yet")
    with app.test_request_context("/"):
        path = page_type.find_path(get_session()) if page_type.find_path else url_for(page_type.endpoint)
    if path is None:
        pytest.skip(f"{page_type.name}: no data to show in the live server ({live_server.loaded})")
    return path


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda p: p.name)
def test_page_type_is_accessible_on_a_phone(page: Any, live_server: LiveServer, page_type: PageType) -> None:
    path = resolve_path(live_server, page_type)
    response = page.goto(live_server(path))
    expected = 404 if page_type.name == "not-found" else 200
    assert response.status == expected, f"{path}: HTTP {response.status}"

    problems = check_accessibility(page)
    assert not problems, f"{path}: axe-core found\n" + "\n".join(problems)

    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= PHONE_WIDTH, f"{path}: scrolls sideways, {scroll_width} px wide at {PHONE_WIDTH} px"

    small = page.evaluate(SMALL_TAP_TARGETS_JS, TAP_TARGET)
    assert not small, f"{path}: tap targets under {TAP_TARGET} px: {small[:10]}"

    save_screenshot(page, f"page-{page_type.name}")


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda p: p.name)
def test_page_type_works_without_javascript(browser: Any, live_server: LiveServer, page_type: PageType) -> None:
    """With JavaScript off the page still shows its content and its forms submit as plain GET/POST."""
    path = resolve_path(live_server, page_type)
    context, outside = new_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        response = page.goto(live_server(path))
        assert response.status < 500
        assert len(page.locator("main").inner_text().strip()) > 20, f"{path}: no content without JavaScript"
        for form in page.locator("main form").all():
            # No action posts back to the page itself, which is fine; a form needs a button to submit.
            assert (form.get_attribute("method") or "get").lower() in {"get", "post"}
            submit = form.locator("button:not([type]), button[type=submit], input[type=submit]")
            assert submit.count() >= 1, f"{path}: a form without a submit button needs JavaScript"
    finally:
        context.close()
    assert not outside.urls, f"requests left 127.0.0.1: {outside.urls}"


def test_focus_is_visible_and_the_skip_link_comes_first(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server("/laws"))
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.className")
    assert "skip-link" in focused
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in {"", "none"}, "the focused element shows no outline"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0, "the skip link stays off screen when focused"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


def test_the_thai_font_is_self_hosted_and_used(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server("/"))
    page.evaluate("() => document.fonts.ready")
    loaded = page.evaluate(
        "() => [...document.fonts].filter(f => f.family.replace(/\"/g, '') === 'Sarabun' && f.status === 'loaded')"
        ".map(f => f.weight)"
    )
    assert "400" in loaded, f"Sarabun regular did not load from the site: {loaded}"
    family = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert family.startswith('"Sarabun"') or family.startswith("Sarabun")
