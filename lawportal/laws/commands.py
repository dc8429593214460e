"""CLI for the corpus: ``lawportal db upgrade``, ``lawportal load``, ``lawportal corpus-report``."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from corpus.loader import CorpusError
from lawportal import migrations
from lawportal.db import get_database
from lawportal.laws import bp
from lawportal.laws.loading import load_laws, parse_file


@bp.cli.group("db")
def db_group() -> None:
    """Database schema commands."""


@db_group.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the database schema to the newest version (Alembic)."""
    database = get_database(current_app)
    migrations.upgrade(database.engine)
    click.echo(f"database at {database.engine.url.render_as_string(hide_password=True)} is up to date")


@bp.cli.command("load")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--demo", is_flag=True, help="Mark the laws as demo texts (the shipped demo corpus).")
def load_command(path: Path, demo: bool) -> None:
    """Load laws from PATH: a .jsonl(.gz) file or a folder of .txt files with metadata.csv/json."""
    try:
        with click.progressbar(length=0, label="parsing", show_pos=True) as bar:
            laws, errors = parse_file(path, progress=bar.update)
    except CorpusError as exc:
        raise click.ClickException(str(exc)) from exc
    database = get_database(current_app)
    with click.progressbar(length=len(laws), label="storing", show_pos=True) as bar:
        result = load_laws(database.sessionmaker, laws, is_demo=demo, progress=bar.update)
    errors += result.errors
    click.echo(f"{len(result.stored)} laws stored, {len(result.unchanged)} unchanged, {len(errors)} errors")
    for error in errors:
        click.echo(f"error: {error}", err=True)
    if errors:
        raise SystemExit(1)


@bp.cli.command("corpus-report")
@click.argument("path", type=click.Path(path_type=Path))
def corpus_report_command(path: Path) -> None:
    """Per-law counts and every anomaly found when parsing PATH."""
    from corpus.report import corpus_report_text  # the report is only needed here

    try:
        click.echo(corpus_report_text(path))
    except CorpusError as exc:
        raise click.ClickException(str(exc)) from exc
