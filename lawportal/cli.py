"""The ``lawportal`` command: Flask's CLI bound to ``create_app``.

Commands live with the blueprint of their task (``cli_group=None`` puts them at the top level):
``lawportal db upgrade``, ``load``, ``corpus-report``, ``index``, ``search``, ``run`` ...
"""

from __future__ import annotations

from flask.cli import FlaskGroup

from lawportal import create_app

cli = FlaskGroup(create_app=create_app, name="lawportal", help="Thai Law Portal: load, index, search, serve.")


def main() -> None:
    cli.main()
