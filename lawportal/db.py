"""The database in one place: the declarative base, the engine and a session per app context.

Services take a ``Session`` argument so they can be tested without Flask; views get theirs
from ``get_session()``.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every model; constraint names are stable so migrations can refer to them."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys on, as PostgreSQL has them."""
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; one fsync per checkpoint
            cursor.close()
            # pysqlite's own transaction handling ignores SAVEPOINTs (a RELEASE then commits for real),
            # so tests' rolled-back transactions leaked: let SQLAlchemy emit BEGIN itself instead.
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN")

    return engine


class Database:
    """The engine and session factory bound to one app."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessionmaker: sessionmaker[Session] = sessionmaker(self.engine, expire_on_commit=False)


def init_app(app: Flask) -> None:
    """Create the engine for the app's ``DATABASE_URL`` and close sessions after each request."""
    app.extensions["lawportal.db"] = Database(app.config["DATABASE_URL"])
    app.teardown_appcontext(_close_session)


def get_database(app: Flask | None = None) -> Database:
    """The ``Database`` of ``app`` (default: the current app)."""
    app = app or current_app
    database: Database = app.extensions["lawportal.db"]
    return database


def get_session() -> Session:
    """The session of the current app context, opened on first use."""
    if "db_session" not in g:
        g.db_session = get_database().sessionmaker()
    session: Session = g.db_session
    return session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
