"""Hearings without Flask: every rule of the hearing's life, taking a Session and plain values.

Views parse the request into the input dataclasses here and render what comes back. Messages in
``HearingError`` are lazy translations, so they show in the reader's language when rendered.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import secrets
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import nh3
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from corpus.extract import ExtractedDocument, UploadRejected, check_pdf, extract_text
from corpus.model import Law as ParsedLaw
from corpus.model import Section as ParsedSection
from lawportal.auth.services import can_manage, can_moderate
from lawportal.hearings.drafts import SectionChange, redline, split_sections
from lawportal.models import (
    Agency,
    AgencyResponse,
    Answer,
    Attachment,
    AuditEntry,
    Comment,
    DraftRound,
    DraftSection,
    Hearing,
    Law,
    Question,
    User,
)
from lawportal.models.hearing import HEARING_KINDS, QUESTION_KINDS, STANCES, utcnow

BANGKOK = ZoneInfo("Asia/Bangkok")
MIN_PERIOD = timedelta(days=15)
REPORT_OVERDUE_AFTER = timedelta(days=15)
CLOSING_SOON = timedelta(days=7)
MAX_COMMENT_CHARS = 10_000
MAX_NAME_CHARS = 120
PUBLIC_STATUSES = ("open", "upcoming", "closed", "reported")


class HearingError(ValueError):
    """A request the rules refuse; ``message`` is shown to the person who made it."""

    def __init__(self, message: Any, field: str = "") -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


class NotFound(LookupError):
    """No such hearing, or none this person may see (the two are not told apart)."""


UPLOAD_MESSAGES = {
    "empty": _l("ไฟล์ว่างเปล่า"),
    "too_large": _l("ไฟล์ใหญ่เกินขนาดที่รับได้"),
    "wrong_type": _l("รับเฉพาะไฟล์ DOCX, PDF หรือข้อความธรรมดา (UTF-8)"),
    "corrupt": _l("ไฟล์เสียหรืออ่านไม่ได้"),
    "zip_bomb": _l("ไฟล์ DOCX ขยายตัวผิดปกติ จึงไม่รับไว้"),
    "no_text": _l("ไม่พบข้อความในไฟล์ (อาจเป็นภาพสแกน)"),
    "no_sections": _l("ไม่พบมาตราหรือข้อในร่าง: แต่ละมาตราต้องขึ้นต้นบรรทัดด้วย 'มาตรา' หรือ 'ข้อ' และเลข"),
}


def upload_error(exc: UploadRejected) -> HearingError:
    return HearingError(UPLOAD_MESSAGES.get(exc.reason, UPLOAD_MESSAGES["corrupt"]), field="file")


def parse_local_datetime(value: str, field_name: str) -> datetime:
    """A ``datetime-local`` form value, read as Bangkok time."""
    try:
        naive = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise HearingError(_l("วันเวลาไม่ถูกต้อง"), field=field_name) from exc
    if naive.tzinfo is not None:
        return naive
    return naive.replace(tzinfo=BANGKOK)


def to_bangkok(moment: datetime) -> datetime:
    return moment.astimezone(BANGKOK)


# --- creating a hearing ------------------------------------------------------------------------


@dataclass(frozen=True)
class HearingInput:
    """The hearing form, parsed."""

    title: str
    kind: str
    summary: str
    starts_at: datetime
    ends_at: datetime
    amends_sysid: str | None = None
    short_period_reason: str = ""
    publish_at_once: bool = False
    agency_id: int | None = None  # admins choose; staff always get their own agency


def check_period(starts_at: datetime, ends_at: datetime, short_period_reason: str) -> None:
    """End after start; under 15 days only with a written reason."""
    if ends_at <= starts_at:
        raise HearingError(_l("วันสิ้นสุดต้องอยู่หลังวันเริ่มรับฟัง"), field="ends_at")
    if ends_at - starts_at < MIN_PERIOD and not short_period_reason.strip():
        raise HearingError(_l("ระยะเวลารับฟังน้อยกว่า 15 วัน: โปรดระบุเหตุผลเพื่อดำเนินการต่อ"), field="short_period_reason")


def create_hearing(session: Session, actor: User, data: HearingInput) -> Hearing:
    """A new, unpublished hearing of the actor's agency."""
    if actor.role == "staff":
        agency_id = actor.agency_id
    elif actor.role == "admin":
        agency_id = data.agency_id
    else:
        raise HearingError(_l("เฉพาะเจ้าหน้าที่ของหน่วยงานสร้างการรับฟังได้"))
    if agency_id is None or session.get(Agency, agency_id) is None:
        raise HearingError(_l("โปรดเลือกหน่วยงาน"), field="agency_id")
    if not data.title.strip():
        raise HearingError(_l("โปรดระบุชื่อเรื่อง"), field="title")
    if data.kind not in HEARING_KINDS:
        raise HearingError(_l("ประเภทการรับฟังไม่ถูกต้อง"), field="kind")
    check_period(data.starts_at, data.ends_at, data.short_period_reason)
    amends = (data.amends_sysid or "").strip() or None
    if amends is not None and session.get(Law, amends) is None:
        raise HearingError(_l("ไม่พบกฎหมายที่ร่างนี้แก้ไข (sysid)"), field="amends_sysid")
    hearing = Hearing(
        agency_id=agency_id,
        title=data.title.strip(),
        kind=data.kind,
        summary=data.summary.strip(),
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        amends_sysid=amends,
        short_period_reason=data.short_period_reason.strip(),
        publish_at_once=data.publish_at_once,
        created_by_id=actor.id,
    )
    session.add(hearing)
    session.flush()
    audit(session, actor, "create", hearing=hearing)
    return hearing


def audit(
    session: Session,
    actor: User | None,
    action: str,
    *,
    hearing: Hearing | None = None,
    comment: Comment | None = None,
    detail: str = "",
) -> None:
    session.add(
        AuditEntry(
            actor_id=actor.id if actor else None,
            action=action,
            hearing_id=hearing.id if hearing else (comment.hearing_id if comment else None),
            comment_id=comment.id if comment else None,
            detail=detail,
        )
    )


def get_manageable(session: Session, hearing_id: int, actor: User | None) -> Hearing:
    """The hearing if ``actor`` may manage it; staff of another agency get ``NotFound``."""
    hearing = session.get(Hearing, hearing_id)
    if hearing is None or not can_manage(actor, hearing):
        raise NotFound(hearing_id)
    return hearing


def get_visible(session: Session, hearing_id: int, viewer: User | None) -> Hearing:
    """Published hearings for everyone; unpublished ones only for those who may manage them."""
    hearing = session.get(Hearing, hearing_id)
    if hearing is None or (hearing.published_at is None and not can_manage(viewer, hearing)):
        raise NotFound(hearing_id)
    return hearing


def hearings_for_staff(session: Session, actor: User) -> list[Hearing]:
    query = select(Hearing).order_by(Hearing.created_at.desc())
    if actor.role == "staff":
        query = query.where(Hearing.agency_id == actor.agency_id)
    elif actor.role != "admin":
        query = query.where(Hearing.published_at.is_not(None))
    return list(session.scalars(query))


# --- drafts, attachments, questions ------------------------------------------------------------


def _store_file(upload_dir: Path, hearing_id: int, data: bytes, suffix: str) -> tuple[str, Path]:
    folder = upload_dir / str(hearing_id)
    folder.mkdir(parents=True, exist_ok=True)
    stored_name = f"{uuid.uuid4().hex}.{suffix}"
    path = folder / stored_name
    path.write_bytes(data)
    return stored_name, path


def add_round(
    session: Session,
    hearing: Hearing,
    actor: User,
    filename: str,
    data: bytes,
    *,
    upload_dir: Path,
    max_bytes: int,
) -> DraftRound:
    """Extract, parse and store a draft version, all or nothing: a refused file leaves no row and no file."""
    if hearing.status() == "reported":
        raise HearingError(_l("รายงานผลเผยแพร่แล้ว จึงแก้ร่างไม่ได้"))
    try:
        document: ExtractedDocument = extract_text(data, max_bytes)
    except UploadRejected as exc:
        raise upload_error(exc) from exc
    sections = split_sections(hearing.title, document.text)
    if not [s for s in sections if s.number != "0"]:
        raise HearingError(UPLOAD_MESSAGES["no_sections"], field="file")
    number = (hearing.current_round.number + 1) if hearing.current_round else 1
    stored_name, path = _store_file(upload_dir, hearing.id, data, document.kind)
    try:
        draft = DraftRound(
            hearing_id=hearing.id,
            number=number,
            filename=Path(filename or f"draft.{document.kind}").name[:200],
            media_type=document.media_type,
            stored_name=stored_name,
            sha256=hashlib.sha256(data).hexdigest(),
            text=document.text,
            sections=[
                DraftSection(position=i, number=s.number, label=s.label, text=s.text) for i, s in enumerate(sections)
            ],
        )
        session.add(draft)
        session.flush()
        audit(session, actor, "upload_round", hearing=hearing, detail=f"round {number}: {draft.filename}")
        session.commit()
    except BaseException:
        session.rollback()
        path.unlink(missing_ok=True)
        raise
    session.refresh(hearing)
    return draft


def add_attachment(
    session: Session,
    hearing: Hearing,
    actor: User,
    title: str,
    filename: str,
    data: bytes,
    *,
    upload_dir: Path,
    max_bytes: int,
) -> Attachment:
    """A supporting PDF (explanatory note, impact assessment), checked by content."""
    try:
        check_pdf(data, max_bytes)
    except UploadRejected as exc:
        raise upload_error(exc) from exc
    stored_name, path = _store_file(upload_dir, hearing.id, data, "pdf")
    try:
        attachment = Attachment(
            hearing_id=hearing.id,
            title=title.strip() or Path(filename).name,
            filename=Path(filename or "attachment.pdf").name[:200],
            stored_name=stored_name,
            size=len(data),
        )
        session.add(attachment)
        session.flush()
        audit(session, actor, "attach", hearing=hearing, detail=attachment.filename)
        session.commit()
    except BaseException:
        session.rollback()
        path.unlink(missing_ok=True)
        raise
    return attachment


def add_question(
    session: Session, hearing: Hearing, actor: User, kind: str, prompt: str, options: list[str]
) -> Question:
    if hearing.published_at is not None:
        raise HearingError(_l("แก้แบบสอบถามหลังเผยแพร่ไม่ได้"))
    if kind not in QUESTION_KINDS:
        raise HearingError(_l("ชนิดคำถามไม่ถูกต้อง"), field="kind")
    if not prompt.strip():
        raise HearingError(_l("โปรดระบุคำถาม"), field="prompt")
    options = [o.strip() for o in options if o.strip()]
    if kind in ("single", "multiple") and len(options) < 2:
        raise HearingError(_l("คำถามแบบเลือกตอบต้องมีอย่างน้อยสองตัวเลือก"), field="options")
    if kind == "yesno":
        options = ["ใช่", "ไม่ใช่"]
    if kind == "text":
        options = []
    question = Question(
        hearing_id=hearing.id, position=len(hearing.questions), kind=kind, prompt=prompt.strip(), options=options
    )
    session.add(question)
    session.flush()
    audit(session, actor, "add_question", hearing=hearing, detail=question.prompt)
    session.refresh(hearing)
    return question


def publish(session: Session, hearing: Hearing, actor: User) -> None:
    if hearing.current_round is None:
        raise HearingError(_l("อัปโหลดร่างก่อนเผยแพร่"))
    if hearing.published_at is not None:
        return
    hearing.published_at = utcnow()
    audit(session, actor, "publish", hearing=hearing)
    session.flush()


# --- the public side ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ListingFilters:
    status: str | None = None
    agency: str | None = None
    kind: str | None = None
    closing_soon: bool = False


@dataclass(frozen=True)
class HearingListItem:
    hearing: Hearing
    status: str
    comment_count: int
    closing_soon: bool


def list_public(session: Session, filters: ListingFilters, now: datetime | None = None) -> list[HearingListItem]:
    """Published hearings with their status and count of public comments."""
    now = now or utcnow()
    query = select(Hearing).join(Agency).where(Hearing.published_at.is_not(None)).order_by(Hearing.ends_at.desc())
    if filters.agency:
        query = query.where(Agency.slug == filters.agency)
    if filters.kind:
        query = query.where(Hearing.kind == filters.kind)
    counts = dict(
        session.execute(
            select(Comment.hearing_id, func.count()).where(Comment.status == "approved").group_by(Comment.hearing_id)
        ).all()
    )
    items = []
    for hearing in session.scalars(query):
        status = hearing.status(now)
        soon = status == "open" and hearing.ends_at - now <= CLOSING_SOON
        if filters.status and status != filters.status:
            continue
        if filters.closing_soon and not soon:
            continue
        items.append(HearingListItem(hearing, status, counts.get(hearing.id, 0), soon))
    return items


@dataclass
class SectionView:
    """A section of the current draft with its public comments and their counts by stance."""

    number: str
    label: str
    text: str
    comments: list[Comment] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


@dataclass
class HearingPage:
    hearing: Hearing
    status: str
    sections: list[SectionView]
    general: SectionView  # comments on the whole draft
    questions: list[Question]
    removed: list[SectionView] = field(default_factory=list)  # sections dropped by a later round


def public_comments(session: Session, hearing: Hearing) -> list[Comment]:
    return list(
        session.scalars(
            select(Comment)
            .where(Comment.hearing_id == hearing.id, Comment.status == "approved")
            .order_by(Comment.created_at, Comment.id)
        )
    )


def hearing_page(session: Session, hearing: Hearing) -> HearingPage:
    """The current draft section by section; comments made on earlier rounds stay on their section, and
    those on a section a later round removed are kept apart under that section's old label."""
    draft = hearing.current_round
    sections = [SectionView(s.number, s.label, s.text) for s in (draft.sections if draft else [])]
    by_number = {s.number: s for s in sections}
    general = SectionView("", "", "")
    removed: dict[str, SectionView] = {}
    old_labels = {s.number: s.label for r in hearing.rounds for s in r.sections}
    for comment in public_comments(session, hearing):
        number = comment.section_number or ""
        if number and number not in by_number:
            target = removed.setdefault(number, SectionView(number, old_labels.get(number, number), ""))
        else:
            target = by_number.get(number, general)
        target.comments.append(comment)
        target.counts[comment.stance] += 1
    return HearingPage(hearing, hearing.status(), sections, general, list(hearing.questions), list(removed.values()))


@dataclass(frozen=True)
class CommentInput:
    """The comment form, parsed. ``answers`` maps question id to the chosen option(s) or text."""

    idempotency_key: str
    stance: str
    text: str
    display_name: str
    email: str | None
    section_number: str | None = None
    privacy_accepted: bool = False
    answers: dict[int, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class SubmissionResult:
    comment: Comment
    is_new: bool  # False when the same form was already submitted (double click)
    needs_confirmation: bool


_DIGIT = "[0-9๐-๙]"
# A Thai national ID: 13 digits, often printed 1-2345-67890-12-3 (Thai or Arabic digits, dashes or spaces).
THAI_ID_RE = re.compile(rf"(?<![0-9๐-๙]){_DIGIT}(?:[\s-]?{_DIGIT}){{12}}(?![0-9๐-๙])")
EMAIL_IN_TEXT_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
REDACTED = "[ปกปิดข้อมูลส่วนบุคคล]"


def redact_personal_data(text: str) -> str:
    """ID numbers and e-mail addresses a reader typed into public text are removed before storing."""
    return EMAIL_IN_TEXT_RE.sub(REDACTED, THAI_ID_RE.sub(REDACTED, text))


def clean_comment_text(text: str) -> str:
    """Plain text only: every HTML tag is stripped (nh3), entities decoded back to characters, and
    ID numbers and e-mail addresses redacted, since the text will be public."""
    import html

    return redact_personal_data(html.unescape(nh3.clean(text, tags=set())).strip())


def _checked_answers(hearing: Hearing, answers: dict[int, list[str]]) -> list[Answer]:
    by_id = {q.id: q for q in hearing.questions}
    checked = []
    for question_id, values in answers.items():
        question = by_id.get(question_id)
        values = [v.strip() for v in values if v.strip()]
        if question is None:
            raise HearingError(_l("คำถามไม่อยู่ในแบบสอบถามนี้"), field="answers")
        if not values:
            continue
        if question.kind == "text":
            checked.append(Answer(question_id=question.id, value=clean_comment_text(values[0])[:MAX_COMMENT_CHARS]))
            continue
        if any(v not in question.options for v in values) or (question.kind != "multiple" and len(values) > 1):
            raise HearingError(_l("คำตอบไม่ตรงกับตัวเลือก"), field="answers")
        checked.append(Answer(question_id=question.id, value=values if question.kind == "multiple" else values[0]))
    return checked


def validate_comment(session: Session, hearing: Hearing, data: CommentInput, user: User | None) -> Comment:
    """A comment object ready to add, or ``HearingError`` naming the first problem."""
    if hearing.status() != "open":
        raise HearingError(_l("การรับฟังนี้ไม่ได้เปิดรับความคิดเห็นในขณะนี้"))
    if not data.idempotency_key or len(data.idempotency_key) > 64:
        raise HearingError(_l("แบบฟอร์มไม่สมบูรณ์ โปรดโหลดหน้าใหม่"), field="idempotency_key")
    if not data.privacy_accepted:
        raise HearingError(_l("โปรดอ่านและยอมรับประกาศความเป็นส่วนตัวก่อนแสดงความคิดเห็น"), field="privacy")
    if data.stance not in STANCES:
        raise HearingError(_l("โปรดเลือกเห็นด้วย ไม่เห็นด้วย หรือมีข้อเสนอแนะ"), field="stance")
    draft = hearing.current_round
    if data.section_number and (draft is None or data.section_number not in {s.number for s in draft.sections}):
        raise HearingError(_l("ไม่พบมาตราที่เลือกในร่างฉบับปัจจุบัน"), field="section_number")
    text = clean_comment_text(data.text)
    if not text:
        raise HearingError(_l("โปรดเขียนความคิดเห็น"), field="text")
    if len(text) > MAX_COMMENT_CHARS:
        raise HearingError(_l("ความคิดเห็นยาวเกินไป"), field="text")
    name = clean_comment_text(data.display_name) or (user.display_name if user else "")
    if not name or len(name) > MAX_NAME_CHARS:
        raise HearingError(_l("โปรดระบุชื่อที่จะแสดง (ใช้นามแฝงได้)"), field="display_name")
    email = (data.email or "").strip().lower() or None
    if user is None:
        from lawportal.auth.services import EMAIL_RE

        if email is None or not EMAIL_RE.match(email):
            raise HearingError(_l("โปรดระบุอีเมลเพื่อยืนยันความคิดเห็น"), field="email")
    confirmed = user is not None
    return Comment(
        hearing_id=hearing.id,
        round_number=draft.number if draft else 1,
        section_number=data.section_number or None,
        stance=data.stance,
        text=text,
        display_name=name,
        email=user.email if user else email,
        user_id=user.id if user else None,
        status=("approved" if hearing.publish_at_once else "pending") if confirmed else "unconfirmed",
        confirm_token=None if confirmed else secrets.token_urlsafe(32),
        confirmed_at=utcnow() if confirmed else None,
        idempotency_key=data.idempotency_key,
        answers=_checked_answers(hearing, data.answers),
    )


@dataclass(frozen=True)
class CommentAttachment:
    """The one PDF a reader may send with a comment, and where uploads are kept."""

    filename: str
    data: bytes
    upload_dir: Path
    max_bytes: int


def submit_comment(
    session: Session,
    hearing: Hearing,
    data: CommentInput,
    user: User | None,
    *,
    notify: Any = None,
    attachment: CommentAttachment | None = None,
) -> SubmissionResult:
    """Store a comment, its answers and its PDF in one transaction, exactly once per form.

    ``notify(comment)`` (the confirmation e-mail) runs before the commit: when it fails nothing is
    stored, the PDF is removed again, and the reader can simply send the form again.
    """
    existing = session.scalar(select(Comment).where(Comment.idempotency_key == data.idempotency_key))
    if existing is not None:
        _same_hearing(existing, hearing)
        return SubmissionResult(existing, False, existing.status == "unconfirmed")
    comment = validate_comment(session, hearing, data, user)
    if attachment is not None:
        try:
            check_pdf(attachment.data, attachment.max_bytes)
        except UploadRejected as exc:
            raise upload_error(exc) from exc
    stored: Path | None = None
    try:
        session.add(comment)
        session.flush()
        if attachment is not None:
            comment.attachment_filename = Path(attachment.filename or "attachment.pdf").name[:200]
            comment.attachment_stored_name, stored = _store_file(
                attachment.upload_dir, hearing.id, attachment.data, "pdf"
            )
            session.flush()
        if notify is not None and comment.status == "unconfirmed":
            notify(comment)
        session.commit()
    except IntegrityError:
        session.rollback()  # the same form landed in a concurrent request first
        if stored is not None:
            stored.unlink(missing_ok=True)
        existing = session.scalar(select(Comment).where(Comment.idempotency_key == data.idempotency_key))
        if existing is None:
            raise
        _same_hearing(existing, hearing)
        return SubmissionResult(existing, False, existing.status == "unconfirmed")
    except BaseException:
        session.rollback()
        if stored is not None:
            stored.unlink(missing_ok=True)
        raise
    return SubmissionResult(comment, True, comment.status == "unconfirmed")


def _same_hearing(comment: Comment, hearing: Hearing) -> None:
    if comment.hearing_id != hearing.id:
        raise HearingError(_l("แบบฟอร์มไม่สมบูรณ์ โปรดโหลดหน้าใหม่"), field="idempotency_key")


def confirm_comment(session: Session, token: str) -> Comment:
    """The e-mail link: an unconfirmed comment goes to moderation (or straight out, if the agency chose)."""
    comment = session.scalar(select(Comment).where(Comment.confirm_token == token)) if token else None
    if comment is None:
        raise NotFound(token)
    if comment.status == "unconfirmed":
        hearing = session.get(Hearing, comment.hearing_id)
        comment.status = "approved" if hearing is not None and hearing.publish_at_once else "pending"
        comment.confirmed_at = utcnow()
        audit(session, None, "confirm_email", comment=comment)
        session.flush()
    return comment


# --- moderation --------------------------------------------------------------------------------

MODERATION_ACTIONS = ("approve", "reject", "duplicate")


def moderation_queue(session: Session, moderator: User) -> list[tuple[Comment, Hearing]]:
    """Comments waiting for a decision, in hearings this person may moderate."""
    rows = session.execute(
        select(Comment, Hearing)
        .join(Hearing, Comment.hearing_id == Hearing.id)
        .where(Comment.status == "pending")
        .order_by(Comment.created_at, Comment.id)
    ).all()
    return [(c, h) for c, h in rows if can_moderate(moderator, h)]


def moderate(
    session: Session,
    comment_id: int,
    moderator: User,
    action: str,
    *,
    reason: str = "",
    duplicate_of: int | None = None,
) -> Comment:
    comment = session.get(Comment, comment_id)
    hearing = session.get(Hearing, comment.hearing_id) if comment else None
    if comment is None or hearing is None or not can_moderate(moderator, hearing):
        raise NotFound(comment_id)
    if comment.status == "unconfirmed":
        raise HearingError(_l("ความคิดเห็นนี้ยังไม่ได้ยืนยันอีเมล"))
    if action == "approve":
        comment.status = "approved"
        detail = ""
    elif action == "reject":
        if not reason.strip():
            raise HearingError(_l("โปรดระบุเหตุผลที่ไม่เผยแพร่"), field="reason")
        comment.status, comment.reject_reason, detail = "rejected", reason.strip(), reason.strip()
    elif action == "duplicate":
        original = session.get(Comment, duplicate_of) if duplicate_of else None
        if original is None or original.hearing_id != comment.hearing_id or original.id == comment.id:
            raise HearingError(_l("โปรดระบุหมายเลขความคิดเห็นต้นฉบับในการรับฟังเดียวกัน"), field="duplicate_of")
        comment.status, comment.duplicate_of_id, detail = "duplicate", original.id, f"duplicate of {original.id}"
    else:
        raise HearingError(_l("การดำเนินการไม่ถูกต้อง"))
    comment.moderated_at = utcnow()
    audit(session, moderator, action, comment=comment, detail=detail)
    session.flush()
    return comment


def audit_log(session: Session, hearing: Hearing) -> list[AuditEntry]:
    return list(
        session.scalars(
            select(AuditEntry).where(AuditEntry.hearing_id == hearing.id).order_by(AuditEntry.at, AuditEntry.id)
        )
    )


def all_comments(session: Session, hearing: Hearing) -> list[Comment]:
    """Every comment whatever its status: for the hearing's own agency and moderators only."""
    return list(session.scalars(select(Comment).where(Comment.hearing_id == hearing.id).order_by(Comment.id)))


# --- closing, responses, the report ------------------------------------------------------------


def close_due(session: Session, now: datetime | None = None) -> list[Hearing]:
    """Stamp ``closed_at`` on every published hearing whose end time has passed."""
    now = now or utcnow()
    due = list(
        session.scalars(
            select(Hearing).where(
                Hearing.published_at.is_not(None), Hearing.closed_at.is_(None), Hearing.ends_at <= now
            )
        )
    )
    for hearing in due:
        hearing.closed_at = now
        audit(session, None, "close", hearing=hearing)
    session.flush()
    return due


def close_now(session: Session, hearing: Hearing, actor: User) -> None:
    """The agency ends the period early (kept in the audit log)."""
    if hearing.status() not in ("open", "upcoming"):
        raise HearingError(_l("การรับฟังนี้ไม่ได้เปิดอยู่"))
    now = utcnow()
    hearing.closed_at = now
    hearing.ends_at = min(hearing.ends_at, now)
    audit(session, actor, "close", hearing=hearing, detail="closed early by the agency")
    session.flush()


def add_response(
    session: Session,
    hearing: Hearing,
    actor: User,
    *,
    section_number: str | None,
    issue: str,
    answer: str,
    draft_changed: bool,
) -> AgencyResponse:
    if hearing.status() != "closed":
        raise HearingError(_l("ตอบความคิดเห็นได้เมื่อปิดรับฟังแล้วและยังไม่เผยแพร่รายงาน"))
    if not issue.strip() or not answer.strip():
        raise HearingError(_l("โปรดระบุประเด็นและคำชี้แจงของหน่วยงาน"), field="answer")
    numbers = {s.number for s in hearing.current_round.sections} if hearing.current_round else set()
    if section_number and section_number not in numbers:
        raise HearingError(_l("ไม่พบมาตราที่เลือกในร่างฉบับปัจจุบัน"), field="section_number")
    response = AgencyResponse(
        hearing_id=hearing.id,
        position=len(hearing.responses),
        section_number=section_number or None,
        issue=clean_comment_text(issue),
        answer=clean_comment_text(answer),
        draft_changed=draft_changed,
        created_by_id=actor.id,
    )
    session.add(response)
    session.flush()
    audit(session, actor, "respond", hearing=hearing, detail=response.issue[:200])
    session.refresh(hearing)
    return response


def publish_report(session: Session, hearing: Hearing, actor: User, changes: str) -> None:
    if hearing.status() != "closed":
        raise HearingError(_l("เผยแพร่รายงานได้เมื่อปิดรับฟังแล้ว"))
    hearing.report_changes = clean_comment_text(changes)
    hearing.report_published_at = utcnow()
    audit(session, actor, "publish_report", hearing=hearing)
    session.flush()


@dataclass
class SectionFigures:
    number: str
    label: str
    agree: int = 0
    disagree: int = 0
    suggest: int = 0

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.suggest


@dataclass
class QuestionFigures:
    question: Question
    counts: dict[str, int]
    texts: list[str]


@dataclass
class Report:
    """What the report page, its print view and its CSV show: public data only."""

    hearing: Hearing
    figures: list[SectionFigures]
    questions: list[QuestionFigures]
    comments_by_section: dict[str, list[Comment]]
    responses_by_section: dict[str, list[AgencyResponse]]
    changes: list[str]


def build_report(session: Session, hearing: Hearing) -> Report:
    page = hearing_page(session, hearing)
    views = [page.general, *page.sections, *page.removed]
    figures = [SectionFigures("", "ทั้งฉบับ")] + [SectionFigures(v.number, v.label) for v in views[1:]]
    by_number = {f.number: f for f in figures}
    comments_by_section: dict[str, list[Comment]] = {}
    for view in views:
        comments_by_section[view.number] = view.comments
        target = by_number[view.number]
        target.agree, target.disagree, target.suggest = (view.counts[s] for s in STANCES)
    responses_by_section: dict[str, list[AgencyResponse]] = {}
    for response in hearing.responses:
        responses_by_section.setdefault(response.section_number or "", []).append(response)
    approved_ids = [c.id for comments in comments_by_section.values() for c in comments]
    answers = list(session.scalars(select(Answer).where(Answer.comment_id.in_(approved_ids)))) if approved_ids else []
    questions = []
    for question in hearing.questions:
        counts = dict.fromkeys(question.options, 0)
        texts = []
        for answer in (a for a in answers if a.question_id == question.id):
            if question.kind == "text":
                texts.append(str(answer.value))
            else:
                for value in answer.value if isinstance(answer.value, list) else [answer.value]:
                    counts[value] = counts.get(value, 0) + 1
        questions.append(QuestionFigures(question, counts, texts))
    changes = [line.strip() for line in hearing.report_changes.splitlines() if line.strip()]
    return Report(hearing, figures, questions, comments_by_section, responses_by_section, changes)


REPORT_CSV_COLUMNS = (
    "comment_id",
    "section",
    "stance",
    "display_name",
    "submitted_at_bangkok",
    "comment",
    "agency_responses",
)


def report_csv(report: Report) -> str:
    """Approved comments with the agency's answers to their section; no e-mail, no account, no ID number."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(REPORT_CSV_COLUMNS)
    for number, comments in report.comments_by_section.items():
        answers = " | ".join(r.answer for r in report.responses_by_section.get(number, []))
        for comment in comments:
            writer.writerow(
                [
                    comment.id,
                    number or "ทั้งฉบับ",
                    comment.stance,
                    comment.display_name,
                    to_bangkok(comment.created_at).strftime("%Y-%m-%d %H:%M"),
                    comment.text,
                    answers,
                ]
            )
    return out.getvalue()


EMAIL_RETENTION = timedelta(days=365)


def purge_emails(session: Session, now: datetime | None = None) -> int:
    """Forget commenters' e-mail addresses a year after the report, as the privacy notice promises."""
    now = now or utcnow()
    hearing_ids = select(Hearing.id).where(
        Hearing.report_published_at.is_not(None), Hearing.report_published_at <= now - EMAIL_RETENTION
    )
    comments = list(
        session.scalars(select(Comment).where(Comment.hearing_id.in_(hearing_ids), Comment.email.is_not(None)))
    )
    for comment in comments:
        comment.email = None
    session.flush()
    return len(comments)


def public_comment_record(comment: Comment) -> dict[str, Any]:
    """The public fields of a comment: never the e-mail, the account or the confirmation token."""
    return {
        "id": comment.id,
        "section": comment.section_number,
        "round": comment.round_number,
        "stance": comment.stance,
        "display_name": comment.display_name,
        "text": comment.text,
        "submitted_at": to_bangkok(comment.created_at).isoformat(),
    }


def report_record(report: Report) -> dict[str, Any]:
    """The report as JSON: the same figures, comments and answers as the page."""
    hearing = report.hearing
    return {
        "hearing": {
            "id": hearing.id,
            "title": hearing.title,
            "agency": hearing.agency.name,
            "kind": hearing.kind,
            "starts_at": to_bangkok(hearing.starts_at).isoformat(),
            "ends_at": to_bangkok(hearing.ends_at).isoformat(),
            "report_published_at": to_bangkok(hearing.report_published_at).isoformat()
            if hearing.report_published_at
            else None,
        },
        "sections": [
            {
                "section": f.number or None,
                "label": f.label,
                "agree": f.agree,
                "disagree": f.disagree,
                "suggest": f.suggest,
                "total": f.total,
                "comments": [public_comment_record(c) for c in report.comments_by_section.get(f.number, [])],
                "responses": [
                    {"issue": r.issue, "answer": r.answer, "draft_changed": r.draft_changed}
                    for r in report.responses_by_section.get(f.number, [])
                ],
            }
            for f in report.figures
        ],
        "questions": [
            {"prompt": q.question.prompt, "kind": q.question.kind, "counts": q.counts, "texts": q.texts}
            for q in report.questions
        ],
        "changes": report.changes,
    }


def overdue_reports(session: Session, now: datetime | None = None) -> list[Hearing]:
    """Hearings closed more than 15 days ago without a published report: flagged on the admin dashboard."""
    now = now or utcnow()
    return list(
        session.scalars(
            select(Hearing)
            .where(
                Hearing.published_at.is_not(None),
                Hearing.report_published_at.is_(None),
                Hearing.ends_at <= now - REPORT_OVERDUE_AFTER,
            )
            .order_by(Hearing.ends_at)
        )
    )


# --- rounds, redline, search -------------------------------------------------------------------


def round_redline(hearing: Hearing, old_number: int, new_number: int) -> list[SectionChange]:
    rounds = {r.number: r for r in hearing.rounds}
    if old_number not in rounds or new_number not in rounds:
        raise NotFound(f"round {old_number} or {new_number}")
    return redline(
        [(s.number, s.label, s.text) for s in rounds[old_number].sections],
        [(s.number, s.label, s.text) for s in rounds[new_number].sections],
    )


def law_redline(session: Session, hearing: Hearing) -> list[SectionChange] | None:
    """The current draft against the act in force it amends, when that act is in the corpus."""
    if not hearing.amends_sysid or hearing.current_round is None:
        return None
    law = session.get(Law, hearing.amends_sysid)
    if law is None:
        return None
    in_force = [(s.number, s.label, s.text) for s in law.sections if s.part == "main"]
    draft_numbers = {s.number for s in hearing.current_round.sections}
    return [
        change
        for change in redline(in_force, [(s.number, s.label, s.text) for s in hearing.current_round.sections])
        if change.number in draft_numbers
    ]


@dataclass(frozen=True)
class DraftDocument:
    """A section of a published draft, shaped for the search index (``kind="draft"``)."""

    id: str
    hearing_id: int
    title: str
    agency: str
    number: str
    label: str
    text: str
    status: str
    kind: str = "draft"


def iter_draft_documents(session: Session) -> Iterator[DraftDocument]:
    """Every section of the current round of every published hearing: the search's "draft" filter.

    The indexer takes these as documents; ``id`` is ``hearing/<id>/<number>``.
    """
    for hearing in session.scalars(select(Hearing).where(Hearing.published_at.is_not(None)).order_by(Hearing.id)):
        draft = hearing.current_round
        if draft is None:
            continue
        for section in draft.sections:
            yield DraftDocument(
                id=f"hearing/{hearing.id}/{section.number}",
                hearing_id=hearing.id,
                title=hearing.title,
                agency=hearing.agency.name,
                number=section.number,
                label=section.label,
                text=section.text,
                status=hearing.status(),
            )


DRAFT_SYSID_PREFIX = "draft-"
DRAFT_GROUP = "draft"


def draft_laws(session: Session) -> Iterator[ParsedLaw]:
    """Published drafts as parsed ``Law`` objects, the indexer's own input, for the search's "draft" filter.

    ``sysid`` is ``draft-<hearing id>`` and ``groups`` holds ``"draft"``; ``hearing_id_of_sysid``
    turns a hit back into its hearing, whose page has an anchor ``#s-<number>`` per section.
    """
    for hearing in session.scalars(select(Hearing).where(Hearing.published_at.is_not(None)).order_by(Hearing.id)):
        draft = hearing.current_round
        if draft is None:
            continue
        yield ParsedLaw(
            sysid=f"{DRAFT_SYSID_PREFIX}{hearing.id}",
            title=hearing.title,
            law_type="ร่างกฎหมาย",
            groups=(DRAFT_GROUP,),
            is_current=hearing.status() in ("open", "upcoming"),
            preamble=next((s.text for s in draft.sections if s.number == "0"), ""),
            sections=[
                ParsedSection(number=s.number, label=s.label, text=s.text) for s in draft.sections if s.number != "0"
            ],
        )


def hearing_id_of_sysid(sysid: str) -> int | None:
    """The hearing behind a ``draft-<id>`` sysid from the index, or None for a law."""
    rest = sysid.removeprefix(DRAFT_SYSID_PREFIX)
    return int(rest) if rest != sysid and rest.isdigit() else None
