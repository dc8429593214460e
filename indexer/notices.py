"""Messages the search core gives its reader, in Thai, in a form the site can translate.

The core knows nothing of Flask or of the reader's language. It marks each message with :func:`N_`
(pybabel's default keyword, so ``make translations`` puts the Thai text in the site's catalogue) and
hands it out as a :class:`Notice`: the Thai text itself (the CLI and the API print it as is) that
remembers its template and values, so the site can look the template up and format it in English.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the name pybabel looks for
    """Mark ``message`` for the catalogue without translating it here."""
    return message


class Notice(str):
    """A message for the reader: its Thai text, with the catalogue template and values it came from."""

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, **values: object) -> Notice:
        notice = super().__new__(cls, template % values if values else template)
        notice.template = template
        notice.values = values
        return notice
