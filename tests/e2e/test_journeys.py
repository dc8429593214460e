"""The main journeys of a reader, in Chromium on a phone-sized screen, with a screenshot of each step."""

from __future__ import annotations

import re
from typing import Any

import pytest

from lawportal.db import get_session
from tests.e2e.conftest import LiveServer, save_screenshot
from tests.e2e.pages import section_path

THAI_DIGIT = re.compile(r"[๐-๙]")
ARABIC_DIGIT = re.compile(r"[0-9]")


def a_section_with_references(live_server: LiveServer) -> str:
    with live_server.app.test_request_context("/"):
        path = section_path(get_session())
    if path is None:
        pytest.skip(f"no section in the live server's data ({live_server.loaded})")
    return path


def search_word(live_server: LiveServer) -> str:
    """A word that the loaded data surely contains: theft in the Criminal Code, else a demo title word."""
    return "ลักทรัพย์" if live_server.has_real_corpus else "พระราชบัญญัติ"


def test_search_and_open_a_section(page: Any, live_server: LiveServer) -> None:
    if "search.search" not in live_server.app.view_functions:
        pytest.skip("the search page (search.search) is not registered yet")
    if "index" not in live_server.app.cli.commands:
        pytest.skip("no `lawportal index` command yet, so the live server has no search index")
    page.goto(live_server("/"))
    page.get_by_role("searchbox").fill(search_word(live_server))
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_load_state()
    assert "/search" in page.url
    save_screenshot(page, "journey-search-results")
    first_section = page.locator("main a[href*='/sections/']").first
    assert first_section.count() == 1, "the results list no section link"
    first_section.click()
    page.wait_for_load_state()
    assert re.search(r"/laws/\d+/sections/", page.url), page.url
    assert "มาตรา" in page.locator("main h1").inner_text()
    save_screenshot(page, "journey-search-section")


def test_follow_a_cross_reference(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server(a_section_with_references(live_server)))
    links = page.locator(".section-text a.xref")
    if links.count() == 0:
        pytest.skip("the live server's data has no cross-reference to follow")
    source_url = page.url
    source_path = source_url.removeprefix(live_server.url)
    target = links.first.get_attribute("href")
    save_screenshot(page, "journey-xref-source")
    links.first.click()
    page.wait_for_load_state()
    assert page.url.endswith(target)
    assert page.locator("main h1").inner_text().startswith("มาตรา")
    cited_by = page.locator(".cited-by a")
    if target != source_path:  # the target lists the section we came from
        assert source_path in [cited_by.nth(i).get_attribute("href") for i in range(cited_by.count())]
    save_screenshot(page, "journey-xref-target")


def test_switch_language_keeps_the_page(page: Any, live_server: LiveServer) -> None:
    path = a_section_with_references(live_server)
    page.goto(live_server(path))
    assert page.locator("html").get_attribute("lang") == "th"
    thai_heading = page.locator("main h1").inner_text()
    page.locator("header .lang-switch").click()
    page.wait_for_load_state()
    assert page.url == live_server(path)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".main-nav").inner_text().find("Laws") >= 0
    assert page.locator("main h1").inner_text() == thai_heading, "the law text itself stays Thai"
    assert page.locator("main h1").get_attribute("lang") == "th"
    save_screenshot(page, "journey-language-english")
    page.goto(live_server("/laws"))  # the choice is remembered on the next page
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("header .lang-switch").click()
    page.wait_for_load_state()
    assert page.url == live_server("/laws")
    assert page.locator("html").get_attribute("lang") == "th"


def test_thai_digits_on_request(page: Any, live_server: LiveServer) -> None:
    path = a_section_with_references(live_server)
    page.goto(live_server(path))
    text = page.locator("main h1").inner_text() + page.locator(".section-text").inner_text()
    assert not THAI_DIGIT.search(text), "law texts show Arabic digits by default"
    hrefs_before = page.locator(".section-text a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    page.locator(".digits-toggle a").click()
    page.wait_for_load_state()
    assert page.url == live_server(path)
    text = page.locator("main h1").inner_text() + page.locator(".section-text").inner_text()
    assert THAI_DIGIT.search(text) and not ARABIC_DIGIT.search(text)
    hrefs_after = page.locator(".section-text a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs_after == hrefs_before, "links must keep their Arabic-digit addresses"
    save_screenshot(page, "journey-thai-digits")
    page.locator(".digits-toggle a").click()
    page.wait_for_load_state()
    assert not THAI_DIGIT.search(page.locator("main h1").inner_text())
