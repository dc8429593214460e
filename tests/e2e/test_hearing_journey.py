"""The public hearing journey in Chromium on a phone-sized screen: an agency creates a hearing from a DOCX,
a citizen comments on a section and confirms by e-mail, a moderator approves, the hearing closes, the
agency answers, and the report shows the comment, the answer and the chart."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from lawportal.db import get_session
from lawportal.hearings.services import to_bangkok
from lawportal.models import Hearing
from lawportal.models.hearing import utcnow
from tests.e2e.conftest import LiveServer, check_accessibility, save_screenshot
from tests.lawportal.test_hearings_support import DRAFT_TEXT, make_docx, message_body, smtp_server

PASSWORD = "journey password 123"


def cli(live_server: LiveServer, *args: str) -> str:
    result = live_server.app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.output


def sign_in(page: Any, live_server: LiveServer, email: str) -> None:
    page.goto(live_server("/login"))
    page.get_by_label("อีเมล").fill(email)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_load_state()
    assert "/staff/hearings" in page.url, page.content()[:500]


def sign_out(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server("/staff/hearings"))
    page.get_by_role("button", name="ออกจากระบบ").click()
    page.wait_for_load_state()


def test_hearing_from_docx_to_published_report(page: Any, live_server: LiveServer, tmp_path: Path) -> None:
    run = uuid.uuid4().hex[:8]
    staff, moderator = f"staff-{run}@example.test", f"moderator-{run}@example.test"
    cli(live_server, "agencies", "create", f"journey-{run}", "กรมทดสอบเส้นทาง")
    cli(live_server, "users", "create", staff, "--role", "staff", "--agency", f"journey-{run}", "--password", PASSWORD)
    cli(live_server, "users", "create", moderator, "--role", "moderator", "--password", PASSWORD)
    title = f"ร่างพระราชบัญญัติทดสอบเส้นทาง {run}"

    # The agency creates the hearing and uploads the draft as a Word document.
    sign_in(page, live_server, staff)
    page.goto(live_server("/staff/hearings/new"))
    page.get_by_label("ชื่อเรื่อง").fill(title)
    page.get_by_label("สาระสำคัญ").fill("ทดสอบการรับฟังตั้งแต่ต้นจนจบ")
    page.get_by_label("เริ่มรับฟัง (เวลาประเทศไทย)").fill(
        to_bangkok(utcnow() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("สิ้นสุด (เวลาประเทศไทย)").fill(to_bangkok(utcnow() + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="สร้าง").click()
    page.wait_for_load_state()
    draft = tmp_path / "draft.docx"
    draft.write_bytes(make_docx(DRAFT_TEXT))
    page.get_by_label("ไฟล์ร่าง (DOCX, PDF หรือข้อความ)").set_input_files(str(draft))
    page.get_by_role("button", name="อัปโหลด", exact=True).click()
    page.wait_for_load_state()
    assert "ผู้ใดประสงค์จะประกอบกิจการทดสอบ" in page.content()  # the preview, section by section
    problems = check_accessibility(page)
    assert not problems, problems
    page.get_by_role("button", name="เผยแพร่การรับฟัง").click()
    page.wait_for_load_state()
    hearing_id = int(re.search(r"/staff/hearings/(\d+)", page.url).group(1))  # type: ignore[union-attr]
    sign_out(page, live_server)

    # A citizen comments on section 3 and confirms by e-mail.
    with smtp_server() as (port, inbox):
        live_server.app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
        page.goto(live_server(f"/hearings/{hearing_id}"))
        save_screenshot(page, "hearing", full_page=True)
        problems = check_accessibility(page)
        assert not problems, problems
        page.locator("#s-3").get_by_role("link", name="แสดงความคิดเห็นต่อมาตรานี้").click()
        page.wait_for_load_state()
        assert page.get_by_label("ความคิดเห็นต่อ").input_value() == "3"
        page.get_by_label("มีข้อเสนอแนะ").check()
        page.get_by_label("ข้อความ", exact=True).fill("ควรยกเว้นกิจการขนาดเล็กจากการขอใบอนุญาต")
        page.get_by_label("ชื่อที่แสดง (ใช้นามแฝงได้)").fill("พลเมืองทดสอบ")
        page.get_by_label("อีเมล (ไม่เปิดเผย ใช้ยืนยันความคิดเห็น)").fill(f"citizen-{run}@example.test")
        page.get_by_label("ข้าพเจ้าได้อ่านประกาศความเป็นส่วนตัวข้างต้นแล้ว").check()
        page.get_by_role("button", name="ส่งความคิดเห็น").click()
        page.wait_for_load_state()
        assert "ได้รับความคิดเห็นแล้ว" in page.content()
        assert len(inbox.messages) == 1
    link = re.search(r"(/hearings/comments/confirm/\S+)", message_body(inbox.messages[0][1]))
    assert link is not None
    page.goto(live_server(link.group(1)))
    assert "ยืนยันอีเมลแล้ว" in page.content()

    # A moderator approves it.
    sign_in(page, live_server, moderator)
    page.goto(live_server("/moderation"))
    item = page.locator("article.moderation-item", has_text="ควรยกเว้นกิจการขนาดเล็ก")
    problems = check_accessibility(page)
    assert not problems, problems
    item.get_by_role("button", name="อนุมัติ").click()
    page.wait_for_load_state()
    sign_out(page, live_server)
    page.goto(live_server(f"/hearings/{hearing_id}"))
    assert "ควรยกเว้นกิจการขนาดเล็กจากการขอใบอนุญาต" in page.content()
    assert f"citizen-{run}@example.test" not in page.content()

    # The end time passes and the scheduled command closes the hearing.
    with live_server.app.app_context():
        session = get_session()
        hearing = session.scalar(select(Hearing).where(Hearing.id == hearing_id))
        assert hearing is not None
        hearing.ends_at = utcnow() - timedelta(minutes=1)
        session.commit()
    assert f"closed hearing {hearing_id}" in cli(live_server, "hearings", "close-due")

    # The agency answers and publishes the report.
    sign_in(page, live_server, staff)
    page.goto(live_server(f"/staff/hearings/{hearing_id}"))
    page.locator("#r-section").select_option("3")
    page.get_by_label("ประเด็นที่มีผู้เสนอ").fill("ภาระของกิจการขนาดเล็ก")
    page.get_by_label("คำชี้แจงของหน่วยงาน").fill("จะยกเว้นกิจการที่มีลูกจ้างไม่เกินห้าคน")
    page.get_by_label("แก้ไขร่างตามความเห็นนี้").check()
    page.get_by_role("button", name="บันทึกคำชี้แจง").click()
    page.wait_for_load_state()
    page.get_by_label("การแก้ไขร่าง (บรรทัดละหนึ่งรายการ)").fill("มาตรา ๓ ยกเว้นกิจการขนาดเล็ก")
    page.get_by_role("button", name="เผยแพร่รายงาน").click()
    page.wait_for_load_state()
    sign_out(page, live_server)

    # Anyone reads the report: the comment, the agency's answer and the chart.
    page.goto(live_server(f"/hearings/{hearing_id}/report"))
    content = page.content()
    assert "ควรยกเว้นกิจการขนาดเล็กจากการขอใบอนุญาต" in content
    assert "จะยกเว้นกิจการที่มีลูกจ้างไม่เกินห้าคน" in content
    assert page.locator("figure.chart svg").first.is_visible()
    save_screenshot(page, "hearing-report", full_page=True)
    problems = check_accessibility(page)
    assert not problems, problems
