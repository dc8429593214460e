"""The business checklist journey in Chromium on a phone: choose an activity, answer, read, print.

Each cited act the live server does not hold (the demo data, and most of its sample of the real corpus)
is shown by title without links; when it holds one, the journey follows a cited section to its page.
"""

from __future__ import annotations

from typing import Any

import pytest

from lawportal.db import get_session
from lawportal.licences.catalogue import default_catalogue
from lawportal.models import Law
from tests.e2e.conftest import LiveServer, check_accessibility, save_screenshot

PHONE_WIDTH = 360


def assert_fits_a_phone(page: Any) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} scrolls sideways: {width} px wide"


def law_is_loaded(live_server: LiveServer, sysid: str) -> bool:
    with live_server.app.app_context():
        return get_session().get(Law, sysid) is not None


def licences_on_page(page: Any) -> list[tuple[str, str]]:
    """(licence id, sysid) of every licence card on the checklist page, from the catalogue."""
    catalogue = default_catalogue()
    ids = page.eval_on_selector_all("article.licence-card", "cards => cards.map(c => c.id.slice('licence-'.length))")
    return [(licence_id, catalogue.licences[licence_id].sysid) for licence_id in ids]


def test_business_checklist(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server("/licences"))
    assert not check_accessibility(page)
    assert_fits_a_phone(page)
    page.get_by_label("โรงแรมและที่พัก").check()
    save_screenshot(page, "journey-licences-choose")
    page.get_by_role("button", name="ดูรายการใบอนุญาต").click()
    page.wait_for_load_state()
    assert page.url.endswith("/licences/hotel")
    assert "โรงแรมและที่พัก" in page.locator("main h1").inner_text()

    page.locator("#q-rooms").fill("20")
    page.get_by_role("group", name="ขายสุราหรือเครื่องดื่มแอลกอฮอล์หรือไม่").get_by_label("ใช่", exact=True).check()
    page.get_by_role("group", name="ขายบุหรี่หรือยาสูบหรือไม่").get_by_label("ไม่ใช่", exact=True).check()
    page.get_by_role("group", name="รายรับจากการขายสินค้าหรือบริการเกิน 1.8 ล้านบาทต่อปีหรือไม่").get_by_label(
        "ใช่", exact=True
    ).check()
    page.get_by_role("button", name="ปรับรายการตามคำตอบ").click()
    page.wait_for_load_state()
    assert "rooms=20" in page.url and "sells_alcohol=yes" in page.url

    required = page.locator("section[aria-labelledby='required-heading']")
    assert "ใบอนุญาตประกอบธุรกิจโรงแรม" in required.inner_text()
    assert "ใบอนุญาตขายสุรา" in required.inner_text()
    not_needed = page.locator("section[aria-labelledby='not-needed-heading']").inner_text()
    assert "ใบอนุญาตขายยาสูบ" in not_needed
    assert page.locator("#q-rooms").input_value() == "20"  # the answers stay in the form
    assert not check_accessibility(page)
    assert_fits_a_phone(page)
    page.locator("#summary-heading").scroll_into_view_if_needed()
    save_screenshot(page, "journey-licences-checklist")

    portal = page.locator("#licence-hotel-licence a[rel~='external']")
    assert portal.get_attribute("href") == live_server.app.config["BIZPORTAL_URL"].rstrip("/") + "/"

    assert page.get_by_role("button", name="พิมพ์รายการตรวจสอบ").is_visible()  # JavaScript shows it
    page.emulate_media(media="print")
    assert page.locator("form.questions").is_hidden()
    assert page.locator(".checklist-table").is_visible()
    page.evaluate("() => window.scrollTo(0, 0)")
    save_screenshot(page, "journey-licences-print")
    page.emulate_media(media="screen")

    assert_links_only_into_loaded_laws(page, live_server)


def assert_links_only_into_loaded_laws(page: Any, live_server: LiveServer) -> str | None:
    """Each card links its sections exactly when the live server holds its law; the first link, if any."""
    first = None
    for licence_id, sysid in licences_on_page(page):
        card = page.locator(f"#licence-{licence_id}")
        links = card.locator(f"a[href^='/laws/{sysid}/sections/']")
        if law_is_loaded(live_server, sysid):
            assert links.count() >= 1, licence_id
            first = first or links.first.get_attribute("href")
        else:
            assert links.count() == 0, licence_id
            assert "ยังไม่มีตัวบทฉบับนี้" in card.inner_text()
    return first


def test_checklist_leads_to_a_cited_section_of_a_loaded_act(page: Any, live_server: LiveServer) -> None:
    """The real corpus in the live server is a sample: use the first activity citing an act it holds."""
    activity = next(
        (
            a
            for a in default_catalogue().activities
            if not a.demo and any(law_is_loaded(live_server, sysid) for sysid in sorted(a.sysids()))
        ),
        None,
    )
    if activity is None:
        pytest.skip(f"the live server holds none of the acts the reviewed catalogue cites ({live_server.loaded})")
    page.goto(live_server(f"/licences/{activity.id}"))
    target = assert_links_only_into_loaded_laws(page, live_server)
    assert target is not None
    page.locator(f"main a[href='{target}']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(target)
    assert page.locator("main h1").inner_text().startswith("มาตรา")
    save_screenshot(page, "journey-licences-section")


def test_demo_checklist_links_into_the_demo_act(page: Any, live_server: LiveServer) -> None:
    if not law_is_loaded(live_server, "9000001"):
        pytest.skip(f"the demo hotel act is not in the live server ({live_server.loaded})")
    page.goto(live_server("/licences"))
    page.get_by_label("โรงแรม (ตัวอย่างสาธิต)").check()
    page.get_by_role("button", name="ดูรายการใบอนุญาต").click()
    page.locator("#q-rooms").fill("4")
    page.get_by_role("button", name="ปรับรายการตามคำตอบ").click()
    page.wait_for_load_state()
    card = page.locator("#licence-demo-small-lodging-notice")
    assert "ต้องมี" in page.locator("section[aria-labelledby='required-heading']").inner_text()
    card.get_by_role("link", name="มาตรา 4/1").click()
    page.wait_for_load_state()
    assert page.url.endswith("/laws/9000001/sections/4/1")
    assert not check_accessibility(page)


def test_bad_answer_shows_a_message_not_a_crash(page: Any, live_server: LiveServer) -> None:
    response = page.goto(live_server("/licences/hotel?rooms=many"))
    assert response.status == 400
    assert "จำนวนห้องพักที่ให้เช่า" in page.locator("main").inner_text()
    missing = page.goto(live_server("/licences/casino"))
    assert missing.status == 404
    assert "casino" in page.locator("main").inner_text()
