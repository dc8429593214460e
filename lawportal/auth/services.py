"""Accounts without Flask: create agencies and users, check passwords, decide who may see what."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from lawportal.models import Agency, Hearing, User
from lawportal.models.user import ROLES

_hasher = PasswordHasher()
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
MIN_PASSWORD_CHARS = 10


class AccountError(ValueError):
    """A request about accounts that cannot be carried out; the message (translatable) says why."""

    def __init__(self, message: Any) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class NewUser:
    """What it takes to create an account."""

    email: str
    display_name: str
    role: str
    password: str
    agency_slug: str | None = None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def generate_password() -> str:
    """A random password for accounts created without one (printed once by the CLI)."""
    return secrets.token_urlsafe(12)


def create_agency(session: Session, slug: str, name: str, *, is_demo: bool = False) -> Agency:
    slug = slug.strip().lower()
    if not SLUG_RE.match(slug):
        raise AccountError(_l("รหัสหน่วยงาน %(slug)s ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข หรือขีด", slug=repr(slug)))
    if not name.strip():
        raise AccountError(_l("โปรดระบุชื่อหน่วยงาน"))
    if session.scalar(select(Agency).where(Agency.slug == slug)) is not None:
        raise AccountError(_l("มีหน่วยงาน %(slug)s อยู่แล้ว", slug=repr(slug)))
    agency = Agency(slug=slug, name=name.strip(), is_demo=is_demo)
    session.add(agency)
    session.flush()
    return agency


def create_user(session: Session, new: NewUser) -> User:
    """Check everything first, so a refused account leaves nothing behind."""
    email = new.email.strip().lower()
    if not EMAIL_RE.match(email):
        raise AccountError(_l("%(email)s ไม่ใช่อีเมล", email=repr(new.email)))
    if new.role not in ROLES:
        raise AccountError(_l("บทบาทต้องเป็น %(roles)s", roles=", ".join(ROLES)))
    if len(new.password) < MIN_PASSWORD_CHARS:
        raise AccountError(_l("รหัสผ่านต้องยาวอย่างน้อย %(count)d ตัวอักษร", count=MIN_PASSWORD_CHARS))
    agency = None
    if new.role == "staff":
        if not new.agency_slug:
            raise AccountError(_l("เจ้าหน้าที่ต้องสังกัดหน่วยงาน (--agency SLUG)"))
        agency = session.scalar(select(Agency).where(Agency.slug == new.agency_slug))
        if agency is None:
            raise AccountError(_l("ไม่พบหน่วยงาน %(slug)s", slug=repr(new.agency_slug)))
    if session.scalar(select(User).where(User.email == email)) is not None:
        raise AccountError(_l("มีบัญชีที่ใช้อีเมล %(email)s อยู่แล้ว", email=email))
    user = User(
        email=email,
        display_name=new.display_name.strip() or email,
        role=new.role,
        agency_id=agency.id if agency else None,
        password_hash=hash_password(new.password),
        is_active=True,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None (same answer for every failure)."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        hash_password(password)  # spend the same time, so timing does not reveal which e-mails exist
        return None
    if not user.is_active or not verify_password(user.password_hash, password):
        return None
    return user


def can_manage(user: User | None, hearing: Hearing) -> bool:
    """Admins, and staff of the hearing's own agency: never staff of another agency."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.role == "admin" or (user.role == "staff" and user.agency_id == hearing.agency_id)


def can_moderate(user: User | None, hearing: Hearing) -> bool:
    """Moderators and admins everywhere; staff only on their own agency's hearings."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.role in ("moderator", "admin") or can_manage(user, hearing)


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.email)))


def list_agencies(session: Session) -> list[Agency]:
    return list(session.scalars(select(Agency).order_by(Agency.name)))


def set_active(session: Session, user_id: int, active: bool) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise AccountError(_l("ไม่พบบัญชี %(id)d", id=user_id))
    user.is_active = active
    session.flush()
    return user
