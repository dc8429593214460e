"""Accounts: the users CLI, signing in, CSRF on forms, the admin's user pages."""

from __future__ import annotations

import re
from pathlib import Path

from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from lawportal.auth import services as accounts
from lawportal.db import get_database
from lawportal.models import User
from tests.conftest import make_test_app
from tests.lawportal.test_hearings_support import PASSWORD, login, make_people


def count_users(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User)) or 0


def test_cli_creates_staff_with_a_printed_password(runner: FlaskCliRunner, db_session: Session) -> None:
    assert runner.invoke(args=["agencies", "create", "dept-x", "กรมเอกซ์"]).exit_code == 0
    result = runner.invoke(args=["users", "create", "Staff@Example.test", "--role", "staff", "--agency", "dept-x"])
    assert result.exit_code == 0, result.output
    password = re.search(r"password: (\S+)", result.output)
    assert password is not None
    user = db_session.scalar(select(User).where(User.email == "staff@example.test"))
    assert user is not None and user.agency is not None and user.agency.slug == "dept-x"
    assert user.password_hash.startswith("$argon2")
    assert accounts.authenticate(db_session, "staff@example.test", password.group(1)) is not None


def test_cli_refuses_bad_accounts_and_stores_nothing(runner: FlaskCliRunner, db_session: Session) -> None:
    before = count_users(db_session)
    for args in (
        ["users", "create", "a@example.test", "--role", "staff"],  # staff without agency
        ["users", "create", "a@example.test", "--role", "staff", "--agency", "nowhere"],
        ["users", "create", "not-an-email", "--role", "admin"],
        ["users", "create", "a@example.test", "--role", "admin", "--password", "short"],
    ):
        result = runner.invoke(args=args)
        assert result.exit_code != 0
        assert "Error" in result.output, result.output
    assert runner.invoke(args=["users", "create", "x@example.test", "--role", "boss"]).exit_code != 0
    assert count_users(db_session) == before


def test_login_and_logout(client: FlaskClient, db_session: Session) -> None:
    people = make_people(db_session)
    bad = client.post("/login", data={"email": people.staff_a.email, "password": "wrong password"})
    assert bad.status_code == 401
    assert client.get("/staff/hearings").status_code == 302  # to the login page
    login(client, people.staff_a)
    assert client.get("/staff/hearings").status_code == 200
    client.post("/logout")
    assert client.get("/staff/hearings").status_code == 302


def test_disabled_account_cannot_sign_in(client: FlaskClient, db_session: Session) -> None:
    people = make_people(db_session)
    accounts.set_active(db_session, people.staff_a.id, False)
    db_session.commit()
    response = client.post("/login", data={"email": people.staff_a.email, "password": PASSWORD})
    assert response.status_code == 401


def test_login_does_not_redirect_off_site(client: FlaskClient, db_session: Session) -> None:
    people = make_people(db_session)
    response = client.post(
        "/login?next=https://evil.example/", data={"email": people.staff_a.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/hearings"


def test_forms_need_a_csrf_token(engine: Engine, sessions: sessionmaker[Session], tmp_path: Path) -> None:
    app = make_test_app(engine, tmp_path, WTF_CSRF_ENABLED=True)
    get_database(app).sessionmaker = sessions
    with sessions() as session:
        people = make_people(session)
    client = app.test_client()
    refused = client.post("/login", data={"email": people.staff_a.email, "password": PASSWORD})
    assert refused.status_code == 400
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None
    accepted = client.post(
        "/login", data={"email": people.staff_a.email, "password": PASSWORD, "csrf_token": token.group(1)}
    )
    assert accepted.status_code == 302


def test_only_admins_manage_users(client: FlaskClient, db_session: Session) -> None:
    people = make_people(db_session)
    login(client, people.staff_a)
    assert client.get("/admin/users").status_code == 403
    assert client.post("/admin/users", data={"email": "n@example.test", "role": "admin"}).status_code == 403
    client.post("/logout")
    login(client, people.admin)
    page = client.get("/admin/users")
    assert page.status_code == 200 and people.staff_b.email in page.get_data(as_text=True)


def test_admin_creates_and_disables_accounts(client: FlaskClient, db_session: Session) -> None:
    people = make_people(db_session)
    login(client, people.admin)
    form = {
        "email": "new@example.test",
        "display_name": "ใหม่",
        "role": "staff",
        "agency": "agency-b",
        "password": "a long enough password",
    }
    assert client.post("/admin/users", data=form).status_code == 302
    created = db_session.scalar(select(User).where(User.email == "new@example.test"))
    assert created is not None and created.agency_id == people.agency_b.id
    before = count_users(db_session)
    again = client.post("/admin/users", data=form)
    assert again.status_code == 400
    assert "อยู่แล้ว" in again.get_data(as_text=True)
    assert count_users(db_session) == before
    assert client.post(f"/admin/users/{created.id}/active", data={"active": "0"}).status_code == 302
    db_session.refresh(created)
    assert created.is_active is False
    assert client.post(f"/admin/users/{people.admin.id}/active", data={"active": "0"}).status_code == 400


def test_admin_creates_agencies_and_refuses_bad_slugs(client: FlaskClient, db_session: Session) -> None:
    people = make_people(db_session)
    login(client, people.admin)
    assert client.post("/admin/agencies", data={"slug": "dept-new", "name": "กรมใหม่"}).status_code == 302
    assert client.post("/admin/agencies", data={"slug": "Bad Slug!", "name": "x"}).status_code == 400
