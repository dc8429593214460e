"""``lawportal index`` and ``lawportal search``: the CLI contract used by independent checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner

from indexer.store import IndexStore
from tests.conftest import DEMO_CORPUS_PATH


def _store(app: Flask) -> IndexStore:
    return IndexStore(Path(app.config["INDEX_DIR"]))


@pytest.fixture
def indexed(app: Flask, runner: FlaskCliRunner) -> Flask:
    result = runner.invoke(args=["index", "--corpus", str(DEMO_CORPUS_PATH), "--procs", "1"])
    assert result.exit_code == 0, result.output
    assert "indexed 5 laws" in result.output
    return app


def test_index_builds_a_folder_and_points_current_at_it(indexed: Flask) -> None:
    current = _store(indexed).current()
    assert current is not None and (current / "meta.json").exists()


def test_search_json_contract(indexed: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["search", "ใบอนุญาตประกอบธุรกิจโรงแรม", "--limit", "3", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["query"] == "ใบอนุญาตประกอบธุรกิจโรงแรม"
    assert 1 <= len(payload["results"]) <= 3
    first = payload["results"][0]
    assert set(first) == {"id", "law", "title", "score"}
    assert first["law"] == "9000001" and first["id"].startswith("9000001/")
    assert first["title"].startswith("พระราชบัญญัติโรงแรม")
    assert isinstance(first["score"], float)


def test_search_json_citation_jumps(indexed: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["search", "พ.ร.บ.โรงแรม (ฉบับสาธิต) มาตรา ๓", "--json"])
    payload = json.loads(result.output)
    assert payload["results"][0]["id"] == "9000001/3"
    assert payload["jump_to"] == "9000001/3"


def test_search_readable_listing(indexed: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["search", "ลูกจ้าง", "--limit", "2"])
    assert result.exit_code == 0
    assert "  1. 9000002/" in result.output


def test_search_batch_prints_one_line_per_query_and_names_bad_lines(
    indexed: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    batch = tmp_path / "queries.jsonl"
    batch.write_text(
        '{"id": "a", "query": "โรงแรม"}\n'
        "not json\n"
        '{"id": "b", "query": "ลูกจ้าง"}\n'
        '{"id": "c"}\n',
        encoding="utf-8",
    )
    result = runner.invoke(args=["search", "--batch", str(batch), "--limit", "2"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert lines[0]["results"][0]["law"] == "9000001"
    assert all(set(hit) == {"id", "law", "title", "score"} for line in lines for hit in line["results"])
    assert f"{batch}:2:" in result.stderr and f"{batch}:4:" in result.stderr


def test_search_needs_a_query_or_a_batch(indexed: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["search"])
    assert result.exit_code == 2 and "QUERY or --batch" in result.output


def test_search_without_an_index_is_a_clear_error(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["search", "โรงแรม"])
    assert result.exit_code == 1 and "lawportal index" in result.output


def test_bad_query_text_never_fails(indexed: Flask, runner: FlaskCliRunner) -> None:
    for text in ["", "* ? ~ ^ : ( ) AND OR NOT", '"โรงแรม', "\x01\x02"]:
        result = runner.invoke(args=["search", text, "--json"])
        assert result.exit_code == 0, (text, result.output)
        assert json.loads(result.output)["results"] is not None


def test_index_changed_reindexes_only_changed_laws(indexed: Flask, runner: FlaskCliRunner) -> None:
    before = _store(indexed).current()
    result = runner.invoke(args=["index", "--changed", "--corpus", str(DEMO_CORPUS_PATH)])
    assert result.exit_code == 0, result.output
    assert "updated 0 changed and removed 0 laws" in result.output
    after = _store(indexed).current()
    assert after is not None and after != before


def test_index_from_the_database(app: Flask, runner: FlaskCliRunner) -> None:
    assert runner.invoke(args=["load", str(DEMO_CORPUS_PATH), "--demo"]).exit_code == 0
    result = runner.invoke(args=["index", "--procs", "1"])
    assert result.exit_code == 0, result.output
    search = runner.invoke(args=["search", "โรงแรม", "--json", "--limit", "1"])
    assert json.loads(search.output)["results"][0]["law"] == "9000001"


def test_index_of_an_empty_database_is_a_clear_error_and_keeps_the_current_index(
    indexed: Flask, runner: FlaskCliRunner
) -> None:
    before = _store(indexed).current()
    result = runner.invoke(args=["index"])
    assert result.exit_code == 1 and "no laws to index" in result.output
    assert _store(indexed).current() == before


def test_index_of_a_missing_corpus_file_is_a_usage_error(runner: FlaskCliRunner, tmp_path: Path) -> None:
    result = runner.invoke(args=["index", "--corpus", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2 and "nope.jsonl" in result.output
