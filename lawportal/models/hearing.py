"""Public hearings on draft regulations: the hearing, its draft rounds, comments, responses, audit log."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lawportal.db import Base
from lawportal.models.user import Agency, User

HEARING_KINDS = ("primary", "subordinate", "evaluation")
STANCES = ("agree", "disagree", "suggest")
COMMENT_STATUSES = ("unconfirmed", "pending", "approved", "rejected", "duplicate")
QUESTION_KINDS = ("yesno", "single", "multiple", "text")


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend: SQLite hands back naive ones, so UTC is attached on read."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware one is needed")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Hearing(Base):
    """One hearing: a draft put before the public for a period, then answered in a report."""

    __tablename__ = "hearings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    amends_sysid: Mapped[str | None] = mapped_column(String(32))
    summary: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    short_period_reason: Mapped[str] = mapped_column(Text, default="")
    publish_at_once: Mapped[bool] = mapped_column(Boolean, default=False)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    report_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    report_changes: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)

    agency: Mapped[Agency] = relationship()
    created_by: Mapped[User | None] = relationship()
    rounds: Mapped[list[DraftRound]] = relationship(
        order_by="DraftRound.number", cascade="all, delete-orphan", back_populates="hearing"
    )
    attachments: Mapped[list[Attachment]] = relationship(order_by="Attachment.id", cascade="all, delete-orphan")
    questions: Mapped[list[Question]] = relationship(order_by="Question.position", cascade="all, delete-orphan")
    responses: Mapped[list[AgencyResponse]] = relationship(
        order_by="AgencyResponse.position", cascade="all, delete-orphan"
    )

    @property
    def current_round(self) -> DraftRound | None:
        return self.rounds[-1] if self.rounds else None

    def status(self, now: datetime | None = None) -> str:
        """unpublished, upcoming, open, closed or reported: closing happens at ``ends_at`` even
        before the CLI's ``close-due`` has stamped ``closed_at``."""
        now = now or utcnow()
        if self.report_published_at is not None:
            return "reported"
        if self.published_at is None:
            return "unpublished"
        if self.closed_at is not None or now >= self.ends_at:
            return "closed"
        if now < self.starts_at:
            return "upcoming"
        return "open"


class DraftRound(Base):
    """One version of the draft: round 1 is the first upload, each revision adds a round."""

    __tablename__ = "draft_rounds"
    __table_args__ = (UniqueConstraint("hearing_id", "number", name="uq_draft_rounds_hearing_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hearing_id: Mapped[int] = mapped_column(ForeignKey("hearings.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(128))
    stored_name: Mapped[str] = mapped_column(String(128))
    sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    hearing: Mapped[Hearing] = relationship(back_populates="rounds")
    sections: Mapped[list[DraftSection]] = relationship(order_by="DraftSection.position", cascade="all, delete-orphan")


class DraftSection(Base):
    """A section of one round; comments refer to its ``number`` so they follow it across rounds."""

    __tablename__ = "draft_sections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("draft_rounds.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(48))
    label: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)


class Attachment(Base):
    """A supporting document (explanatory note, impact assessment), always a PDF."""

    __tablename__ = "hearing_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hearing_id: Mapped[int] = mapped_column(ForeignKey("hearings.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(Text)
    filename: Mapped[str] = mapped_column(Text)
    stored_name: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Question(Base):
    """A questionnaire item: yes/no, single choice, multiple choice or free text."""

    __tablename__ = "hearing_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hearing_id: Mapped[int] = mapped_column(ForeignKey("hearings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    prompt: Mapped[str] = mapped_column(Text)
    options: Mapped[list[str]] = mapped_column(JSON, default=list)


class Comment(Base):
    """A reader's comment on the whole draft (``section_number`` None) or on one section.

    ``idempotency_key`` comes from the form, so a double-clicked submit stores one row.
    ``email`` is private: never rendered publicly nor exported.
    """

    __tablename__ = "hearing_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hearing_id: Mapped[int] = mapped_column(ForeignKey("hearings.id", ondelete="CASCADE"), index=True)
    round_number: Mapped[int] = mapped_column(Integer)
    section_number: Mapped[str | None] = mapped_column(String(48))
    stance: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    display_name: Mapped[str] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(String(254))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(16), index=True)
    reject_reason: Mapped[str] = mapped_column(Text, default="")
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("hearing_comments.id"))
    confirm_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    moderated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attachment_filename: Mapped[str | None] = mapped_column(Text)
    attachment_stored_name: Mapped[str | None] = mapped_column(String(128))

    answers: Mapped[list[Answer]] = relationship(cascade="all, delete-orphan")


class Answer(Base):
    """One answer to one question, stored with the comment it was sent with."""

    __tablename__ = "hearing_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("hearing_comments.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("hearing_questions.id", ondelete="CASCADE"), index=True)
    value: Mapped[Any] = mapped_column(JSON)


class AgencyResponse(Base):
    """The agency's answer to an issue raised, by section, and whether the draft changed."""

    __tablename__ = "hearing_responses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hearing_id: Mapped[int] = mapped_column(ForeignKey("hearings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    section_number: Mapped[str | None] = mapped_column(String(48))
    issue: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    draft_changed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AuditEntry(Base):
    """Who did what, when: every moderation action and every change of a hearing's state."""

    __tablename__ = "hearing_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(32))
    hearing_id: Mapped[int | None] = mapped_column(ForeignKey("hearings.id", ondelete="CASCADE"), index=True)
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("hearing_comments.id", ondelete="CASCADE"))
    detail: Mapped[str] = mapped_column(Text, default="")

    actor: Mapped[User | None] = relationship()
