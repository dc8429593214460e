"""``lawportal precedents load FILE.jsonl``: decided cases into the database and their index."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from corpus.precedents import PrecedentFileError
from lawportal.db import get_database
from lawportal.precedents import bp, services


@bp.cli.command("load")
@click.argument("path", type=click.Path(path_type=Path))
def load_command(path: Path) -> None:
    """Load decided cases from PATH (JSONL: id, facts, sections, optional court, case_number, year,
    source_url). All or nothing: a bad line is reported with its file and line and nothing is loaded.
    Loading the same file again changes nothing."""
    database = get_database(current_app)
    root = services.precedent_root(current_app.config["INDEX_DIR"])
    with database.sessionmaker() as session:
        try:
            result = services.load_precedents(session, path, root)
        except PrecedentFileError as exc:
            session.rollback()
            raise click.ClickException(str(exc)) from exc
        except OSError as exc:
            session.rollback()
            raise click.ClickException(f"cannot read {path}: {exc.strerror or exc}") from exc
    click.echo(f"{len(result.stored)} precedents stored, {len(result.unchanged)} unchanged")
    if result.index_folder is not None:
        click.echo(f"precedent index published: {result.index_folder}")
