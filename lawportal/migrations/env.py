"""Alembic environment: runs on the connection handed over by ``lawportal.migrations.upgrade``."""

from __future__ import annotations

from alembic import context

import lawportal.models  # noqa: F401  (registers every table on Base.metadata)
from lawportal.db import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `lawportal db upgrade`, which supplies the connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
