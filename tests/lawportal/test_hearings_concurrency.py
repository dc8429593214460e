"""Comments under load: 50 submissions at once from separate processes against PostgreSQL land exactly once,
and the same form sent concurrently from two processes stores one comment."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from lawportal.models import Comment
from tests.conftest import _fresh_database, make_test_app
from tests.lawportal.test_hearings_support import make_hearing, make_people, smtp_server

PRELOAD_PACKAGES = {
    "lawportal",
    "indexer",
    "corpus",
    "flask",
    "sqlalchemy",
    "psycopg",
    "jinja2",
    "werkzeug",
    "flask_babel",
    "flask_limiter",
    "flask_login",
    "flask_wtf",
    "pygal",
    "nh3",
    "babel",
    "tests",
}
SUBMISSIONS = 50
DOUBLE_SUBMITS = 4  # extra processes re-sending the forms of the first few, at the same moment

pytestmark = pytest.mark.skipif(
    not os.environ.get("LAWPORTAL_TEST_DATABASE_URL"),
    reason="the concurrency test needs PostgreSQL: set LAWPORTAL_TEST_DATABASE_URL",
)


@pytest.fixture(scope="module")
def pg_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A schema of its own with real commits: the other processes must see what this one wrote."""
    yield from _fresh_database("postgresql", tmp_path_factory, "concurrency")


def schema_url(engine: Engine) -> str:
    """The engine's URL with its private schema, for apps built in other processes."""
    with engine.connect() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    url = make_url(os.environ["LAWPORTAL_TEST_DATABASE_URL"]).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def submit(url: str, folder: str, hearing_id: int, key: str, mail_port: int, start: object, results: object) -> None:
    """One reader in one process: build the app, wait for everyone, send the form."""
    from lawportal import create_app

    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": url,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": mail_port,
            "INDEX_DIR": f"{folder}/index",
            "UPLOAD_DIR": f"{folder}/uploads",
        },
        instance_path=f"{folder}/instance",
    )
    client = app.test_client()
    form = {
        "idempotency_key": key,
        "stance": "agree",
        "text": f"ความเห็นหมายเลข {key}",
        "display_name": key,
        "email": f"{key}@example.test",
        "section_number": "1",
        "privacy": "1",
    }
    start.wait(timeout=400)  # type: ignore[attr-defined]
    response = client.post(f"/hearings/{hearing_id}/comments", data=form)
    results.put((key, response.status_code))  # type: ignore[attr-defined]


def test_fifty_concurrent_submissions_land_exactly_once(pg_engine: Engine, tmp_path: Path) -> None:
    from sqlalchemy.orm import sessionmaker

    with sessionmaker(pg_engine)() as session:
        people = make_people(session)
        hearing_id = make_hearing(session, people.agency_a).id

    keys = [f"load-{i:02d}" for i in range(SUBMISSIONS)]
    sends = keys + keys[:DOUBLE_SUBMITS]
    context = multiprocessing.get_context("forkserver")
    # Every module an app needs is imported once in the fork server, so 54 processes start in seconds.
    make_test_app(pg_engine, tmp_path)
    context.set_forkserver_preload(sorted(name for name in sys.modules if name.split(".")[0] in PRELOAD_PACKAGES))
    start = context.Barrier(len(sends))
    results = context.Queue()
    url = schema_url(pg_engine)
    with smtp_server() as (port, inbox):
        processes = [
            context.Process(target=submit, args=(url, str(tmp_path), hearing_id, key, port, start, results))
            for key in sends
        ]
        for process in processes:
            process.start()
        outcomes = [results.get(timeout=500) for _ in sends]
        for process in processes:
            process.join(timeout=60)
    assert all(process.exitcode == 0 for process in processes)
    assert sorted(status for _key, status in outcomes) == [200] * DOUBLE_SUBMITS + [201] * SUBMISSIONS

    with Session(pg_engine) as session:
        stored = session.execute(
            select(Comment.idempotency_key, func.count())
            .where(Comment.hearing_id == hearing_id)
            .group_by(Comment.idempotency_key)
        ).all()
    assert dict(stored) == dict.fromkeys(keys, 1)
    assert sorted(recipients[0] for recipients, _raw in inbox.messages) == sorted(f"{k}@example.test" for k in keys)
