"""Extensions created bare and bound to each app by ``create_app`` (``init_app``)."""

from __future__ import annotations

from flask import Flask, request
from flask_babel import lazy_gettext
from flask_limiter import Limiter
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect


def rate_limit_key() -> str:
    """Per account when signed in, per address otherwise."""
    if current_user and current_user.is_authenticated:
        return f"user:{current_user.get_id()}"
    return f"addr:{request.remote_addr or 'unknown'}"


csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=rate_limit_key)


def init_app(app: Flask) -> None:
    """Bind CSRF protection, sign-in and rate limits to ``app``."""
    from lawportal.db import get_session
    from lawportal.models import User

    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = lazy_gettext("กรุณาเข้าสู่ระบบก่อน")

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        if not user_id.isdigit():
            return None
        user = get_session().get(User, int(user_id))
        return user if user is not None and user.is_active else None

    limiter.init_app(app)
