"""Accessibility checks on the served HTML, without a browser: they run wherever the suite runs.

The browser checks (axe-core, sizes, focus) are in tests/e2e; these catch the structural mistakes
early: a language on the page, a skip link to main, one h1, a label for every control, headers in
every table, alternative text on every image.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from flask.testing import FlaskClient

PUBLIC_PAGES = ["/", "/laws", "/no-such-page", "/search?q=ลักทรัพย์", "/hearings", "/licences", "/login"]
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}


@dataclass
class PageStructure:
    """What an HTML page declares about itself, collected by ``StructureParser``."""

    html_lang: str | None = None
    skip_target: str | None = None
    main_id: str | None = None
    h1_count: int = 0
    control_ids: list[str] = field(default_factory=list)
    unlabelled: list[str] = field(default_factory=list)
    label_targets: set[str] = field(default_factory=set)
    tables_without_headers: int = 0
    images_without_alt: int = 0


class StructureParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.page = PageStructure()
        self._label_depth = 0
        self._table_stack: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.page.html_lang = a.get("lang")
        elif tag == "a" and "skip-link" in (a.get("class") or "") and self.page.skip_target is None:
            self.page.skip_target = a.get("href")
        elif tag == "main":
            self.page.main_id = a.get("id")
        elif tag == "h1":
            self.page.h1_count += 1
        elif tag == "label":
            self._label_depth += 1
            if a.get("for"):
                self.page.label_targets.add(a["for"] or "")
        elif tag == "table":
            self._table_stack.append(False)
        elif tag == "th" and self._table_stack:
            self._table_stack[-1] = True
        elif tag == "img" and a.get("alt") is None:
            self.page.images_without_alt += 1
        if tag in {"input", "select", "textarea"} and (a.get("type") or "text") not in UNLABELLED_INPUT_TYPES:
            named = a.get("aria-label") or a.get("aria-labelledby") or a.get("title")
            if self._label_depth == 0 and not named:
                self.page.control_ids.append(a.get("id") or f"<{tag} name={a.get('name')}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._label_depth = max(0, self._label_depth - 1)
        elif tag == "table" and self._table_stack:
            if not self._table_stack.pop():
                self.page.tables_without_headers += 1

    def close(self) -> None:
        super().close()
        self.page.unlabelled = [c for c in self.page.control_ids if c not in self.page.label_targets]


def structure_of(html: str) -> PageStructure:
    parser = StructureParser()
    parser.feed(html)
    parser.close()
    return parser.page


def test_the_checker_finds_what_it_looks_for() -> None:
    bad = structure_of(
        '<html><body><main><h1>a</h1><h1>b</h1><input id="x"><select name="s"></select>'
        '<table><tr><td>1</td></tr></table><img src="a.png"></main></body></html>'
    )
    assert bad.html_lang is None and bad.skip_target is None and bad.h1_count == 2
    assert bad.unlabelled == ["x", "<select name=s>"]
    assert bad.tables_without_headers == 1 and bad.images_without_alt == 1
    good = structure_of(
        '<html lang="th"><body><a class="skip-link" href="#main">skip</a><main id="main"><h1>a</h1>'
        '<label for="x">X</label><input id="x"><label>Y <input name="y"></label>'
        '<table><tr><th>h</th></tr></table><img src="a.png" alt=""></main></body></html>'
    )
    assert good.unlabelled == [] and good.tables_without_headers == 0 and good.images_without_alt == 0


@pytest.mark.parametrize("path", PUBLIC_PAGES)
@pytest.mark.parametrize("lang", ["th", "en"])
def test_public_pages_are_structured_for_assistive_technology(client: FlaskClient, path: str, lang: str) -> None:
    response = client.get(path + ("&" if "?" in path else "?") + f"lang={lang}")
    if response.status_code == 404 and path != "/no-such-page":
        pytest.skip(f"{path} is not served by this app")
    page = structure_of(response.text)
    assert page.html_lang == lang, f"{path}: <html lang> is {page.html_lang!r}"
    assert page.skip_target == f"#{page.main_id}", f"{path}: the skip link does not lead to <main>"
    assert page.h1_count == 1, f"{path}: {page.h1_count} h1 headings"
    assert not page.unlabelled, f"{path}: controls without a label: {page.unlabelled}"
    assert page.tables_without_headers == 0, f"{path}: a table without header cells"
    assert page.images_without_alt == 0, f"{path}: an image without alt text"
