"""Decided cases: the case pages, their JSON twins and ``lawportal precedents load``."""

from flask import Blueprint

bp = Blueprint("precedents", __name__, cli_group="precedents")

from lawportal.precedents import commands, views  # noqa: E402,F401  (routes and CLI register on bp)
