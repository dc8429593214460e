"""Thin views over ``services``: the public pages, the agency's pages, moderation, report, feeds."""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from lawportal.auth.services import can_manage, can_moderate, list_agencies
from lawportal.auth.views import roles_required
from lawportal.db import get_session
from lawportal.extensions import limiter
from lawportal.hearings import bp, charts, feeds, services
from lawportal.hearings.mail import MailError, send_mail
from lawportal.i18n import format_local_date
from lawportal.models import Comment, Hearing, User
from lawportal.models.hearing import HEARING_KINDS, QUESTION_KINDS

UPLOAD_SLACK_BYTES = 1024 * 1024  # room for the form fields around the largest accepted file


@bp.record_once
def _limit_request_size(state: Any) -> None:
    """Werkzeug refuses (413) bodies far beyond the largest upload before reading them."""
    config = state.app.config
    config.setdefault("MAX_CONTENT_LENGTH", int(config["MAX_UPLOAD_BYTES"]) + UPLOAD_SLACK_BYTES)


@bp.app_template_filter("bkk")
def bangkok_time(moment: datetime | None) -> str:
    """A moment as Bangkok wall time (stored times are UTC), in the reader's calendar: พ.ศ. with Thai
    month names in Thai, the Common Era in English, as every other date of the site."""
    return format_local_date(services.to_bangkok(moment), with_time=True) if moment else ""


@bp.app_context_processor
def _hearing_labels() -> dict[str, Any]:
    return {"hearing_labels": labels()}


def labels() -> dict[str, dict[str, str]]:
    """Translated names of kinds, statuses and stances, for templates."""
    return {
        "kind": {
            "primary": _("ร่างพระราชบัญญัติ"),
            "subordinate": _("ร่างกฎหมายลำดับรอง"),
            "evaluation": _("ประเมินผลสัมฤทธิ์ของกฎหมาย"),
        },
        "status": {
            "unpublished": _("ยังไม่เผยแพร่"),
            "upcoming": _("กำลังจะเปิด"),
            "open": _("เปิดรับฟัง"),
            "closed": _("ปิดรับฟังแล้ว"),
            "reported": _("เผยแพร่รายงานแล้ว"),
        },
        "stance": {"agree": _("เห็นด้วย"), "disagree": _("ไม่เห็นด้วย"), "suggest": _("มีข้อเสนอแนะ")},
        "comment_status": {
            "unconfirmed": _("รอยืนยันอีเมล"),
            "pending": _("รอตรวจ"),
            "approved": _("เผยแพร่แล้ว"),
            "rejected": _("ไม่เผยแพร่"),
            "duplicate": _("ซ้ำ"),
        },
        "question_kind": {
            "yesno": _("ใช่/ไม่ใช่"),
            "single": _("เลือกหนึ่งข้อ"),
            "multiple": _("เลือกได้หลายข้อ"),
            "text": _("ข้อความ"),
        },
    }


def _viewer() -> User | None:
    return current_user if current_user.is_authenticated else None


def _staff_user() -> User:
    user: User = current_user
    return user


def _upload_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"])


def _read_upload(name: str) -> tuple[str, bytes]:
    """The uploaded file, read no further than one byte past the limit."""
    upload = request.files.get(name)
    if upload is None or not upload.filename:
        raise services.HearingError(_("โปรดเลือกไฟล์"), field=name)
    data = upload.stream.read(int(current_app.config["MAX_UPLOAD_BYTES"]) + 1)
    return upload.filename, data


# --- public ------------------------------------------------------------------------------------


@bp.get("/hearings")
def listing() -> str:
    filters = services.ListingFilters(
        status=request.args.get("status") if request.args.get("status") in services.PUBLIC_STATUSES else None,
        agency=request.args.get("agency") or None,
        kind=request.args.get("kind") if request.args.get("kind") in HEARING_KINDS else None,
        closing_soon=request.args.get("closing_soon") == "1",
    )
    session = get_session()
    return render_template(
        "hearings/list.html",
        items=services.list_public(session, filters),
        filters=filters,
        agencies=list_agencies(session),
        kinds=HEARING_KINDS,
        statuses=services.PUBLIC_STATUSES,
    )


@bp.get("/hearings/feed.atom")
def atom_feed() -> Response:
    items = services.list_public(get_session(), services.ListingFilters())
    body = feeds.atom(
        items,
        url_for("hearings.listing", _external=True),
        _("การรับฟังความคิดเห็นร่างกฎหมาย"),
        lambda h: url_for("hearings.show", hearing_id=h.id, _external=True),
    )
    return Response(body, mimetype="application/atom+xml")


@bp.get("/hearings/closing.ics")
def calendar() -> Response:
    items = services.list_public(get_session(), services.ListingFilters())
    body = feeds.icalendar(
        items, _("ปิดรับฟัง: %(title)s", title="%s"), lambda h: url_for("hearings.show", hearing_id=h.id, _external=True)
    )
    return Response(body, mimetype="text/calendar")


def _render_hearing(hearing: Hearing, status: int = 200, form: dict[str, Any] | None = None) -> ResponseReturnValue:
    session = get_session()
    page = services.hearing_page(session, hearing)
    form = form or {"section_number": request.args.get("section", "")}
    form.setdefault("idempotency_key", uuid.uuid4().hex)
    return render_template(
        "hearings/hearing.html",
        page=page,
        form=form,
        can_manage=can_manage(_viewer(), hearing),
    ), status


@bp.get("/hearings/<int:hearing_id>")
def show(hearing_id: int) -> ResponseReturnValue:
    try:
        hearing = services.get_visible(get_session(), hearing_id, _viewer())
    except services.NotFound:
        abort(404)
    return _render_hearing(hearing)


@bp.post("/hearings/<int:hearing_id>/comments")
@limiter.limit("10 per minute;200 per day", methods=["POST"])
def comment(hearing_id: int) -> ResponseReturnValue:
    session = get_session()
    try:
        hearing = services.get_visible(session, hearing_id, _viewer())
    except services.NotFound:
        abort(404)
    if hearing.published_at is None:
        abort(404)
    form = request.form
    answers = {}
    for question in hearing.questions:
        answers[question.id] = form.getlist(f"q{question.id}")
    data = services.CommentInput(
        idempotency_key=form.get("idempotency_key", ""),
        stance=form.get("stance", ""),
        text=form.get("text", ""),
        display_name=form.get("display_name", ""),
        email=form.get("email") or None,
        section_number=form.get("section_number") or None,
        privacy_accepted=form.get("privacy") == "1",
        answers=answers,
    )

    def notify(comment: Comment) -> None:
        link = url_for("hearings.confirm", token=comment.confirm_token, _external=True)
        body = _(
            'ขอบคุณที่แสดงความคิดเห็นต่อ "%(title)s"\nโปรดยืนยันอีเมลโดยเปิดลิงก์นี้:\n%(link)s\n\n'
            "หากคุณไม่ได้ส่งความคิดเห็นนี้ โปรดละเว้นอีเมลฉบับนี้",
            title=hearing.title,
            link=link,
        )
        send_mail(current_app.config, comment.email or "", _("ยืนยันความคิดเห็นของคุณ"), body)

    upload = request.files.get("attachment")
    attachment = None
    if upload is not None and upload.filename:
        attachment = services.CommentAttachment(
            upload.filename,
            upload.stream.read(int(current_app.config["MAX_UPLOAD_BYTES"]) + 1),
            _upload_dir(),
            int(current_app.config["MAX_UPLOAD_BYTES"]),
        )
    try:
        result = services.submit_comment(session, hearing, data, _viewer(), notify=notify, attachment=attachment)
    except services.HearingError as exc:
        flash(str(exc.message), "error")
        return _render_hearing(hearing, 400, dict(form.items()))
    except MailError:
        flash(_("ส่งอีเมลยืนยันไม่สำเร็จ ความคิดเห็นยังไม่ถูกบันทึก โปรดลองส่งอีกครั้ง"), "error")
        return _render_hearing(hearing, 503, dict(form.items()))
    return render_template("hearings/submitted.html", hearing=hearing, result=result), 201 if result.is_new else 200


@bp.get("/hearings/comments/confirm/<token>")
def confirm(token: str) -> ResponseReturnValue:
    session = get_session()
    try:
        comment = services.confirm_comment(session, token)
    except services.NotFound:
        abort(404, description=_("ลิงก์ยืนยันไม่ถูกต้องหรือหมดอายุ"))
    session.commit()
    hearing = session.get(Hearing, comment.hearing_id)
    return render_template("hearings/confirmed.html", comment=comment, hearing=hearing)


def _send_stored(hearing: Hearing, stored_name: str, filename: str, mimetype: str) -> Response:
    if not stored_name:
        abort(404)  # demo drafts have no file
    folder = _upload_dir() / str(hearing.id)
    return send_from_directory(folder, stored_name, mimetype=mimetype, as_attachment=True, download_name=filename)


@bp.get("/hearings/<int:hearing_id>/rounds/<int:number>/file")
def draft_file(hearing_id: int, number: int) -> Response:
    """The draft as the agency uploaded it."""
    try:
        hearing = services.get_visible(get_session(), hearing_id, _viewer())
    except services.NotFound:
        abort(404)
    draft = next((r for r in hearing.rounds if r.number == number), None)
    if draft is None:
        abort(404)
    return _send_stored(hearing, draft.stored_name, draft.filename, draft.media_type.split(";")[0])


@bp.get("/hearings/<int:hearing_id>/attachments/<int:attachment_id>")
def attachment_file(hearing_id: int, attachment_id: int) -> Response:
    """A supporting document (PDF)."""
    try:
        hearing = services.get_visible(get_session(), hearing_id, _viewer())
    except services.NotFound:
        abort(404)
    attachment = next((a for a in hearing.attachments if a.id == attachment_id), None)
    if attachment is None:
        abort(404)
    return _send_stored(hearing, attachment.stored_name, attachment.filename, "application/pdf")


@bp.get("/hearings/<int:hearing_id>/comments/<int:comment_id>/attachment")
def comment_attachment(hearing_id: int, comment_id: int) -> Response:
    """A reader's PDF: public once the comment is, and for those who may moderate before that."""
    session = get_session()
    comment = session.get(Comment, comment_id)
    hearing = session.get(Hearing, hearing_id)
    if comment is None or hearing is None or comment.hearing_id != hearing.id or not comment.attachment_stored_name:
        abort(404)
    public = comment.status == "approved" and hearing.published_at is not None
    if not public and not can_moderate(_viewer(), hearing):
        abort(404)
    return _send_stored(
        hearing, comment.attachment_stored_name, comment.attachment_filename or "attachment.pdf", "application/pdf"
    )


@bp.get("/hearings/privacy")
def privacy() -> str:
    return render_template("hearings/privacy_page.html")


def _visible_report(hearing_id: int) -> services.Report:
    session = get_session()
    hearing = session.get(Hearing, hearing_id)
    if hearing is None or (hearing.report_published_at is None and not can_manage(_viewer(), hearing)):
        abort(404)
    return services.build_report(session, hearing)


@bp.get("/hearings/<int:hearing_id>/report")
def report(hearing_id: int) -> str:
    built = _visible_report(hearing_id)
    stance = labels()["stance"]
    chart = charts.stance_chart(
        built.figures, _("ความคิดเห็นรายมาตรา"), (stance["agree"], stance["disagree"], stance["suggest"])
    )
    question_charts = {q.question.id: charts.question_chart(q) for q in built.questions if q.question.kind != "text"}
    return render_template(
        "hearings/report.html",
        report=built,
        chart=chart,
        question_charts=question_charts,
        printable=request.args.get("print") == "1",
    )


@bp.get("/hearings/<int:hearing_id>/report.json")
def report_json(hearing_id: int) -> dict[str, Any]:
    """The report's data for programs: the same service call as the page."""
    return services.report_record(_visible_report(hearing_id))


@bp.get("/hearings/<int:hearing_id>/report.csv")
def report_csv(hearing_id: int) -> Response:
    body = services.report_csv(_visible_report(hearing_id))
    return Response(
        "\ufeff" + body,  # a BOM so spreadsheet programs read the Thai text as UTF-8
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename=hearing-{hearing_id}-report.csv"},
    )


@bp.get("/hearings/<int:hearing_id>/redline")
def redline(hearing_id: int) -> str:
    session = get_session()
    try:
        hearing = services.get_visible(session, hearing_id, _viewer())
    except services.NotFound:
        abort(404)
    numbers = [r.number for r in hearing.rounds]
    against_law = request.args.get("against") == "law"
    if against_law:
        changes = services.law_redline(session, hearing)
        if changes is None:
            abort(404)
        old, new = None, None
    else:
        if len(numbers) < 2:
            abort(404)
        old = request.args.get("from", numbers[-2], type=int)
        new = request.args.get("to", numbers[-1], type=int)
        try:
            changes = services.round_redline(hearing, old, new)
        except services.NotFound:
            abort(404)
    return render_template(
        "hearings/redline.html", hearing=hearing, changes=changes, old=old, new=new, against_law=against_law
    )


# --- agency staff ------------------------------------------------------------------------------


@bp.get("/staff/hearings")
@roles_required("staff", "moderator", "admin")
def staff_home() -> str:
    session = get_session()
    return render_template("hearings/staff_home.html", hearings=services.hearings_for_staff(session, _staff_user()))


def _hearing_form_values() -> dict[str, str]:
    return {
        key: request.form.get(key, "")
        for key in (
            "title",
            "kind",
            "summary",
            "starts_at",
            "ends_at",
            "amends_sysid",
            "short_period_reason",
            "agency_id",
            "publish_at_once",
        )
    }


@bp.route("/staff/hearings/new", methods=["GET", "POST"])
@roles_required("staff", "admin")
def new_hearing() -> ResponseReturnValue:
    session = get_session()
    if request.method == "GET":
        return render_template("hearings/new.html", form={}, kinds=HEARING_KINDS, agencies=list_agencies(session))
    values = _hearing_form_values()
    try:
        data = services.HearingInput(
            title=values["title"],
            kind=values["kind"],
            summary=values["summary"],
            starts_at=services.parse_local_datetime(values["starts_at"], "starts_at"),
            ends_at=services.parse_local_datetime(values["ends_at"], "ends_at"),
            amends_sysid=values["amends_sysid"] or None,
            short_period_reason=values["short_period_reason"],
            publish_at_once=values["publish_at_once"] == "1",
            agency_id=int(values["agency_id"]) if values["agency_id"].isdigit() else None,
        )
        hearing = services.create_hearing(session, _staff_user(), data)
        session.commit()
    except services.HearingError as exc:
        session.rollback()
        flash(str(exc.message), "error")
        return render_template(
            "hearings/new.html",
            form=values,
            kinds=HEARING_KINDS,
            error_field=exc.field,
            agencies=list_agencies(session),
        ), 400
    flash(_("สร้างการรับฟังแล้ว ขั้นต่อไป: อัปโหลดร่าง"), "success")
    return redirect(url_for("hearings.manage", hearing_id=hearing.id))


def _managed(hearing_id: int) -> Hearing:
    try:
        return services.get_manageable(get_session(), hearing_id, _staff_user())
    except services.NotFound:
        abort(404)


def _render_manage(hearing: Hearing, status: int = 200) -> ResponseReturnValue:
    session = get_session()
    return render_template(
        "hearings/manage.html",
        hearing=hearing,
        status=hearing.status(),
        comments=services.all_comments(session, hearing),
        audit=services.audit_log(session, hearing),
        question_kinds=QUESTION_KINDS,
    ), status


@bp.get("/staff/hearings/<int:hearing_id>")
@roles_required("staff", "admin")
def manage(hearing_id: int) -> ResponseReturnValue:
    return _render_manage(_managed(hearing_id))


def _staff_action(hearing_id: int, action: Any) -> ResponseReturnValue:
    """Run ``action(session, hearing)``; a refusal re-renders the page with its message and a 400."""
    hearing = _managed(hearing_id)
    session = get_session()
    try:
        message = action(session, hearing)
        session.commit()
    except services.HearingError as exc:
        session.rollback()
        flash(str(exc.message), "error")
        return _render_manage(session.get(Hearing, hearing_id) or hearing, 400)
    if message:
        flash(message, "success")
    return redirect(url_for("hearings.manage", hearing_id=hearing_id))


@bp.post("/staff/hearings/<int:hearing_id>/draft")
@roles_required("staff", "admin")
def upload_draft(hearing_id: int) -> ResponseReturnValue:
    def action(session: Any, hearing: Hearing) -> str:
        filename, data = _read_upload("file")
        draft = services.add_round(
            session,
            hearing,
            _staff_user(),
            filename,
            data,
            upload_dir=_upload_dir(),
            max_bytes=int(current_app.config["MAX_UPLOAD_BYTES"]),
        )
        return _("อ่านร่างได้ %(count)d มาตรา โปรดตรวจก่อนเผยแพร่", count=len(draft.sections))

    return _staff_action(hearing_id, action)


@bp.post("/staff/hearings/<int:hearing_id>/attachments")
@roles_required("staff", "admin")
def upload_attachment(hearing_id: int) -> ResponseReturnValue:
    def action(session: Any, hearing: Hearing) -> str:
        filename, data = _read_upload("file")
        services.add_attachment(
            session,
            hearing,
            _staff_user(),
            request.form.get("title", ""),
            filename,
            data,
            upload_dir=_upload_dir(),
            max_bytes=int(current_app.config["MAX_UPLOAD_BYTES"]),
        )
        return _("แนบเอกสารแล้ว")

    return _staff_action(hearing_id, action)


@bp.post("/staff/hearings/<int:hearing_id>/questions")
@roles_required("staff", "admin")
def add_question(hearing_id: int) -> ResponseReturnValue:
    def action(session: Any, hearing: Hearing) -> str:
        services.add_question(
            session,
            hearing,
            _staff_user(),
            request.form.get("kind", ""),
            request.form.get("prompt", ""),
            request.form.get("options", "").splitlines(),
        )
        return _("เพิ่มคำถามแล้ว")

    return _staff_action(hearing_id, action)


@bp.post("/staff/hearings/<int:hearing_id>/publish")
@roles_required("staff", "admin")
def publish(hearing_id: int) -> ResponseReturnValue:
    def action(session: Any, hearing: Hearing) -> str:
        services.publish(session, hearing, _staff_user())
        return _("เผยแพร่การรับฟังแล้ว")

    return _staff_action(hearing_id, action)


@bp.post("/staff/hearings/<int:hearing_id>/close")
@roles_required("staff", "admin")
def close(hearing_id: int) -> ResponseReturnValue:
    def action(session: Any, hearing: Hearing) -> str:
        services.close_now(session, hearing, _staff_user())
        return _("ปิดรับฟังแล้ว")

    return _staff_action(hearing_id, action)


@bp.post("/staff/hearings/<int:hearing_id>/responses")
@roles_required("staff", "admin")
def add_response(hearing_id: int) -> ResponseReturnValue:
    def action(session: Any, hearing: Hearing) -> str:
        services.add_response(
            session,
            hearing,
            _staff_user(),
            section_number=request.form.get("section_number") or None,
            issue=request.form.get("issue", ""),
            answer=request.form.get("answer", ""),
            draft_changed=request.form.get("draft_changed") == "1",
        )
        return _("บันทึกคำชี้แจงแล้ว")

    return _staff_action(hearing_id, action)


@bp.post("/staff/hearings/<int:hearing_id>/report")
@roles_required("staff", "admin")
def publish_report(hearing_id: int) -> ResponseReturnValue:
    def action(session: Any, hearing: Hearing) -> str:
        services.publish_report(session, hearing, _staff_user(), request.form.get("changes", ""))
        return _("เผยแพร่รายงานผลการรับฟังแล้ว")

    return _staff_action(hearing_id, action)


# --- moderation and the admin dashboard --------------------------------------------------------


@bp.get("/moderation")
@roles_required("staff", "moderator", "admin")
def moderation() -> str:
    return render_template("hearings/moderation.html", queue=services.moderation_queue(get_session(), _staff_user()))


@bp.post("/moderation/<int:comment_id>")
@roles_required("staff", "moderator", "admin")
def moderate(comment_id: int) -> ResponseReturnValue:
    session = get_session()
    duplicate_of = request.form.get("duplicate_of", "")
    try:
        services.moderate(
            session,
            comment_id,
            _staff_user(),
            request.form.get("action", ""),
            reason=request.form.get("reason", ""),
            duplicate_of=int(duplicate_of) if duplicate_of.isdigit() else None,
        )
        session.commit()
    except services.NotFound:
        abort(404)
    except services.HearingError as exc:
        session.rollback()
        flash(str(exc.message), "error")
        return render_template("hearings/moderation.html", queue=services.moderation_queue(session, _staff_user())), 400
    flash(_("บันทึกผลการตรวจแล้ว"), "success")
    return redirect(url_for("hearings.moderation"))


@bp.get("/admin")
@roles_required("admin")
def dashboard() -> str:
    return render_template("hearings/dashboard.html", overdue=services.overdue_reports(get_session()))
