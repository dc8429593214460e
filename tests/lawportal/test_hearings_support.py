"""Builders for hearing tests: real DOCX and PDF bytes, accounts, a hearing with a draft, a live SMTP server.

No tests here; the test modules import these.
"""

from __future__ import annotations

import functools
import io
import socket
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from lawportal.auth import services as accounts
from lawportal.models import Agency, Comment, DraftRound, DraftSection, Hearing, User
from lawportal.models.hearing import utcnow

PASSWORD = "correct horse battery"

DRAFT_TEXT = """ร่างพระราชบัญญัติทดสอบการรับฟัง พ.ศ. ....
มาตรา ๑ พระราชบัญญัตินี้เรียกว่า "พระราชบัญญัติทดสอบการรับฟัง พ.ศ. ...."
มาตรา ๒ พระราชบัญญัตินี้ให้ใช้บังคับตั้งแต่วันถัดจากวันประกาศในราชกิจจานุเบกษาเป็นต้นไป
มาตรา ๓ ผู้ใดประสงค์จะประกอบกิจการทดสอบต้องได้รับใบอนุญาตจากอธิบดี
"""


def make_docx(text: str) -> bytes:
    """A real Word document, one paragraph per line."""
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(lines: list[str]) -> bytes:
    """A minimal valid one-page PDF with ASCII text (Helvetica), built by hand with a correct xref."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def make_zip_bomb(expanded_bytes: int) -> bytes:
    """A DOCX-looking zip whose document.xml is ``expanded_bytes`` of one repeated byte."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * expanded_bytes)
    return out.getvalue()


@functools.cache
def password_hash() -> str:
    """A real argon2 hash with the lightest parameters: verifying reads them from the hash, so each
    test sign-in takes milliseconds instead of the production cost (the CLI tests use that one)."""
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)


@dataclass
class People:
    """Two agencies, their staff, a moderator and an admin."""

    agency_a: Agency
    agency_b: Agency
    staff_a: User
    staff_b: User
    moderator: User
    admin: User
    emails: dict[str, str] = field(default_factory=dict)


def make_people(session: Session) -> People:
    agency_a = accounts.create_agency(session, "agency-a", "กรมทดสอบเอ")
    agency_b = accounts.create_agency(session, "agency-b", "กรมทดสอบบี")

    def user(email: str, role: str, agency: Agency | None) -> User:
        # One argon2 hash for every test account: hashing is deliberately slow, and the accounts
        # CLI and admin page tests already go through ``create_user``.
        account = User(
            email=email,
            display_name=email.split("@")[0],
            role=role,
            password_hash=password_hash(),
            agency_id=agency.id if agency else None,
            is_active=True,
        )
        session.add(account)
        session.flush()
        return account

    people = People(
        agency_a,
        agency_b,
        user("staff-a@example.test", "staff", agency_a),
        user("staff-b@example.test", "staff", agency_b),
        user("mod@example.test", "moderator", None),
        user("admin@example.test", "admin", None),
    )
    session.commit()
    return people


def make_hearing(
    session: Session,
    agency: Agency,
    *,
    title: str = "ร่างทดสอบ",
    published: bool = True,
    days_left: int = 20,
    publish_at_once: bool = False,
    text: str = DRAFT_TEXT,
) -> Hearing:
    """A hearing with one draft round parsed from ``text``, open now unless ``days_left`` <= 0."""
    from lawportal.hearings.drafts import split_sections

    now = utcnow()
    hearing = Hearing(
        agency_id=agency.id,
        title=title,
        kind="primary",
        summary="สรุป",
        starts_at=now - timedelta(days=30),
        ends_at=now + timedelta(days=days_left),
        published_at=now - timedelta(days=30) if published else None,
        publish_at_once=publish_at_once,
    )
    session.add(hearing)
    session.flush()
    sections = split_sections(title, text)
    hearing.rounds.append(
        DraftRound(
            number=1,
            filename="draft.txt",
            media_type="text/plain",
            stored_name="",
            sha256="0" * 64,
            text=text,
            sections=[
                DraftSection(position=i, number=s.number, label=s.label, text=s.text) for i, s in enumerate(sections)
            ],
        )
    )
    session.commit()
    return hearing


def make_comment(
    hearing: Hearing,
    key: str,
    *,
    text: str = "x",
    stance: str = "agree",
    section: str | None = None,
    status: str = "approved",
    email: str | None = None,
    name: str = "x",
) -> Comment:
    """A comment on round 1 of ``hearing`` (not added to a session), as a moderated submission leaves it."""
    return Comment(
        hearing_id=hearing.id,
        round_number=1,
        section_number=section,
        stance=stance,
        text=text,
        display_name=name,
        email=email,
        status=status,
        idempotency_key=key,
    )


def login(client: FlaskClient, user: User) -> None:
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Inbox:
    """Messages a real aiosmtpd server received."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        content = envelope.content  # type: ignore[attr-defined]
        self.messages.append((list(envelope.rcpt_tos), content.decode("utf-8")))  # type: ignore[attr-defined]
        return "250 OK"


@contextmanager
def smtp_server() -> Iterator[tuple[int, Inbox]]:
    """A real SMTP server on a free local port, for the length of the block."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, inbox
    finally:
        controller.stop()


def message_body(raw: str) -> str:
    """The decoded text of an e-mail as received on the wire."""
    import email
    from email.message import EmailMessage
    from email.policy import default

    message = email.message_from_string(raw, policy=default)
    assert isinstance(message, EmailMessage)
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content())
