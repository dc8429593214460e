"""Accounts: sign-in, roles (agency staff, moderator, admin), the users CLI and the admin's user pages."""

from flask import Blueprint

bp = Blueprint("auth", __name__, cli_group=None)

from lawportal.auth import commands, views  # noqa: E402,F401  (routes and CLI register on bp)
