"""Sign in and out; the admin's pages for accounts and agencies."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy.orm import Session

from lawportal.auth import bp, services
from lawportal.db import get_session
from lawportal.extensions import limiter
from lawportal.models.user import ROLES


def roles_required(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Signed in with one of ``roles``, else the login page (anonymous) or 403."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def _safe_next(target: str | None) -> str:
    """Only same-site paths, so the login page cannot be used to bounce readers elsewhere."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("hearings.staff_home")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def login() -> ResponseReturnValue:
    if request.method == "POST":
        user = services.authenticate(get_session(), request.form.get("email", ""), request.form.get("password", ""))
        if user is None:
            flash(_("อีเมลหรือรหัสผ่านไม่ถูกต้อง"), "error")
            return render_template("auth/login.html", email=request.form.get("email", "")), 401
        login_user(user)
        return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", email="")


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    logout_user()
    return redirect(url_for("core.home"))


@bp.get("/admin/users")
@roles_required("admin")
def users() -> str:
    return _users_page(get_session())


def _users_page(session: Session) -> str:
    """The admin page of accounts and agencies, also shown again with a form's error."""
    return render_template(
        "auth/users.html", users=services.list_users(session), agencies=services.list_agencies(session), roles=ROLES
    )


@bp.post("/admin/users")
@roles_required("admin")
def create_user() -> ResponseReturnValue:
    session = get_session()
    form = request.form
    new = services.NewUser(
        email=form.get("email", ""),
        display_name=form.get("display_name", ""),
        role=form.get("role", ""),
        password=form.get("password", ""),
        agency_slug=form.get("agency") or None,
    )
    try:
        services.create_user(session, new)
        session.commit()
    except services.AccountError as exc:
        session.rollback()
        flash(_("สร้างบัญชีไม่สำเร็จ: %(reason)s", reason=str(exc)), "error")
        return _users_page(session), 400
    flash(_("สร้างบัญชีแล้ว"), "success")
    return redirect(url_for("auth.users"))


@bp.post("/admin/users/<int:user_id>/active")
@roles_required("admin")
def set_active(user_id: int) -> ResponseReturnValue:
    session = get_session()
    if user_id == current_user.id:
        abort(400, description=_("ปิดบัญชีของตัวเองไม่ได้"))
    try:
        services.set_active(session, user_id, request.form.get("active") == "1")
    except services.AccountError:
        abort(404)
    session.commit()
    return redirect(url_for("auth.users"))


@bp.post("/admin/agencies")
@roles_required("admin")
def create_agency() -> ResponseReturnValue:
    session = get_session()
    try:
        services.create_agency(session, request.form.get("slug", ""), request.form.get("name", ""))
        session.commit()
    except services.AccountError as exc:
        session.rollback()
        flash(_("สร้างหน่วยงานไม่สำเร็จ: %(reason)s", reason=str(exc)), "error")
        return _users_page(session), 400
    flash(_("สร้างหน่วยงานแล้ว"), "success")
    return redirect(url_for("auth.users"))
