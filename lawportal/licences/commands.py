"""``lawportal licences check``: the catalogue against the loaded database, for whoever edits the data file."""

from __future__ import annotations

import click
from flask import current_app
from sqlalchemy import select

from lawportal.db import get_database
from lawportal.licences import bp
from lawportal.licences.catalogue import DEFAULT_PATH, DEMO_PATH, CatalogueError, load_catalogue, merge_catalogues
from lawportal.models import Law, Section


@bp.cli.command("check")
def check_command() -> None:
    """Validate the licence catalogue and list cited sections the loaded laws do not have.

    A law that is not loaded is only counted (the pages show it without links); a loaded law
    missing a cited section is an error, since the catalogue then points at nothing.
    """
    try:
        catalogue = merge_catalogues(load_catalogue(DEFAULT_PATH), load_catalogue(DEMO_PATH))
    except CatalogueError as exc:
        raise click.ClickException(str(exc)) from exc
    cited = sorted(catalogue.section_ids())
    with get_database(current_app).sessionmaker() as session:
        loaded = set(session.scalars(select(Law.sysid).where(Law.sysid.in_(catalogue.laws))))
        present = set(session.scalars(select(Section.id).where(Section.id.in_(cited))))
    missing = [sid for sid in cited if sid.split("/", 1)[0] in loaded and sid not in present]
    not_loaded = sorted(set(catalogue.laws) - loaded)
    click.echo(
        f"{len(catalogue.activities)} activities, {len(catalogue.licences)} licences, {len(cited)} sections "
        f"cited from {len(catalogue.laws)} laws; {len(loaded)} of those laws are loaded"
    )
    if not_loaded:
        click.echo(f"not loaded (shown without links): {', '.join(not_loaded)}")
    for section_id in missing:
        click.echo(f"error: {section_id} is cited but its loaded law has no such section", err=True)
    if missing:
        raise SystemExit(1)
