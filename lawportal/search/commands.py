"""CLI for the search index: ``lawportal index`` builds it, ``lawportal search`` queries it.

``lawportal search "QUERY" --limit 10 --json`` and ``lawportal search --batch FILE.jsonl`` are a
contract used by independent checks: one JSON object per query with canonical section ids.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import click
from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from corpus import model as parsed
from corpus.loader import CorpusError
from indexer.analysis import DEFAULT_ENGINE, ENGINES
from indexer.build import BuildStats, build_index, update_index
from indexer.search import MAX_PER_PAGE, QueryError, SearchFilters, SearchIndex, SearchQuery, search
from indexer.store import IndexStore
from lawportal.db import get_database
from lawportal.models import Law
from lawportal.search import bp
from lawportal.search.services import IndexMissing, get_index


def index_store(app: Flask | None = None) -> IndexStore:
    """The index folders of ``app`` (``INDEX_DIR``, under the instance folder by default)."""
    app = app or current_app
    return IndexStore(Path(app.config["INDEX_DIR"]))


def laws_from_database(session: Session) -> Iterator[parsed.Law]:
    """Stored laws rebuilt as parsed ``Law`` objects, the indexer's input, one at a time."""
    statement = select(Law).options(selectinload(Law.sections), selectinload(Law.divisions)).order_by(Law.sysid)
    for row in session.scalars(statement):
        sections = [
            parsed.Section(
                number=s.number,
                label=s.label,
                text=s.text,
                kind=s.kind,
                division=s.division_position,
                part=s.part,
            )
            for s in row.sections
            if s.number != "0"
        ]
        divisions = [
            parsed.Division(kind=d.kind, number=d.number, title=d.title, level=d.level, parent=d.parent_position)
            for d in row.divisions
        ]
        yield parsed.Law(
            sysid=row.sysid,
            title=row.title,
            law_type=row.law_type,
            groups=tuple(row.groups or ()),
            source_url=row.source_url,
            year_be=row.year_be,
            is_current=row.is_current,
            preamble=row.preamble,
            sections=sections,
            divisions=divisions,
        )


def _load_laws(corpus_path: Path | None) -> list[parsed.Law]:
    if corpus_path is not None:
        from lawportal.laws.loading import parse_file

        try:
            laws, errors = parse_file(corpus_path)
        except CorpusError as exc:
            raise click.ClickException(str(exc)) from exc
        for error in errors:
            click.echo(f"skipped: {error}", err=True)
        return laws
    from lawportal.hearings.services import draft_laws

    with get_database(current_app).sessionmaker() as session:
        # Drafts under public hearing are searched beside the laws (group "draft").
        return [*laws_from_database(session), *draft_laws(session)]


@bp.cli.command("index")
@click.option("--changed", is_flag=True, help="Re-index only laws whose content changed since the last build.")
@click.option(
    "--corpus",
    "corpus_path",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Index laws parsed from this corpus file instead of the database.",
)
@click.option("--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE, show_default=True)
@click.option("--procs", type=click.IntRange(1, 16), default=2, show_default=True, help="Processes to use.")
def index_command(changed: bool, corpus_path: Path | None, engine: str, procs: int) -> None:
    """Build the search index into a fresh folder and swap it in atomically."""
    laws = _load_laws(corpus_path)
    if not laws:
        raise click.ClickException("no laws to index: run `lawportal load FILE` first or pass --corpus FILE")
    store = index_store()
    previous = store.current()
    folder = store.new_folder()
    stats: BuildStats
    try:
        with click.progressbar(length=len(laws), label="indexing laws", show_pos=True, file=sys.stderr) as bar:
            if changed and previous is not None:
                stats = update_index(previous, folder, laws, progress=bar.update)
            else:
                stats = build_index(laws, folder, engine=engine, procs=procs, progress=bar.update)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    store.publish(folder)
    if changed and previous is not None:
        click.echo(
            f"updated {len(stats.changed)} changed and removed {len(stats.removed)} laws; "
            f"{stats.laws} laws, {stats.sections} sections in {folder}"
        )
    else:
        click.echo(f"indexed {stats.laws} laws, {stats.sections} sections in {stats.total_seconds:.1f} s into {folder}")


def _print_listing(response: Any) -> None:
    for notice in response.notices:
        click.echo(f"! {notice}")
    if response.did_you_mean:
        click.echo(f"? did you mean: {response.did_you_mean}")
    if not response.hits:
        click.echo("no results")
    for rank, hit in enumerate(response.hits, 1):
        click.echo(f"{rank:>3}. {hit.id:<20} {hit.score:8.3f}  {hit.title} {hit.section_label}".rstrip())


def _run_batch(index: SearchIndex, batch: TextIO, make_query: Any) -> int:
    """Answer each line of a JSONL file; a bad line is reported with its file and line number."""
    name = getattr(batch, "name", "<batch>")
    errors = 0
    for number, line in enumerate(batch, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("query"), str):
                raise ValueError('expected an object with a string "query"')
        except ValueError as exc:
            click.echo(f"error: {name}:{number}: {exc}", err=True)
            errors += 1
            continue
        response = search(index, make_query(record["query"]))
        output = {"id": record.get("id"), "results": [hit.as_json() for hit in response.hits]}
        click.echo(json.dumps(output, ensure_ascii=False))
    return errors


@bp.cli.command("search")
@click.argument("query", required=False)
@click.option("--limit", type=click.IntRange(1, MAX_PER_PAGE), default=10, show_default=True)
@click.option("--page", type=click.IntRange(1), default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--batch", type=click.File("r", encoding="utf-8"), help="JSONL file of {id, query} lines.")
@click.option("--law-type", default=None, help="Only laws of this type (พระราชบัญญัติ, ...).")
@click.option("--group", default=None, help="Only laws of this subject group.")
@click.option("--year-from", type=int, default=None, help="Only laws of this Buddhist-era year or later.")
@click.option("--year-to", type=int, default=None, help="Only laws of this Buddhist-era year or earlier.")
@click.option("--sort", type=click.Choice(["relevance", "newest"]), default="relevance", show_default=True)
def search_command(
    query: str | None,
    limit: int,
    page: int,
    as_json: bool,
    batch: TextIO | None,
    law_type: str | None,
    group: str | None,
    year_from: int | None,
    year_to: int | None,
    sort: str,
) -> None:
    """Search the index for QUERY (or every line of --batch) and print the ranked sections."""
    if (query is None) == (batch is None):
        raise click.UsageError("give either a QUERY or --batch FILE")
    try:
        index = get_index()
    except IndexMissing as exc:
        raise click.ClickException(str(exc)) from exc
    filters = SearchFilters(law_type=law_type, group=group, year_from=year_from, year_to=year_to)

    def make_query(text: str) -> SearchQuery:
        return SearchQuery(text=text, filters=filters, sort=sort, page=page, per_page=limit)

    if batch is not None:
        if _run_batch(index, batch, make_query):
            raise SystemExit(1)
        return
    try:
        response = search(index, make_query(query or ""))
    except QueryError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        payload: dict[str, Any] = {"query": query, "results": [hit.as_json() for hit in response.hits]}
        if response.jump_to:
            payload["jump_to"] = response.jump_to
        if response.notices:
            payload["notices"] = response.notices
        if response.did_you_mean:
            payload["did_you_mean"] = response.did_you_mean
        if response.mode == "situation":  # a described situation: each section's reasons (issue 10)
            payload["mode"] = response.mode
            payload["situation"] = response.situation
            for item, hit in zip(payload["results"], response.hits, strict=True):
                item["why"] = hit.why
        click.echo(json.dumps(payload, ensure_ascii=False))
    else:
        _print_listing(response)
