"""Rate limits on comment submissions: per address for readers, per account when signed in; Redis storage."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from lawportal.db import get_database
from tests.conftest import make_test_app
from tests.lawportal.test_hearings_support import login, make_hearing, make_people

COMMENTS_PER_MINUTE = 10


def limited_app(engine: Engine, sessions: sessionmaker[Session], tmp_path: Path, storage: str):  # noqa: ANN201
    app = make_test_app(
        engine,
        tmp_path,
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI=storage,
        RATELIMIT_KEY_PREFIX=f"test-{uuid.uuid4().hex}",
    )
    get_database(app).sessionmaker = sessions
    return app


def redis_available() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url("redis://127.0.0.1:6379", socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.mark.parametrize("storage", ["memory://", "redis://127.0.0.1:6379/15"])
def test_comment_submissions_are_rate_limited_per_address_and_per_account(
    engine: Engine, sessions: sessionmaker[Session], tmp_path: Path, storage: str
) -> None:
    if storage.startswith("redis") and not redis_available():
        pytest.skip("no Redis server at 127.0.0.1:6379 to hold the counters")
    if storage.startswith("redis"):
        import redis

        # The limiter binds its storage once per process: start each run from empty counters
        # in a database of its own, so the SQLite and PostgreSQL runs do not share a budget.
        redis.Redis.from_url(storage).flushdb()
    with sessions() as session:
        people = make_people(session)
        hearing = make_hearing(session, people.agency_a)
    app = limited_app(engine, sessions, tmp_path, storage)
    reader = app.test_client()
    url = f"/hearings/{hearing.id}/comments"
    form = {"idempotency_key": "x", "stance": "agree", "text": "ข้อความ"}  # refused (no privacy consent), still counted
    statuses = [
        reader.post(url, data=form, environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code
        for _ in range(COMMENTS_PER_MINUTE + 1)
    ]
    assert statuses == [400] * COMMENTS_PER_MINUTE + [429]
    assert reader.post(url, data=form, environ_base={"REMOTE_ADDR": "10.0.0.2"}).status_code == 400  # other address

    signed_in = app.test_client()
    login(signed_in, people.staff_b)
    statuses = [
        signed_in.post(url, data=form, environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code
        for _ in range(COMMENTS_PER_MINUTE + 1)
    ]
    assert statuses == [400] * COMMENTS_PER_MINUTE + [429]  # the account has its own budget
