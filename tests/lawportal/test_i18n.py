"""Thai and English: every template string translated, the catalog current, the switch keeps the page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient
from jinja2 import Environment
from markupsafe import Markup

from lawportal import i18n
from tests.conftest import REPO_ROOT

TEMPLATES_DIR = REPO_ROOT / "templates"
CATALOG_DIR = REPO_ROOT / "lawportal" / "translations" / "en" / "LC_MESSAGES"
THAI = re.compile(r"[\u0E00-\u0E7F]")
GETTEXT_NAMES = {"_", "gettext", "ngettext", "pgettext", "npgettext", "_l", "lazy_gettext"}


def untranslated_thai(source: str) -> list[tuple[int, str]]:
    """Thai text in a template that no gettext call or trans block wraps: (line, text) pairs.

    Template text nodes and string literals count; data from variables cannot be seen here and
    is the point of those variables. A string literal is fine as a direct argument of a gettext call.
    """
    env = Environment(extensions=["jinja2.ext.i18n"])
    found: list[tuple[int, str]] = []
    in_trans = False
    parens: list[bool] = []  # for each open "(": is it a gettext call?
    previous_name: str | None = None
    block_words: list[str] = []
    for line, kind, value in env.lex(source):
        if kind == "whitespace":
            continue
        if kind == "block_begin":
            block_words = []
        elif kind == "name" and not block_words:
            block_words.append(value)
            if value == "trans":
                in_trans = True
            elif value == "endtrans":
                in_trans = False
        if kind == "data" and THAI.search(value) and not in_trans:
            found.append((line, value.strip()))
        elif kind == "string" and THAI.search(value):
            if not (parens and parens[-1]):
                found.append((line, value))
        if kind == "operator" and value == "(":
            parens.append(previous_name in GETTEXT_NAMES)
        elif kind == "operator" and value == ")" and parens:
            parens.pop()
        previous_name = value if kind == "name" else None
    return found


def test_the_checker_finds_bare_thai_and_accepts_translated_thai() -> None:
    bad = '<h1>กฎหมาย</h1>\n{{ "มาตรา" ~ n }}\n{% if x %}<p title="{{ _("ดี") }}">ค้นหา</p>{% endif %}'
    assert [line for line, _text in untranslated_thai(bad)] == [1, 2, 3]
    good = '<h1>{{ _("กฎหมาย") }}</h1>{% trans n=1 %}พบ {{ n }} ฉบับ{% endtrans %}{{ _("ก %(a)s", a=x("b")) }}'
    assert untranslated_thai(good) == []


@pytest.mark.parametrize(
    "template", sorted(p.relative_to(TEMPLATES_DIR).as_posix() for p in TEMPLATES_DIR.rglob("*.html"))
)
def test_every_template_string_is_translatable(template: str) -> None:
    found = untranslated_thai((TEMPLATES_DIR / template).read_text(encoding="utf-8"))
    assert not found, f"templates/{template} has Thai text outside _() or {{% trans %}}: {found}"


def extracted_msgids() -> set[str]:
    """Every message id in the code and templates, extracted as `make translations` does."""
    with (REPO_ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "_l": None}
    keywords["lazy_gettext"] = None
    msgids: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(REPO_ROOT), method_map, options_map, keywords=keywords
    ):
        msgids.add(message[0] if isinstance(message, tuple) else message)
    return msgids


def test_english_catalog_translates_every_message_and_is_compiled() -> None:
    """Fails when a new string has not been through `make translations` and translated."""
    with (CATALOG_DIR / "messages.po").open("rb") as po_file:
        catalog = read_po(po_file)
    wanted = extracted_msgids()
    assert len(wanted) > 50, "extraction found almost nothing: is babel.cfg right?"
    missing = sorted(wanted - {m.id for m in catalog if m.id})
    assert not missing, f"not in messages.po (run `make translations`): {missing}"
    untranslated = sorted(m.id for m in catalog if m.id and (not m.string or m.fuzzy) and m.id in wanted)
    assert not untranslated, f"messages.po has no English (or only a fuzzy guess) for: {untranslated}"
    with (CATALOG_DIR / "messages.mo").open("rb") as mo_file:
        compiled = {m.id: m.string for m in read_mo(mo_file) if m.id}
    stale = sorted(m.id for m in catalog if m.id in wanted and compiled.get(m.id) != m.string)
    assert not stale, f"messages.mo is older than messages.po (run `make translations`): {stale}"


def test_thai_is_the_default_and_english_is_a_click_away(client: FlaskClient) -> None:
    thai = client.get("/")
    assert thai.status_code == 200
    assert '<html lang="th">' in thai.text
    assert "ค้นหากฎหมายไทย" in thai.text
    assert 'href="/lang/en?next=/"' in thai.text

    switched = client.get("/lang/en?next=/laws%3Ftype%3D%E0%B8%9E")
    assert switched.status_code == 303
    assert switched.headers["Location"] == "/laws?type=%E0%B8%9E"
    assert "lang=en" in switched.headers["Set-Cookie"]

    english = client.get("/")
    assert '<html lang="en">' in english.text
    assert "Search Thai law" in english.text
    assert "ค้นหากฎหมายไทย" not in english.text
    assert 'href="/lang/th?next=/"' in english.text


def test_the_switch_returns_to_the_same_page_with_its_query(client: FlaskClient) -> None:
    page = client.get("/laws?type=x&page=2")
    assert 'href="/lang/en?next=/laws%3Ftype%3Dx%26page%3D2"' in page.text


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "evil", "/\\evil.example"])
def test_the_switch_never_sends_readers_off_the_site(client: FlaskClient, target: str) -> None:
    response = client.get("/lang/en", query_string={"next": target})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_an_unknown_language_is_a_clear_400(client: FlaskClient) -> None:
    response = client.get("/lang/fr?next=/")
    assert response.status_code == 400
    assert "fr" in response.text and "th, en" in response.text
    assert "Set-Cookie" not in response.headers


def test_dates_are_buddhist_era_in_thai_and_common_era_in_english(app: Flask) -> None:
    day = dt.date(2026, 11, 24)
    with app.test_request_context("/"):
        assert i18n.format_local_date(day) == "24 พฤศจิกายน 2569"
        assert i18n.format_local_date(dt.datetime(2026, 1, 5, 9, 30), with_time=True) == "5 มกราคม 2569 09:30"
        assert i18n.format_local_date(None) == ""
        utc_evening = dt.datetime(2026, 12, 31, 20, 0, tzinfo=dt.UTC)  # already 1 January in Bangkok
        assert i18n.format_local_date(utc_evening, with_time=True) == "1 มกราคม 2570 03:00"
    with app.test_request_context("/?lang=en"):
        assert i18n.format_local_date(day) == "24 November 2026"
        assert app.jinja_env.from_string("{{ d|date }}").render(d=day) == "24 November 2026"
        assert i18n.format_local_date(dt.datetime(2026, 1, 5, 9, 30), with_time=True) == "5 January 2026 09:30"


def test_digits_change_in_the_text_but_never_in_links_or_entities(app: Flask) -> None:
    html = Markup('มาตรา 335 <a href="/laws/443287/sections/335">มาตรา ๓๓๕</a> &#39;1&#39;')
    with app.test_request_context("/"):
        assert i18n.law_digits(html) == Markup(
            'มาตรา 335 <a href="/laws/443287/sections/335">มาตรา 335</a> &#39;1&#39;'
        )
    with app.test_request_context("/", headers={"Cookie": "digits=thai"}):
        assert i18n.law_digits(html) == Markup(
            'มาตรา ๓๓๕ <a href="/laws/443287/sections/335">มาตรา ๓๓๕</a> &#39;๑&#39;'
        )
        assert i18n.law_digits("1 < 2") == Markup("๑ &lt; ๒")


def test_the_digit_choice_is_remembered_and_bad_choices_refused(client: FlaskClient) -> None:
    response = client.get("/digits/thai?next=/laws")
    assert response.status_code == 303 and response.headers["Location"] == "/laws"
    assert "digits=thai" in response.headers["Set-Cookie"]
    assert client.get("/digits/roman?next=/").status_code == 400


def test_the_catalog_files_exist_in_the_package() -> None:
    """The compiled catalog ships in git, so a clean clone serves English without a build step."""
    assert Path(CATALOG_DIR / "messages.mo").is_file()
