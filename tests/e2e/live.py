"""The site on a live 127.0.0.1 server and Debian's Chromium: shared by the browser tests and
``benchmarks/bench_pages.py`` so both measure the same thing. Knows nothing of pytest."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

from lawportal import create_app, migrations
from lawportal.db import get_database

CHROMIUM_PATH = Path(os.environ.get("LAWPORTAL_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",  # nothing can leave this machine
]
SAMPLE_CODES = {"443287", "567410"}  # the Criminal Code, the Civil and Commercial Code


def real_sample(path: Path, *, everything: bool = False) -> list[Any]:
    """The Criminal and the Civil and Commercial Codes and every 20th act of the real corpus, parsed.

    Loading and indexing all 671 acts takes minutes; this sample keeps the browser run short while
    the pages people read most (and the longest, most cited texts) are there.
    """
    from corpus.loader import RecordError, read_raw_laws
    from corpus.parser import mark_current, parse_law

    laws = []
    for index, raw in enumerate(read_raw_laws(path)):
        if isinstance(raw, RecordError):
            raise ValueError(f"{raw.origin}: {raw.message}")
        if everything or raw.sysid in SAMPLE_CODES or index % 20 == 0:
            laws.append(parse_law(raw))
    mark_current(laws)
    return laws


def cases_within(case_facts: Path, laws: list[Any], out: Path) -> Path:
    """The decided cases of ``case_facts`` that apply only sections of ``laws``, written to ``out``.

    Loading cases is all or nothing and checks every applied section exists, so a sample of the
    corpus needs the matching sample of cases.
    """
    import json

    sysids = {law.sysid for law in laws}
    with case_facts.open(encoding="utf-8") as source, out.open("w", encoding="utf-8") as target:
        for line in source:
            if not line.strip():
                continue
            record = json.loads(line)
            applied = record.get("sections") or record.get("gold") or []  # the eval set says "gold"
            if all(section_id.split("/", 1)[0] in sysids for section_id in applied):
                target.write(line)
    return out


def run_cli(app: Flask, *args: str) -> bool:
    """Run a ``lawportal`` command against ``app`` if that command exists; False if it does not."""
    if args[0] not in app.cli.commands:
        return False
    result = app.test_cli_runner().invoke(args=list(args))
    if result.exit_code != 0:
        raise RuntimeError(f"lawportal {' '.join(args)} failed: {result.exception!r}\n{result.output}")
    return True


def build_site(
    home: Path, demo_path: Path | None, real_laws: list[Any], case_facts: Path | None = None
) -> tuple[Flask, list[str]]:
    """An app over a fresh SQLite database in ``home``: the demo corpus, ``real_laws``, the demo
    hearings and licences, the search index and the decided cases, each made by the code a person runs."""
    from lawportal.laws.loading import load_laws, parse_file

    app = create_app(
        {
            "SECRET_KEY": "live-" + os.urandom(8).hex(),
            "DATABASE_URL": f"sqlite:///{home / 'live.sqlite'}",
            "INDEX_DIR": str(home / "index"),
            "UPLOAD_DIR": str(home / "uploads"),
            "RATELIMIT_ENABLED": False,
        },
        instance_path=home / "instance",
    )
    sessions = get_database(app).sessionmaker
    migrations.upgrade(get_database(app).engine)
    loaded: list[str] = []
    if demo_path is not None and demo_path.exists():
        laws, errors = parse_file(demo_path)
        result = load_laws(sessions, laws, is_demo=True)
        if errors or result.errors:
            raise RuntimeError(f"demo corpus: {(errors + result.errors)[:5]}")
        loaded.append("demo")
    if real_laws:
        result = load_laws(sessions, real_laws)
        if result.errors:
            raise RuntimeError(f"real corpus: {result.errors[:5]}")
        loaded.append(f"real ({len(real_laws)} laws)")
    if loaded:
        run_cli(app, "demo-data")
        run_cli(app, "index")
    if loaded and case_facts is not None and case_facts.exists():
        if run_cli(app, "precedents", "load", str(case_facts)):
            loaded.append("cases")
    return app, loaded


@contextmanager
def serve(app: Flask) -> Iterator[str]:
    """Serve ``app`` from a thread on a free 127.0.0.1 port; yields the base URL."""
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        get_database(app).engine.dispose()
