"""CLI: ``lawportal hearings close-due`` (run it from cron) and ``lawportal demo-data``."""

from __future__ import annotations

import click

from lawportal.db import get_session
from lawportal.hearings import bp, services


@bp.cli.group("hearings")
def hearings_group() -> None:
    """Public hearings."""


@hearings_group.command("close-due")
def close_due_command() -> None:
    """Close every published hearing whose end time has passed."""
    session = get_session()
    closed = services.close_due(session)
    session.commit()
    for hearing in closed:
        click.echo(f"closed hearing {hearing.id}: {hearing.title}")
    click.echo(f"{len(closed)} hearings closed")


@hearings_group.command("purge-emails")
def purge_emails_command() -> None:
    """Erase commenters' e-mail addresses one year after a hearing's report was published."""
    session = get_session()
    count = services.purge_emails(session)
    session.commit()
    click.echo(f"{count} e-mail addresses erased")


@bp.cli.command("demo-data")
def demo_data_command() -> None:
    """Demo agencies, a staff account and two hearings (marked demo); running it again changes nothing."""
    from lawportal.hearings.demo import create_demo_data

    session = get_session()
    outcome = create_demo_data(session)
    session.commit()
    click.echo(outcome)
