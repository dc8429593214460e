"""Public hearings through HTTP: creating, uploading, commenting, moderating, closing, the report."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from lawportal.hearings import services
from lawportal.models import AuditEntry, Comment, DraftRound, Hearing, Question
from lawportal.models.hearing import utcnow
from tests.lawportal.test_hearings_support import (
    DRAFT_TEXT,
    People,
    login,
    make_comment,
    make_docx,
    make_hearing,
    make_pdf,
    make_people,
    make_zip_bomb,
    message_body,
    smtp_server,
)


@pytest.fixture
def people(db_session: Session) -> People:
    return make_people(db_session)


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def local(days: int) -> str:
    """A ``datetime-local`` form value ``days`` from now, Bangkok time."""
    return services.to_bangkok(utcnow() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def hearing_form(**overrides: str) -> dict[str, str]:
    form = {
        "title": "ร่างพระราชบัญญัติทดสอบ",
        "kind": "primary",
        "summary": "สรุปสาระ",
        "starts_at": local(0),
        "ends_at": local(30),
        "amends_sysid": "",
        "short_period_reason": "",
    }
    form.update(overrides)
    return form


def comment_form(key: str, **overrides: str) -> dict[str, str]:
    form = {
        "idempotency_key": key,
        "stance": "suggest",
        "text": "ควรกำหนดระยะเวลาให้ชัดเจน",
        "display_name": "นามแฝงทดสอบ",
        "email": "citizen@example.test",
        "section_number": "3",
        "privacy": "1",
    }
    form.update(overrides)
    return form


# --- creating and uploading --------------------------------------------------------------------


def test_staff_create_a_hearing_and_upload_a_docx_draft(
    client: FlaskClient, people: People, db_session: Session
) -> None:
    login(client, people.staff_a)
    response = client.post("/staff/hearings/new", data=hearing_form())
    assert response.status_code == 302
    hearing = db_session.scalar(select(Hearing).where(Hearing.title == "ร่างพระราชบัญญัติทดสอบ"))
    assert hearing is not None and hearing.agency_id == people.agency_a.id
    upload = client.post(
        f"/staff/hearings/{hearing.id}/draft", data={"file": (io.BytesIO(make_docx(DRAFT_TEXT)), "draft.docx")}
    )
    assert upload.status_code == 302
    page = client.get(f"/staff/hearings/{hearing.id}").get_data(as_text=True)
    assert "มาตรา ๓" in page and "ผู้ใดประสงค์จะประกอบกิจการทดสอบ" in page
    db_session.refresh(hearing)
    assert [s.number for s in hearing.rounds[0].sections] == ["0", "1", "2", "3"]  # "0": the preamble
    assert client.get(f"/hearings/{hearing.id}").status_code == 200  # preview for its own agency
    client.post("/logout")
    assert client.get(f"/hearings/{hearing.id}").status_code == 404  # not public before publishing
    login(client, people.staff_a)
    assert client.post(f"/staff/hearings/{hearing.id}/publish").status_code == 302
    client.post("/logout")
    assert client.get(f"/hearings/{hearing.id}").status_code == 200


def test_period_end_before_start_is_refused(client: FlaskClient, people: People, db_session: Session) -> None:
    login(client, people.staff_a)
    before = count(db_session, Hearing)
    response = client.post("/staff/hearings/new", data=hearing_form(starts_at=local(10), ends_at=local(5)))
    assert response.status_code == 400
    assert "วันสิ้นสุดต้องอยู่หลังวันเริ่มรับฟัง" in response.get_data(as_text=True)
    assert count(db_session, Hearing) == before


def test_short_period_needs_a_written_reason(client: FlaskClient, people: People, db_session: Session) -> None:
    login(client, people.staff_a)
    short = hearing_form(ends_at=local(7))
    refused = client.post("/staff/hearings/new", data=short)
    assert refused.status_code == 400
    assert "น้อยกว่า 15 วัน" in refused.get_data(as_text=True)
    accepted = client.post("/staff/hearings/new", data={**short, "short_period_reason": "กฎหมายกำหนดเร่งด่วน"})
    assert accepted.status_code == 302


def test_period_is_read_as_bangkok_time(client: FlaskClient, people: People, db_session: Session) -> None:
    login(client, people.staff_a)
    client.post("/staff/hearings/new", data=hearing_form(starts_at="2027-01-01T09:00", ends_at="2027-02-01T16:30"))
    hearing = db_session.scalar(select(Hearing).order_by(Hearing.id.desc()))
    assert hearing is not None
    assert hearing.starts_at.isoformat() == "2027-01-01T02:00:00+00:00"
    assert "1 กุมภาพันธ์ 2570 16:30" in client.get(f"/staff/hearings/{hearing.id}").get_data(as_text=True)
    english = client.get(f"/staff/hearings/{hearing.id}", query_string={"lang": "en"}).get_data(as_text=True)
    assert "1 February 2027 16:30" in english


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4\nbroken", "ไฟล์เสียหรืออ่านไม่ได้"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "รับเฉพาะไฟล์ DOCX, PDF"),
        (make_zip_bomb(5 * 1024 * 1024), "ขยายตัวผิดปกติ"),
        ("ข้อความที่ไม่มีมาตราเลย".encode(), "ไม่พบมาตราหรือข้อ"),
    ],
)
def test_bad_uploads_get_a_clear_error_and_store_nothing(
    app: Flask, client: FlaskClient, people: People, db_session: Session, data: bytes, message: str
) -> None:
    hearing = make_hearing(db_session, people.agency_a, published=False)
    login(client, people.staff_a)
    rounds_before = count(db_session, DraftRound)
    response = client.post(f"/staff/hearings/{hearing.id}/draft", data={"file": (io.BytesIO(data), "draft.docx")})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count(db_session, DraftRound) == rounds_before
    upload_dir = Path(app.config["UPLOAD_DIR"])
    assert not upload_dir.exists() or not any(upload_dir.rglob("*.*"))


def test_too_large_upload_is_refused(app: Flask, client: FlaskClient, people: People, db_session: Session) -> None:
    app.config["MAX_UPLOAD_BYTES"] = 1000
    hearing = make_hearing(db_session, people.agency_a, published=False)
    login(client, people.staff_a)
    response = client.post(
        f"/staff/hearings/{hearing.id}/draft", data={"file": (io.BytesIO(DRAFT_TEXT.encode() * 10), "draft.txt")}
    )
    assert response.status_code == 400
    assert "ไฟล์ใหญ่เกินขนาด" in response.get_data(as_text=True)


def test_attachments_must_be_pdf(client: FlaskClient, people: People, db_session: Session) -> None:
    hearing = make_hearing(db_session, people.agency_a, published=False)
    login(client, people.staff_a)
    ok = client.post(
        f"/staff/hearings/{hearing.id}/attachments",
        data={"title": "บันทึกหลักการและเหตุผล", "file": (io.BytesIO(make_pdf(["Note"])), "note.pdf")},
    )
    assert ok.status_code == 302
    refused = client.post(
        f"/staff/hearings/{hearing.id}/attachments",
        data={"title": "x", "file": (io.BytesIO(make_docx("x")), "note.pdf")},
    )
    assert refused.status_code == 400
    db_session.refresh(hearing)
    assert [a.title for a in hearing.attachments] == ["บันทึกหลักการและเหตุผล"]


# --- agency isolation, through HTTP ------------------------------------------------------------


def test_staff_of_another_agency_see_nothing_unpublished(
    client: FlaskClient, people: People, db_session: Session
) -> None:
    draft = make_hearing(db_session, people.agency_a, title="ร่างลับของกรมเอ", published=False)
    closed = make_hearing(db_session, people.agency_a, title="ร่างปิดแล้วของกรมเอ", days_left=-1)
    pending = make_comment(closed, "iso-1", text="ความเห็นที่ยังไม่ผ่านการตรวจ", status="pending", email="p@example.test")
    db_session.add(pending)
    db_session.commit()
    login(client, people.staff_b)
    assert "ร่างลับของกรมเอ" not in client.get("/staff/hearings").get_data(as_text=True)
    for url in (
        f"/staff/hearings/{draft.id}",
        f"/hearings/{draft.id}",
        f"/staff/hearings/{closed.id}",
        f"/hearings/{closed.id}/report",
        f"/hearings/{closed.id}/report.csv",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/staff/hearings/{draft.id}/publish").status_code == 404
    assert client.post(f"/staff/hearings/{closed.id}/responses", data={"issue": "x", "answer": "y"}).status_code == 404
    assert "ความเห็นที่ยังไม่ผ่านการตรวจ" not in client.get("/moderation").get_data(as_text=True)
    assert client.post(f"/moderation/{pending.id}", data={"action": "approve"}).status_code == 404
    assert "ความเห็นที่ยังไม่ผ่านการตรวจ" not in client.get(f"/hearings/{closed.id}").get_data(as_text=True)
    db_session.refresh(pending)
    assert pending.status == "pending"
    client.post("/logout")
    login(client, people.staff_a)
    assert "ความเห็นที่ยังไม่ผ่านการตรวจ" in client.get(f"/staff/hearings/{closed.id}").get_data(as_text=True)


def test_anonymous_readers_are_sent_to_login(client: FlaskClient, people: People, db_session: Session) -> None:
    hearing = make_hearing(db_session, people.agency_a)
    for url in ("/staff/hearings", f"/staff/hearings/{hearing.id}", "/moderation", "/admin"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


# --- commenting --------------------------------------------------------------------------------


def test_comment_confirmed_by_email_then_moderated(
    app: Flask, client: FlaskClient, people: People, db_session: Session
) -> None:
    hearing = make_hearing(db_session, people.agency_a)
    page = client.get(f"/hearings/{hearing.id}").get_data(as_text=True)
    assert "ประกาศความเป็นส่วนตัว" in page and "ฐานทางกฎหมาย" in page and "ระยะเวลาเก็บรักษา" in page
    with smtp_server() as (port, inbox):
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
        response = client.post(f"/hearings/{hearing.id}/comments", data=comment_form("k-1"))
    assert response.status_code == 201
    assert len(inbox.messages) == 1
    recipients, raw = inbox.messages[0]
    assert recipients == ["citizen@example.test"]
    link = re.search(r"http://localhost(/hearings/comments/confirm/\S+)", message_body(raw))
    assert link is not None
    comment = db_session.scalar(select(Comment).where(Comment.idempotency_key == "k-1"))
    assert comment is not None and comment.status == "unconfirmed" and comment.section_number == "3"
    assert "ควรกำหนดระยะเวลาให้ชัดเจน" not in client.get(f"/hearings/{hearing.id}").get_data(as_text=True)

    assert client.get(link.group(1)).status_code == 200
    db_session.refresh(comment)
    assert comment.status == "pending"
    assert client.get("/hearings/comments/confirm/not-a-token").status_code == 404

    login(client, people.moderator)
    assert "ควรกำหนดระยะเวลาให้ชัดเจน" in client.get("/moderation").get_data(as_text=True)
    assert client.post(f"/moderation/{comment.id}", data={"action": "approve"}).status_code == 302
    client.post("/logout")
    public = client.get(f"/hearings/{hearing.id}").get_data(as_text=True)
    assert "ควรกำหนดระยะเวลาให้ชัดเจน" in public and "นามแฝงทดสอบ" in public
    assert "citizen@example.test" not in public
    actions = [e.action for e in db_session.scalars(select(AuditEntry).where(AuditEntry.comment_id == comment.id))]
    assert actions == ["confirm_email", "approve"]


def test_double_submit_stores_one_comment(app: Flask, client: FlaskClient, people: People, db_session: Session) -> None:
    hearing = make_hearing(db_session, people.agency_a)
    with smtp_server() as (port, inbox):
        app.config.update(MAIL_PORT=port)
        first = client.post(f"/hearings/{hearing.id}/comments", data=comment_form("same-key"))
        second = client.post(f"/hearings/{hearing.id}/comments", data=comment_form("same-key"))
    assert (first.status_code, second.status_code) == (201, 200)
    assert "บันทึกไว้เพียงครั้งเดียว" in second.get_data(as_text=True)
    assert db_session.scalar(select(func.count()).where(Comment.idempotency_key == "same-key")) == 1
    assert len(inbox.messages) == 1


def test_mail_failure_mid_submission_leaves_no_rows(
    app: Flask, client: FlaskClient, people: People, db_session: Session
) -> None:
    from tests.lawportal.test_hearings_support import free_port

    hearing = make_hearing(db_session, people.agency_a)
    app.config.update(MAIL_PORT=free_port())  # nothing listens there
    before = count(db_session, Comment)
    response = client.post(f"/hearings/{hearing.id}/comments", data=comment_form("k-crash"))
    assert response.status_code == 503
    assert count(db_session, Comment) == before


def test_crash_after_insert_rolls_back_comment_and_answers(people: People, db_session: Session) -> None:
    hearing = make_hearing(db_session, people.agency_a)
    question = Question(
        hearing_id=hearing.id, position=0, kind="yesno", prompt="เห็นควรให้มีใบอนุญาตหรือไม่", options=["ใช่", "ไม่ใช่"]
    )
    db_session.add(question)
    db_session.commit()
    db_session.refresh(hearing)
    data = services.CommentInput("k-boom", "agree", "ข้อความ", "ชื่อ", "a@example.test", "1", True, {question.id: ["ใช่"]})

    def crash(_comment: Comment) -> None:
        raise RuntimeError("power cut")

    from lawportal.models import Answer

    with pytest.raises(RuntimeError):
        services.submit_comment(db_session, hearing, data, None, notify=crash)
    assert db_session.scalar(select(func.count()).where(Comment.idempotency_key == "k-boom")) == 0
    assert count(db_session, Answer) == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"privacy": ""}, "ประกาศความเป็นส่วนตัว"),
        ({"stance": "maybe"}, "โปรดเลือกเห็นด้วย"),
        ({"text": "<b></b>"}, "โปรดเขียนความคิดเห็น"),
        ({"email": "not-an-email"}, "โปรดระบุอีเมล"),
        ({"section_number": "99"}, "ไม่พบมาตราที่เลือก"),
        ({"display_name": ""}, "โปรดระบุชื่อที่จะแสดง"),
    ],
)
def test_bad_comments_are_refused(
    client: FlaskClient, people: People, db_session: Session, overrides: dict[str, str], message: str
) -> None:
    hearing = make_hearing(db_session, people.agency_a)
    before = count(db_session, Comment)
    response = client.post(f"/hearings/{hearing.id}/comments", data=comment_form("k-bad", **overrides))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count(db_session, Comment) == before


def test_closed_hearing_takes_no_comments(client: FlaskClient, people: People, db_session: Session) -> None:
    hearing = make_hearing(db_session, people.agency_a, days_left=-1)
    response = client.post(f"/hearings/{hearing.id}/comments", data=comment_form("k-late"))
    assert response.status_code == 400
    assert "ไม่ได้เปิดรับความคิดเห็น" in response.get_data(as_text=True)


def test_html_is_stripped_and_text_escaped(client: FlaskClient, people: People, db_session: Session) -> None:
    hearing = make_hearing(db_session, people.agency_a, publish_at_once=True)
    login(client, people.staff_b)  # a signed-in reader needs no e-mail confirmation
    text = 'ดี<script>alert(1)</script> <a href="javascript:x">ลิงก์</a> 1 < 2'
    response = client.post(f"/hearings/{hearing.id}/comments", data=comment_form("k-html", text=text, email=""))
    assert response.status_code == 201
    comment = db_session.scalar(select(Comment).where(Comment.idempotency_key == "k-html"))
    assert comment is not None and comment.status == "approved"
    assert "<script" not in comment.text and "<a" not in comment.text and "ลิงก์" in comment.text
    page = client.get(f"/hearings/{hearing.id}").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "1 &lt; 2" in page


def test_moderation_reject_needs_a_reason_and_duplicates_point_at_an_original(
    client: FlaskClient, people: People, db_session: Session
) -> None:
    hearing = make_hearing(db_session, people.agency_a)
    first, second = (
        make_comment(hearing, f"mod-{i}", text=f"ข้อความ {i}", status="pending", email="p@example.test") for i in (1, 2)
    )
    db_session.add_all([first, second])
    db_session.commit()
    login(client, people.moderator)
    assert client.post(f"/moderation/{first.id}", data={"action": "reject"}).status_code == 400
    assert client.post(f"/moderation/{first.id}", data={"action": "reject", "reason": "หยาบคาย"}).status_code == 302
    assert (
        client.post(f"/moderation/{second.id}", data={"action": "duplicate", "duplicate_of": "999999"}).status_code
        == 400
    )
    assert (
        client.post(f"/moderation/{second.id}", data={"action": "duplicate", "duplicate_of": str(first.id)}).status_code
        == 302
    )
    db_session.refresh(first)
    db_session.refresh(second)
    assert (first.status, first.reject_reason) == ("rejected", "หยาบคาย")
    assert (second.status, second.duplicate_of_id) == ("duplicate", first.id)
    log = client.get(f"/staff/hearings/{hearing.id}")
    assert log.status_code == 403  # moderators moderate; they do not manage an agency's hearing
    entries = db_session.scalars(select(AuditEntry).where(AuditEntry.hearing_id == hearing.id)).all()
    assert {(e.action, e.actor_id) for e in entries} == {
        ("reject", people.moderator.id),
        ("duplicate", people.moderator.id),
    }


# --- closing, responses, the report ------------------------------------------------------------


def test_close_due_cli_then_responses_and_report(
    client: FlaskClient, runner: FlaskCliRunner, people: People, db_session: Session
) -> None:
    hearing = make_hearing(db_session, people.agency_a, days_left=-1)
    db_session.add_all(
        [
            make_comment(
                hearing,
                "rep-1",
                text="ใบอนุญาตเป็นภาระเกินไป",
                stance="disagree",
                section="3",
                email="secret@example.test",
                name="ผู้ประกอบการ",
            ),
            make_comment(hearing, "rep-2", text="เห็นด้วยทั้งฉบับ", email="secret2@example.test", name="ประชาชน"),
            make_comment(
                hearing,
                "rep-3",
                text="ไม่ควรเห็น",
                section="3",
                status="rejected",
                email="x@example.test",
                name="ถูกปฏิเสธ",
            ),
        ]
    )
    db_session.commit()
    result = runner.invoke(args=["hearings", "close-due"])
    assert result.exit_code == 0 and f"closed hearing {hearing.id}" in result.output
    db_session.refresh(hearing)
    assert hearing.closed_at is not None
    assert "0 hearings closed" in runner.invoke(args=["hearings", "close-due"]).output

    assert client.get(f"/hearings/{hearing.id}/report").status_code == 404  # not published yet
    login(client, people.staff_a)
    assert client.post(f"/staff/hearings/{hearing.id}/responses", data={"issue": "", "answer": ""}).status_code == 400
    response = client.post(
        f"/staff/hearings/{hearing.id}/responses",
        data={"section_number": "3", "issue": "ภาระการขอใบอนุญาต", "answer": "ยกเว้นกิจการขนาดเล็ก", "draft_changed": "1"},
    )
    assert response.status_code == 302
    assert (
        client.post(f"/staff/hearings/{hearing.id}/report", data={"changes": "มาตรา ๓ ยกเว้นกิจการขนาดเล็ก"}).status_code
        == 302
    )
    client.post("/logout")

    report = client.get(f"/hearings/{hearing.id}/report")
    assert report.status_code == 200
    html = report.get_data(as_text=True)
    assert "ใบอนุญาตเป็นภาระเกินไป" in html and "ยกเว้นกิจการขนาดเล็ก" in html
    assert "<svg" in html and "pygal" in html  # the chart
    assert not re.search(r"<script[^>]*\bsrc=", html)  # drawn on the server: no script fetched from elsewhere
    assert '<table class="figures">' in html  # and the same figures without the chart
    assert "ไม่ควรเห็น" not in html
    assert "secret@example.test" not in html
    assert client.get(f"/hearings/{hearing.id}/report?print=1").status_code == 200

    exported = client.get(f"/hearings/{hearing.id}/report.csv")
    text = exported.get_data(as_text=True)
    assert "@" not in text
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == list(services.REPORT_CSV_COLUMNS)
    assert {r[5] for r in rows[1:]} == {"ใบอนุญาตเป็นภาระเกินไป", "เห็นด้วยทั้งฉบับ"}
    assert any("ยกเว้นกิจการขนาดเล็ก" in r[6] for r in rows[1:] if r[1] == "3")
    data = client.get(f"/hearings/{hearing.id}/report.json").get_json()
    assert "@" not in json.dumps(data, ensure_ascii=False)
    section = next(s for s in data["sections"] if s["section"] == "3")
    assert section["disagree"] == 1 and section["responses"][0]["answer"] == "ยกเว้นกิจการขนาดเล็ก"
    assert [c["text"] for c in section["comments"]] == ["ใบอนุญาตเป็นภาระเกินไป"]
    report_figures = services.build_report(db_session, hearing).figures
    section_3 = next(f for f in report_figures if f.number == "3")
    assert (section_3.agree, section_3.disagree, section_3.suggest) == (0, 1, 0)


def test_questionnaire_answers_are_counted_in_the_report(
    client: FlaskClient, people: People, db_session: Session
) -> None:
    hearing = make_hearing(db_session, people.agency_a, published=False, publish_at_once=True)
    login(client, people.staff_a)
    assert (
        client.post(
            f"/staff/hearings/{hearing.id}/questions",
            data={"kind": "single", "prompt": "ขนาดกิจการ", "options": "เล็ก\nใหญ่"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"/staff/hearings/{hearing.id}/questions", data={"kind": "single", "prompt": "ตัวเลือกเดียว", "options": "เล็ก"}
        ).status_code
        == 400
    )
    client.post(f"/staff/hearings/{hearing.id}/publish")
    db_session.refresh(hearing)
    question = hearing.questions[0]
    wrong = client.post(
        f"/hearings/{hearing.id}/comments", data={**comment_form("q-0", email=""), f"q{question.id}": "กลาง"}
    )
    assert wrong.status_code == 400
    ok = client.post(
        f"/hearings/{hearing.id}/comments", data={**comment_form("q-1", email=""), f"q{question.id}": "เล็ก"}
    )
    assert ok.status_code == 201
    hearing.ends_at = utcnow() - timedelta(minutes=1)
    db_session.commit()
    report = services.build_report(db_session, hearing)
    assert report.questions[0].counts == {"เล็ก": 1, "ใหญ่": 0}


def test_overdue_reports_are_flagged_on_the_admin_dashboard(
    client: FlaskClient, people: People, db_session: Session
) -> None:
    overdue = make_hearing(db_session, people.agency_a, title="ร่างที่ค้างรายงาน", days_left=-16)
    make_hearing(db_session, people.agency_a, title="ร่างที่เพิ่งปิด", days_left=-3)
    login(client, people.admin)
    html = client.get("/admin").get_data(as_text=True)
    assert "ร่างที่ค้างรายงาน" in html and "ร่างที่เพิ่งปิด" not in html
    assert overdue in services.overdue_reports(db_session)


# --- listing, feeds, rounds, search ------------------------------------------------------------


def test_listing_filters_and_feeds(client: FlaskClient, people: People, db_session: Session) -> None:
    make_hearing(db_session, people.agency_a, title="ร่างเปิดอยู่ของกรมเอ", days_left=3)
    make_hearing(db_session, people.agency_b, title="ร่างปิดแล้วของกรมบี", days_left=-2)
    make_hearing(db_session, people.agency_a, title="ร่างยังไม่เผยแพร่", published=False)
    html = client.get("/hearings").get_data(as_text=True)
    assert "ร่างเปิดอยู่ของกรมเอ" in html and "ร่างปิดแล้วของกรมบี" in html and "ร่างยังไม่เผยแพร่" not in html
    assert "ร่างปิดแล้วของกรมบี" not in client.get("/hearings?status=open").get_data(as_text=True)
    assert "ร่างเปิดอยู่ของกรมเอ" not in client.get("/hearings?agency=agency-b").get_data(as_text=True)
    assert "ร่างเปิดอยู่ของกรมเอ" in client.get("/hearings?closing_soon=1").get_data(as_text=True)

    atom = client.get("/hearings/feed.atom")
    assert atom.mimetype == "application/atom+xml"
    assert "ร่างเปิดอยู่ของกรมเอ" in atom.get_data(as_text=True)
    assert "ร่างยังไม่เผยแพร่" not in atom.get_data(as_text=True)

    from icalendar import Calendar

    calendar = Calendar.from_ical(client.get("/hearings/closing.ics").get_data())
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert any("ร่างเปิดอยู่ของกรมเอ" in s for s in summaries)
    assert not any("ร่างยังไม่เผยแพร่" in s for s in summaries)


def test_new_round_shows_a_redline_and_comments_follow_their_section(
    client: FlaskClient, people: People, db_session: Session
) -> None:
    hearing = make_hearing(db_session, people.agency_a)
    db_session.add(make_comment(hearing, "round-1", text="ความเห็นรอบแรกต่อมาตรา ๓", stance="suggest", section="3"))
    db_session.commit()
    revised = DRAFT_TEXT.replace("จากอธิบดี", "จากรัฐมนตรี").replace("มาตรา ๒", "มาตรา ๒ ใหม่")
    revised = revised.replace("มาตรา ๒ ใหม่ พระราชบัญญัตินี้", "มาตรา ๒ พระราชบัญญัตินี้")
    revised += "มาตรา ๔ ให้รัฐมนตรีรักษาการตามพระราชบัญญัตินี้\n"
    login(client, people.staff_a)
    response = client.post(
        f"/staff/hearings/{hearing.id}/draft", data={"file": (io.BytesIO(revised.encode()), "draft-v2.txt")}
    )
    assert response.status_code == 302
    redline = client.get(f"/hearings/{hearing.id}/redline")
    html = redline.get_data(as_text=True)
    assert redline.status_code == 200
    assert "<del>อธิบดี</del>" in html and "<ins>รัฐมนตรี</ins>" in html
    assert "เพิ่มใหม่" in html
    page = client.get(f"/hearings/{hearing.id}").get_data(as_text=True)
    assert "ร่างฉบับที่ 2" in page
    assert page.index("ความเห็นรอบแรกต่อมาตรา ๓") > page.index('id="s-3"')


def test_draft_sections_are_offered_to_search(people: People, db_session: Session) -> None:
    hearing = make_hearing(db_session, people.agency_a, title="ร่างค้นหาได้")
    make_hearing(db_session, people.agency_a, title="ร่างยังไม่เผยแพร่", published=False)
    documents = list(services.iter_draft_documents(db_session))
    mine = [d for d in documents if d.hearing_id == hearing.id]
    assert [d.number for d in mine] == ["0", "1", "2", "3"]
    assert all(d.kind == "draft" and d.id.startswith(f"hearing/{hearing.id}/") for d in mine)
    assert not any(d.title == "ร่างยังไม่เผยแพร่" for d in documents)


def test_demo_data_is_idempotent(runner: FlaskCliRunner, db_session: Session) -> None:
    first = runner.invoke(args=["demo-data"])
    assert first.exit_code == 0, first.output
    assert "password:" in first.output
    hearings = count(db_session, Hearing)
    comments = count(db_session, Comment)
    second = runner.invoke(args=["demo-data"])
    assert second.exit_code == 0 and "password:" not in second.output
    assert (count(db_session, Hearing), count(db_session, Comment)) == (hearings, comments)
    demo = db_session.scalars(select(Hearing).where(Hearing.is_demo)).all()
    assert sorted(h.status() for h in demo) == ["open", "reported"]


# --- personal data -----------------------------------------------------------------------------


def test_id_numbers_and_emails_typed_in_comments_never_go_public(
    client: FlaskClient, people: People, db_session: Session
) -> None:
    hearing = make_hearing(db_session, people.agency_a, publish_at_once=True)
    login(client, people.staff_b)
    text = "ผมชื่อสมชาย บัตร 1-2345-67890-12-3 หรือ ๑๒๓๔๕๖๗๘๙๐๑๒๓ ติดต่อ somchai@example.com ตามมาตรา 3"
    response = client.post(f"/hearings/{hearing.id}/comments", data=comment_form("k-pii", text=text, email=""))
    assert response.status_code == 201
    hearing.ends_at = utcnow() - timedelta(minutes=1)
    hearing.closed_at = utcnow()
    hearing.report_published_at = utcnow()
    db_session.commit()
    pages = [
        client.get(f"/hearings/{hearing.id}").get_data(as_text=True),
        client.get(f"/hearings/{hearing.id}/report").get_data(as_text=True),
        client.get(f"/hearings/{hearing.id}/report.csv").get_data(as_text=True),
    ]
    for page in pages:
        assert "ตามมาตรา 3" in page
        for secret in ("1-2345-67890-12-3", "๑๒๓๔๕๖๗๘๙๐๑๒๓", "somchai@example.com", people.staff_b.email):
            assert secret not in page


def test_emails_are_erased_a_year_after_the_report(runner: FlaskCliRunner, people: People, db_session: Session) -> None:
    old = make_hearing(db_session, people.agency_a, days_left=-400)
    recent = make_hearing(db_session, people.agency_a, days_left=-20)
    old.report_published_at = utcnow() - timedelta(days=366)
    recent.report_published_at = utcnow() - timedelta(days=5)
    comments = [make_comment(h, f"purge-{i}", email=f"{i}@example.test") for i, h in enumerate((old, recent))]
    db_session.add_all(comments)
    db_session.commit()
    result = runner.invoke(args=["hearings", "purge-emails"])
    assert result.exit_code == 0 and "1 e-mail addresses erased" in result.output
    for comment in comments:
        db_session.refresh(comment)
    assert [c.email for c in comments] == [None, "1@example.test"]


def test_uploaded_files_are_downloadable_only_where_the_hearing_is_visible(
    client: FlaskClient, people: People, db_session: Session
) -> None:
    hearing = make_hearing(db_session, people.agency_a, published=False)
    login(client, people.staff_a)
    docx = make_docx(DRAFT_TEXT)
    client.post(f"/staff/hearings/{hearing.id}/draft", data={"file": (io.BytesIO(docx), "ร่าง.docx")})
    pdf = make_pdf(["Regulatory impact assessment"])
    client.post(
        f"/staff/hearings/{hearing.id}/attachments", data={"title": "RIA", "file": (io.BytesIO(pdf), "ria.pdf")}
    )
    db_session.refresh(hearing)
    draft_url = f"/hearings/{hearing.id}/rounds/2/file"
    attachment_url = f"/hearings/{hearing.id}/attachments/{hearing.attachments[0].id}"
    with client.get(draft_url) as response:  # closing the response closes the file it streams
        assert response.get_data() == docx
    client.post("/logout")
    login(client, people.staff_b)
    assert client.get(draft_url).status_code == 404
    assert client.get(attachment_url).status_code == 404
    client.post("/logout")
    hearing.published_at = utcnow()
    db_session.commit()
    with client.get(attachment_url) as response:
        assert response.status_code == 200 and response.get_data() == pdf
        assert response.mimetype == "application/pdf"


def test_drafts_are_offered_to_the_indexer_as_laws(people: People, db_session: Session) -> None:
    hearing = make_hearing(db_session, people.agency_a, title="ร่างสำหรับดัชนี")
    make_hearing(db_session, people.agency_a, title="ร่างที่ยังไม่เผยแพร่", published=False)
    laws = [law for law in services.draft_laws(db_session) if law.title in ("ร่างสำหรับดัชนี", "ร่างที่ยังไม่เผยแพร่")]
    assert [law.sysid for law in laws] == [f"draft-{hearing.id}"]
    assert laws[0].groups == ("draft",) and [s.number for s in laws[0].sections] == ["1", "2", "3"]
    assert services.hearing_id_of_sysid(laws[0].sysid) == hearing.id
    assert services.hearing_id_of_sysid("443287") is None


def test_a_comment_may_carry_one_pdf(app: Flask, client: FlaskClient, people: People, db_session: Session) -> None:
    hearing = make_hearing(db_session, people.agency_a)
    upload_dir = Path(app.config["UPLOAD_DIR"])
    pdf = make_pdf(["Our position paper"])
    with smtp_server() as (port, _inbox):
        app.config.update(MAIL_PORT=port)
        refused = client.post(
            f"/hearings/{hearing.id}/comments",
            data={**comment_form("k-bad-pdf"), "attachment": (io.BytesIO(make_docx("x")), "paper.pdf")},
        )
        assert refused.status_code == 400
        assert db_session.scalar(select(func.count()).where(Comment.idempotency_key == "k-bad-pdf")) == 0
        assert not upload_dir.exists() or not any(upload_dir.rglob("*.pdf"))
        accepted = client.post(
            f"/hearings/{hearing.id}/comments",
            data={**comment_form("k-pdf"), "attachment": (io.BytesIO(pdf), "paper.pdf")},
        )
        assert accepted.status_code == 201
    comment = db_session.scalar(select(Comment).where(Comment.idempotency_key == "k-pdf"))
    assert comment is not None and comment.attachment_filename == "paper.pdf"
    url = f"/hearings/{hearing.id}/comments/{comment.id}/attachment"
    assert client.get(url).status_code == 404  # not public before moderation
    comment.status = "approved"
    db_session.commit()
    with client.get(url) as response:
        assert response.status_code == 200 and response.get_data() == pdf


def test_mail_failure_removes_the_comment_pdf_too(
    app: Flask, client: FlaskClient, people: People, db_session: Session
) -> None:
    from tests.lawportal.test_hearings_support import free_port

    hearing = make_hearing(db_session, people.agency_a)
    app.config.update(MAIL_PORT=free_port())
    response = client.post(
        f"/hearings/{hearing.id}/comments",
        data={**comment_form("k-pdf-crash"), "attachment": (io.BytesIO(make_pdf(["x"])), "x.pdf")},
    )
    assert response.status_code == 503
    upload_dir = Path(app.config["UPLOAD_DIR"])
    assert not upload_dir.exists() or not any(upload_dir.rglob("*.pdf"))


def test_migrations_match_the_models(engine: Engine) -> None:
    """The hearing and account tables created by Alembic are the ones the models describe."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from lawportal.db import Base

    mine = {
        "agencies",
        "users",
        "hearings",
        "draft_rounds",
        "draft_sections",
        "hearing_attachments",
        "hearing_questions",
        "hearing_comments",
        "hearing_answers",
        "hearing_responses",
        "hearing_audit",
    }
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), Base.metadata)

    def table_of(diff: object) -> str | None:
        item = diff[0] if isinstance(diff, list) else diff
        for part in item[1:] if isinstance(item, tuple) else ():
            name = getattr(part, "name", None) if not isinstance(part, str) else None
            table = getattr(part, "table", None)
            if table is not None:
                return str(table.name)
            if name in mine:
                return str(name)
            if isinstance(part, str) and part in mine:
                return part
        return None

    assert [d for d in differences if table_of(d) in mine] == []


def test_redline_against_the_act_in_force(client: FlaskClient, people: People, db_session: Session) -> None:
    from lawportal.models import Law, Section

    db_session.add(
        Law(
            sysid="test-act",
            title="พระราชบัญญัติทดสอบ",
            law_type="พระราชบัญญัติ",
            content_hash="x",
            sections=[
                Section(
                    id="test-act/3",
                    number="3",
                    label="มาตรา ๓",
                    position=1,
                    text="ผู้ใดประสงค์จะประกอบกิจการทดสอบต้องแจ้งต่อนายทะเบียน",
                )
            ],
        )
    )
    db_session.commit()
    hearing = make_hearing(db_session, people.agency_a)
    hearing.amends_sysid = "test-act"
    db_session.commit()
    html = client.get(f"/hearings/{hearing.id}/redline?against=law").get_data(as_text=True)
    assert "<del>" in html and "นายทะเบียน" in html and "<ins>" in html and "อธิบดี" in html
    assert "เพิ่มใหม่" in html  # sections 1 and 2 are not in the act
    other = make_hearing(db_session, people.agency_a, title="ร่างที่ไม่ได้แก้กฎหมายใด")
    assert client.get(f"/hearings/{other.id}/redline?against=law").status_code == 404


def test_comments_on_a_section_removed_by_a_later_round_are_kept(
    client: FlaskClient, people: People, db_session: Session
) -> None:
    hearing = make_hearing(db_session, people.agency_a)
    db_session.add(make_comment(hearing, "removed-1", text="ไม่ควรมีใบอนุญาตเลย", stance="disagree", section="3"))
    db_session.commit()
    login(client, people.staff_a)
    without_3 = DRAFT_TEXT.split("มาตรา ๓")[0]
    response = client.post(
        f"/staff/hearings/{hearing.id}/draft", data={"file": (io.BytesIO(without_3.encode()), "v2.txt")}
    )
    assert response.status_code == 302
    page = client.get(f"/hearings/{hearing.id}").get_data(as_text=True)
    assert page.index("ไม่ควรมีใบอนุญาตเลย") > page.index('id="removed-sections"')
    report = services.build_report(db_session, hearing)
    removed = next(f for f in report.figures if f.number == "3")
    assert (removed.label, removed.disagree) == ("มาตรา ๓", 1)
    assert "ไม่ควรมีใบอนุญาตเลย" in services.report_csv(report)


def test_the_privacy_notice_is_a_page_of_its_own_with_a_title(client: FlaskClient) -> None:
    html = client.get("/hearings/privacy").get_data(as_text=True)
    assert re.search(r'<h1 id="privacy-title">ประกาศความเป็นส่วนตัว</h1>', html)
