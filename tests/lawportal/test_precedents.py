"""Precedents on the site: ``lawportal precedents load``, case pages, and the situation answer on /search.

The database holds the real Criminal Code and the real 477 precedents (../shared), loaded through
the CLI like an operator would; each test's database work is rolled back afterwards.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import func, select

from indexer.build import build_index
from indexer.store import IndexStore
from lawportal.db import get_database
from lawportal.laws.loading import load_laws
from lawportal.models.precedent import Precedent
from lawportal.precedents import services

CRIMINAL_CODE = "443287"
DESCRIPTION = "จำเลยทะเลาะกับผู้ตายเรื่องหนี้สินที่ร้านอาหาร แล้วจำเลยกลับบ้านไปเอาอาวุธปืนมายิงผู้ตายที่ศีรษะหนึ่งนัด ผู้ตายถึงแก่ความตายทันทีที่เกิดเหตุ"


@pytest.fixture
def criminal_app(app: Flask, real_laws: list) -> Flask:
    """The app with the Criminal Code in its database and in a published law index."""
    code = [law for law in real_laws if law.sysid == CRIMINAL_CODE]
    assert code, "the Criminal Code is missing from the corpus"
    result = load_laws(get_database(app).sessionmaker, code)
    assert not result.errors, result.errors
    store = IndexStore(Path(app.config["INDEX_DIR"]))
    folder = store.new_folder()
    build_index(code, folder, procs=1)
    store.publish(folder)
    return app


def _count(app: Flask) -> int:
    with get_database(app).sessionmaker() as session:
        return int(session.scalar(select(func.count()).select_from(Precedent)) or 0)


def _pointer(app: Flask) -> str | None:
    root = services.precedent_root(app.config["INDEX_DIR"])
    current = IndexStore(root).current()
    return current.name if current else None


def test_load_the_real_precedents_twice_then_read_cases_and_situation_answers(
    criminal_app: Flask, case_facts_path: Path
) -> None:
    runner: FlaskCliRunner = criminal_app.test_cli_runner()
    first = runner.invoke(args=["precedents", "load", str(case_facts_path)])
    assert first.exit_code == 0, first.output
    assert "477 precedents stored, 0 unchanged" in first.output
    assert _count(criminal_app) == 477
    published = _pointer(criminal_app)
    assert published

    again = runner.invoke(args=["precedents", "load", str(case_facts_path)])
    assert again.exit_code == 0, again.output
    assert "0 precedents stored, 477 unchanged" in again.output
    assert _pointer(criminal_app) == published, "an unchanged file must not rebuild the index"

    client: FlaskClient = criminal_app.test_client()
    page = client.get("/cases/q-1")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "ไขสันหลัง" in html  # the facts
    assert "/laws/443287/sections/288" in html  # a section applied, linked
    assert "ไม่ใช่คำปรึกษาทางกฎหมาย" in html
    twin = client.get("/api/v1/cases/q-1").get_json()
    assert twin["id"] == "q-1" and [s["id"] for s in twin["sections"]] == ["443287/288", "443287/63", "443287/83"]
    assert twin["sections"][0]["label"]

    answer = client.get("/api/v1/search", query_string={"q": DESCRIPTION})
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["mode"] == "situation"
    ids = [hit["id"] for hit in body["results"]]
    assert "443287/288" in ids[:3], ids
    murder = body["results"][ids.index("443287/288")]
    assert murder["why"]["applied_in"] > 0 and murder["why"]["precedents"]
    assert body["situation"]["similar_cases"]

    shown = client.get("/search", query_string={"q": DESCRIPTION}).get_data(as_text=True)
    assert "มาตราที่อาจใช้กับเรื่องที่เล่า" in shown
    assert "plain=1" in shown and "/cases/q-" in shown
    assert "ไม่ใช่คำปรึกษาทางกฎหมาย" in shown and "1157" in shown
    from indexer.situation import SITUATION_NOTICE

    assert SITUATION_NOTICE in shown
    english = client.get("/search", query_string={"q": DESCRIPTION, "lang": "en"}).get_data(as_text=True)
    assert "This reads as a description of what happened" in english and SITUATION_NOTICE not in english
    plain = client.get("/api/v1/search", query_string={"q": DESCRIPTION, "plain": "1"}).get_json()
    assert plain["mode"] == "paragraph"

    printed = runner.invoke(args=["search", DESCRIPTION, "--json", "--limit", "10"])
    assert printed.exit_code == 0, printed.output
    cli = json.loads(printed.output)
    assert cli["mode"] == "situation" and cli["results"][0]["why"]["sources"]
    assert {"id", "law", "title", "score"} <= set(cli["results"][0])


def test_a_file_with_a_bad_line_changes_nothing(criminal_app: Flask, tmp_path: Path) -> None:
    runner = criminal_app.test_cli_runner()
    good = tmp_path / "good.jsonl"
    good.write_text(
        "\n".join(
            json.dumps({"id": f"c-{n}", "facts": f"จำเลยยิงผู้ตาย คดีที่ {n}", "sections": ["443287/288"]}) for n in range(3)
        ),
        encoding="utf-8",
    )
    assert runner.invoke(args=["precedents", "load", str(good)]).exit_code == 0
    published = _pointer(criminal_app)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps({"id": "c-new", "facts": "จำเลยลักทรัพย์", "sections": ["443287/334"]})
        + "\n"
        + json.dumps({"id": "c-0", "facts": "แก้ข้อเท็จจริง", "sections": ["443287/288"]})
        + "\n"
        + json.dumps({"id": "c-x", "facts": "ข้อเท็จจริง", "sections": ["443287/9999"]})
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["precedents", "load", str(bad)])
    assert result.exit_code != 0
    assert f"{bad}:3:" in result.output and "443287/9999 is not in the corpus" in result.output
    assert "nothing loaded" in result.output
    assert _count(criminal_app) == 3
    client = criminal_app.test_client()
    assert client.get("/cases/c-new").status_code == 404
    assert "จำเลยยิงผู้ตาย คดีที่ 0" in client.get("/cases/c-0").get_data(as_text=True)
    assert _pointer(criminal_app) == published


def test_a_missing_file_is_a_clear_error(criminal_app: Flask, tmp_path: Path) -> None:
    result = criminal_app.test_cli_runner().invoke(args=["precedents", "load", str(tmp_path / "none.jsonl")])
    assert result.exit_code != 0 and "cannot read" in result.output


def test_an_unknown_case_is_a_404_in_html_and_json(client: FlaskClient) -> None:
    assert client.get("/cases/no-such-case").status_code == 404
    missing = client.get("/api/v1/cases/no-such-case")
    assert missing.status_code == 404 and "no-such-case" in missing.get_json()["message"]
