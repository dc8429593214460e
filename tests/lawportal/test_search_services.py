"""Reading a search request: every bad value becomes a message, never an error (except strict API paging)."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy.engine import Engine

from lawportal.search import services
from tests.conftest import make_test_app


@pytest.fixture
def request_context(app: Flask):  # type: ignore[no-untyped-def]
    with app.test_request_context():
        yield


@pytest.mark.usefixtures("request_context")
def test_plain_request() -> None:
    request, messages = services.parse_request({"q": "ค่าชดเชย"})
    assert request == services.SearchRequest(text="ค่าชดเชย")
    assert messages == []


@pytest.mark.usefixtures("request_context")
def test_filters_and_years() -> None:
    request, messages = services.parse_request(
        {"q": "ภาษี", "type": "พระราชบัญญัติ", "group": "ภาษีอากร และค่าธรรมเนียม", "year_from": "2560", "year_to": "2019"}
    )
    assert (request.law_type, request.group) == ("พระราชบัญญัติ", "ภาษีอากร และค่าธรรมเนียม")
    assert (request.year_from, request.year_to) == (2560, 2562)  # 2019 CE read as 2562 BE
    assert messages == []
    query = request.to_query()
    assert query.filters.year_from == 2560 and query.filters.law_type == "พระราชบัญญัติ"


@pytest.mark.usefixtures("request_context")
def test_reversed_years_are_swapped_with_a_message() -> None:
    request, messages = services.parse_request({"q": "x", "year_from": "2562", "year_to": "2500"})
    assert (request.year_from, request.year_to) == (2500, 2562)
    assert len(messages) == 1


@pytest.mark.usefixtures("request_context")
@pytest.mark.parametrize(
    "args",
    [
        {"q": "x", "year_from": "abc"},
        {"q": "x", "sort": "random"},
        {"q": "x", "page": "two"},
        {"q": "x", "page": "-3"},
        {"q": "x", "per_page": "100000"},
        {"q": "x" * 5000},
    ],
)
def test_bad_values_become_messages(args: dict[str, str]) -> None:
    request, messages = services.parse_request(args)
    assert len(messages) == 1, messages
    assert request.page >= 1 and 1 <= request.per_page <= 100 and request.sort == "relevance"
    request.to_query()  # always a valid query


@pytest.mark.usefixtures("request_context")
@pytest.mark.parametrize("args", [{"q": "x", "page": "two"}, {"q": "x", "page": "0"}, {"q": "x", "per_page": "500"}])
def test_strict_paging_raises_for_the_api(args: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        services.parse_request(args, strict=True)


@pytest.mark.usefixtures("request_context")
def test_args_round_trip() -> None:
    request, _ = services.parse_request({"q": "ภาษี", "sort": "newest", "page": "3", "year_from": "2500"})
    assert request.args(page=None) == {"q": "ภาษี", "sort": "newest", "year_from": 2500}
    again, _ = services.parse_request({k: str(v) for k, v in request.args().items()})
    assert again == request


def test_without_an_index_the_page_says_so(engine: Engine, tmp_path: Path) -> None:
    app = make_test_app(engine, tmp_path, INDEX_DIR=str(tmp_path / "no-index"))
    client = app.test_client()
    page = client.get("/search", query_string={"q": "ค่าชดเชย"})
    assert page.status_code == 200
    assert "lawportal index" in page.get_data(as_text=True)
    api = client.get("/api/v1/search", query_string={"q": "ค่าชดเชย"})
    assert api.status_code == 503 and api.json is not None and api.json["results"] == []
    assert client.get("/api/v1/suggest", query_string={"q": "พระราชบัญญัติ"}).json == {
        "query": "พระราชบัญญัติ",
        "suggestions": [],
    }
