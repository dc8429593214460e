"""CLI: ``lawportal users create ...`` and ``lawportal agencies create ...``."""

from __future__ import annotations

import click

from lawportal.auth import bp, services
from lawportal.db import get_session
from lawportal.models.user import ROLES


@bp.cli.group("users")
def users_group() -> None:
    """Accounts of agency staff, moderators and admins."""


@users_group.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--name", "display_name", default="", help="Name shown on the site (default: the e-mail).")
@click.option("--agency", "agency_slug", default=None, help="Agency slug; required for staff.")
@click.option("--password", default=None, help="Default: a random one, printed once.")
def create_user_command(
    email: str, role: str, display_name: str, agency_slug: str | None, password: str | None
) -> None:
    """Create an account with ROLE; prints the password when it was generated."""
    generated = password is None
    password = password or services.generate_password()
    session = get_session()
    try:
        user = services.create_user(
            session, services.NewUser(email, display_name, role, password, agency_slug=agency_slug)
        )
        session.commit()
    except services.AccountError as exc:
        session.rollback()
        raise click.ClickException(str(exc)) from exc
    click.echo(f"created {user.role} {user.email}")
    if generated:
        click.echo(f"password: {password}")


@users_group.command("list")
def list_users_command() -> None:
    """Every account: e-mail, role, agency, active."""
    for user in services.list_users(get_session()):
        agency = user.agency.slug if user.agency else "-"
        click.echo(f"{user.email}\t{user.role}\t{agency}\t{'active' if user.is_active else 'disabled'}")


@bp.cli.group("agencies")
def agencies_group() -> None:
    """Agencies that run hearings."""


@agencies_group.command("create")
@click.argument("slug")
@click.argument("name")
def create_agency_command(slug: str, name: str) -> None:
    """Create the agency SLUG called NAME."""
    session = get_session()
    try:
        services.create_agency(session, slug, name)
        session.commit()
    except services.AccountError as exc:
        session.rollback()
        raise click.ClickException(str(exc)) from exc
    click.echo(f"created agency {slug}")
