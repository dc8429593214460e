"""Every setting of the site, declared once: name, default, help.

Each can be set in ``instance/config.py`` or by the environment variable ``LAWPORTAL_<NAME>``.
``docs/settings.md`` documents them; a test fails when one is missing there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

DEFAULT_SECRET_KEY = "dev-only-not-secret"


@dataclass(frozen=True)
class Setting:
    """One configuration value the site reads."""

    name: str
    default: Any
    help: str

    @property
    def env_var(self) -> str:
        return f"LAWPORTAL_{self.name}"


SETTINGS: tuple[Setting, ...] = (
    Setting("SECRET_KEY", DEFAULT_SECRET_KEY, "Signs sessions and CSRF tokens. Must be changed in production."),
    Setting(
        "DATABASE_URL",
        None,
        "SQLAlchemy URL of the database. Default: a SQLite file in the instance folder. "
        "Production: postgresql+psycopg://user@host/db.",
    ),
    Setting("INDEX_DIR", None, "Folder of the Whoosh search indexes. Default: `index/` in the instance folder."),
    Setting("UPLOAD_DIR", None, "Folder for uploaded hearing documents. Default: `uploads/` in the instance folder."),
    Setting(
        "RATELIMIT_STORAGE_URI",
        "memory://",
        "Where rate-limit counters live: memory:// for one process, redis://host:6379 for several.",
    ),
    Setting("MAIL_SERVER", "127.0.0.1", "SMTP host that sends e-mail confirmation links."),
    Setting("MAIL_PORT", 25, "SMTP port."),
    Setting("MAIL_SENDER", "noreply@lawportal.local", "From address of e-mails the portal sends."),
    Setting("BIZPORTAL_URL", "https://bizportal.go.th", "Base address of the government Business Portal."),
    Setting("MAX_QUERY_CHARS", 2000, "Longer search queries are cut to this many characters, with a notice."),
    Setting("MAX_UPLOAD_BYTES", 10 * 1024 * 1024, "Largest accepted upload (draft or attachment), in bytes."),
)


def _coerce(value: str, default: Any) -> Any:
    """Turn an environment string into the type of the setting's default."""
    if isinstance(default, bool):
        return value.lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(value)
    return value


def defaults() -> dict[str, Any]:
    """The default value of every setting."""
    return {s.name: s.default for s in SETTINGS}


def from_environment(environ: os._Environ[str] | dict[str, str] | None = None) -> dict[str, Any]:
    """Settings given as ``LAWPORTAL_<NAME>`` environment variables."""
    environ = os.environ if environ is None else environ
    return {s.name: _coerce(environ[s.env_var], s.default) for s in SETTINGS if s.env_var in environ}
