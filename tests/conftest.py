"""Fixtures for the whole suite: the app through its factory, real databases, the real corpus.

Every database test runs on SQLite and, when ``LAWPORTAL_TEST_DATABASE_URL`` is set, on
PostgreSQL too. Each test runs inside a transaction that is rolled back after it; the
services' own commits become savepoints.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from lawportal import create_app, migrations
from lawportal.db import get_database, make_engine

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
CORPUS_PATH = SHARED_DIR / "corpus" / "thai-acts.jsonl.gz"
CASE_FACTS_PATH = SHARED_DIR / "eval" / "case-facts-dev.jsonl"
DEMO_CORPUS_PATH = REPO_ROOT / "corpus" / "demo" / "demo-acts.jsonl"

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("LAWPORTAL_TEST_DATABASE_URL") else [])


def require_shared(path: Path) -> Path:
    """Skip, saying why, when the shared data beside the repo is absent."""
    if not path.exists():
        pytest.skip(f"real data not found at {path}: these tests need ../shared beside the repo")
    return path


@pytest.fixture(scope="session")
def corpus_path() -> Path:
    return require_shared(CORPUS_PATH)


@pytest.fixture(scope="session")
def case_facts_path() -> Path:
    return require_shared(CASE_FACTS_PATH)


@pytest.fixture(scope="session")
def real_laws(corpus_path: Path) -> list:
    """The whole real corpus, parsed once per test run."""
    from lawportal.laws.loading import parse_file

    laws, errors = parse_file(corpus_path)
    assert not errors, errors[:5]
    return laws


def _fresh_database(backend: str, tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[Engine]:
    """A new, migrated, empty database: a SQLite file, or a PostgreSQL schema of its own.

    A schema per run keeps parallel test runs on the shared PostgreSQL server apart.
    """
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp(name) / 'test.sqlite'}")
        migrations.upgrade(engine)
        yield engine
        engine.dispose()
        return
    url = os.environ["LAWPORTAL_TEST_DATABASE_URL"]
    schema = f"t_{name}_{uuid.uuid4().hex[:10]}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    from sqlalchemy import create_engine

    engine = create_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    migrations.upgrade(engine)
    yield engine
    engine.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def engine(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A migrated empty database for the run, one per backend."""
    yield from _fresh_database(backend, tmp_path_factory, "main")


def engine_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """A connection inside a transaction that is rolled back after the test."""
    with engine.connect() as conn:
        outer = conn.begin()
        yield conn
        if outer.is_active:
            outer.rollback()


@pytest.fixture
def sessions(connection: Connection) -> sessionmaker[Session]:
    """A session factory whose commits are savepoints of the test's transaction."""
    return sessionmaker(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)


@pytest.fixture
def db_session(sessions: sessionmaker[Session]) -> Iterator[Session]:
    with sessions() as session:
        yield session


def make_test_app(engine: Engine, tmp_path: Path, **config: object) -> Flask:
    """An app through the factory, on ``engine``'s database and a private instance folder."""
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": engine_url(engine),
            "INDEX_DIR": str(tmp_path / "index"),
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            **config,
        },
        instance_path=tmp_path / "instance",
    )
    database = get_database(app)
    database.engine.dispose()
    database.engine = engine  # on PostgreSQL the engine carries the run's own schema
    database.sessionmaker = sessionmaker(engine, expire_on_commit=False)
    return app


@pytest.fixture
def app(engine: Engine, sessions: sessionmaker[Session], tmp_path: Path) -> Flask:
    """The app, its database sessions bound to the test's rolled-back transaction."""
    app = make_test_app(engine, tmp_path)
    get_database(app).sessionmaker = sessions
    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def real_engine(backend: str, tmp_path_factory: pytest.TempPathFactory, real_laws: list) -> Iterator[Engine]:
    """A database holding the whole real corpus, loaded once per backend per run."""
    from lawportal.laws.loading import load_laws

    for engine in _fresh_database(backend, tmp_path_factory, "real"):
        result = load_laws(sessionmaker(engine), real_laws)
        assert not result.errors, result.errors[:5]
        yield engine


@pytest.fixture
def real_app(real_engine: Engine, tmp_path: Path) -> Flask:
    """The app over the real corpus (read-only tests: nothing is rolled back here)."""
    return make_test_app(real_engine, tmp_path)


@pytest.fixture
def real_client(real_app: Flask) -> FlaskClient:
    return real_app.test_client()


@pytest.fixture(scope="session")
def real_index_root(real_laws: list, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index store (root folder with ``CURRENT``) of the whole real corpus, built once per run."""
    from indexer.build import build_index
    from indexer.store import IndexStore

    store = IndexStore(tmp_path_factory.mktemp("real-index"))
    folder = store.new_folder()
    build_index(real_laws, folder, procs=2)
    store.publish(folder)
    return store.root
