"""The /search page and its JSON twins on the whole real corpus and a real index.

One index and one database of the real corpus are built per run (session fixtures); every test
here only reads them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from tests.conftest import make_test_app

pytestmark = pytest.mark.realcorpus


@pytest.fixture
def search_app(real_engine: Engine, real_index_root: Path, tmp_path: Path) -> Flask:
    return make_test_app(real_engine, tmp_path, INDEX_DIR=str(real_index_root))


@pytest.fixture
def client(search_app: Flask) -> FlaskClient:
    return search_app.test_client()


def result_links(html: str) -> list[str]:
    """Section ids of the result list, in order."""
    hits = html.split('class="result-hits"', 1)[-1] if 'class="result-hits"' in html else ""
    return [f"{sysid}/{number}" for sysid, number in re.findall(r'href="/laws/(\d+)/sections/([^"?]+)"', hits)]


def messages(html: str) -> str:
    match = re.search(r'<div class="search-messages" role="status">(.*?)</div>', html, re.S)
    return match.group(1) if match else ""


def test_topic_query_puts_the_governing_act_first(client: FlaskClient) -> None:
    page = client.get("/search", query_string={"q": "ค่าชดเชยเมื่อนายจ้างเลิกจ้าง"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    links = result_links(html)
    assert links and links[0].startswith("642571/"), links[:3]
    assert "<mark>" in html  # highlighted snippets
    assert 'class="pagination"' in html
    # The subject index says why the act leads: it governs the concepts the query names.
    first_group = html.split('class="result-law"', 2)[1]
    assert 'class="law-topics"' in first_group and "ค่าชดเชย" in first_group.split('class="law-topics"')[1][:200]


def test_the_reason_an_act_leads_is_translated(client: FlaskClient) -> None:
    client.get("/lang/en?next=/")
    html = client.get("/search", query_string={"q": "ค่าชดเชย"}).get_data(as_text=True)
    assert "The main law on ค่าชดเชย" in html


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ("ป.พ.พ. ม.420", "/laws/567410/sections/420"),
        ("มาตรา ๓๔๑ ประมวลกฎหมายอาญา", "/laws/443287/sections/341"),
        ("รัฐธรรมนูญ มาตรา 77", "/laws/774606/sections/77"),
        ("พ.ร.บ.คุ้มครองแรงงาน มาตรา 118", "/laws/642571/sections/118"),
        ("ม.1336 ป.พ.พ.", "/laws/567410/sections/1336"),
        ("ป.วิ.อ. มาตรา 134/1", "/laws/570066/sections/134/1"),
        ("มาตรา 335 ทวิ ป.อ.", "/laws/443287/sections/335%E0%B8%97%E0%B8%A7%E0%B8%B4"),
    ],
)
def test_a_citation_jumps_to_the_section(client: FlaskClient, query: str, location: str) -> None:
    page = client.get("/search", query_string={"q": query})
    assert page.status_code == 302
    assert page.headers["Location"] == location


def test_the_jump_lands_on_the_section_with_a_notice(client: FlaskClient) -> None:
    page = client.get("/search", query_string={"q": "ป.พ.พ. ม.420"}, follow_redirects=True)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "มาตรา ๔๒๐" in html or "มาตรา 420" in html
    assert "ป.พ.พ. ม.420" in html  # the flash notice names the query


def test_a_citation_without_jump_lists_the_section_first(client: FlaskClient) -> None:
    page = client.get("/search", query_string={"q": "ป.พ.พ. ม.420", "jump": "0"})
    assert page.status_code == 200
    assert result_links(page.get_data(as_text=True))[0] == "567410/420"


def test_a_section_that_does_not_exist_says_so_and_shows_the_act(client: FlaskClient) -> None:
    page = client.get("/search", query_string={"q": "มาตรา 9999 ป.อ."})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "9999" in messages(html) and "ประมวลกฎหมายอาญา" in messages(html)
    assert 'href="/laws/443287"' in html
    assert all(link.startswith("443287/") for link in result_links(html)[:1])


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "ก" * 5000,
        "ค่าชดเชย" * 700,
        "\x00\x01\x02\x1b[31m ค่าชดเชย \x7f\x9f",
        "* ? ~ ^ : ( ) AND OR NOT",
        "ค่าชดเชย AND (นายจ้าง OR",
        '"ค่าชดเชย',
        'ค่าชดเชย" "',
        "title:ภาษี^5 ~2",
        "\ud7ff\ufffe\U0010ffff",
        "<script>alert(1)</script>",
    ],
)
def test_bad_input_gets_a_page_never_an_error(client: FlaskClient, query: str) -> None:
    page = client.get("/search", query_string={"q": query})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<script>alert(1)" not in html
    api = client.get("/api/v1/search", query_string={"q": query})
    assert api.status_code == 200 and api.json is not None


def test_a_huge_query_is_cut_with_a_notice(client: FlaskClient) -> None:
    page = client.get("/search", query_string={"q": "ค่าชดเชย " * 600})
    assert "2000" in messages(page.get_data(as_text=True))


def test_a_blank_query_asks_for_words(client: FlaskClient) -> None:
    assert "กรุณาพิมพ์คำค้น" in messages(client.get("/search?q=+++").get_data(as_text=True))


def test_bad_filter_values_are_explained_not_fatal(client: FlaskClient) -> None:
    page = client.get(
        "/search", query_string={"q": "ภาษี", "year_from": "abc", "sort": "weird", "page": "-3", "per_page": "x"}
    )
    assert page.status_code == 200
    assert messages(page.get_data(as_text=True)).count("<p>") == 4


@given(st.text(max_size=80))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_unicode_query_gets_a_page(client: FlaskClient, query: str) -> None:
    assert client.get("/search", query_string={"q": query}).status_code in (200, 302)


def test_law_type_filter(client: FlaskClient) -> None:
    page = client.get("/search", query_string={"q": "ทรัพย์สิน", "type": "ประมวลกฎหมาย"})
    html = page.get_data(as_text=True)
    laws = {link.split("/")[0] for link in result_links(html)}
    assert laws and laws <= {"443287", "567410", "570066", "570093", "570844", "320572"}
    assert re.search(r'<option value="ประมวลกฎหมาย" lang="th" selected>', html), "the chosen type stays chosen"


def test_year_range_and_newest_first(client: FlaskClient, search_app: Flask) -> None:
    api = client.get(
        "/api/v1/search", query_string={"q": "ภาษี", "year_from": "2550", "year_to": "2560", "sort": "newest"}
    ).json
    assert api is not None and api["results"]
    from lawportal.search.services import get_index

    with search_app.app_context():
        years = [get_index().laws[hit["law"]].year_be for hit in api["results"]]
    assert all(year is not None and 2550 <= year <= 2560 for year in years), years
    assert years == sorted(years, reverse=True)


def test_group_filter_offers_and_applies_subject_groups(client: FlaskClient) -> None:
    html = client.get("/search", query_string={"q": "ภาษี"}).get_data(as_text=True)
    assert 'value="ภาษีอากร และค่าธรรมเนียม"' in html
    everything = client.get("/api/v1/search", query_string={"q": "ภาษี"}).json
    narrowed = client.get("/api/v1/search", query_string={"q": "ภาษี", "group": "ศึกษา"}).json
    assert everything is not None and narrowed is not None
    assert 0 < narrowed["total"] < everything["total"]


def test_pages_differ_and_a_page_past_the_end_is_empty(client: FlaskClient) -> None:
    first = client.get("/api/v1/search", query_string={"q": "ใบอนุญาต"}).json
    second = client.get("/api/v1/search", query_string={"q": "ใบอนุญาต", "page": "2"}).json
    assert first is not None and second is not None and first["pages"] >= 2
    assert {h["id"] for h in first["results"]}.isdisjoint({h["id"] for h in second["results"]})
    beyond = client.get("/search", query_string={"q": "ใบอนุญาต", "page": "9999"})
    assert beyond.status_code == 200 and result_links(beyond.get_data(as_text=True)) == []


def test_did_you_mean_offers_the_respelling(client: FlaskClient) -> None:
    html = client.get("/search", query_string={"q": "ใบอนุณาต"}).get_data(as_text=True)
    assert 'class="did-you-mean"' in html and "ใบอนุญาต</a>" in html


def test_page_and_api_show_the_same_results(client: FlaskClient) -> None:
    query = {"q": "ใบอนุญาตประกอบธุรกิจโรงแรม"}
    api = client.get("/api/v1/search", query_string=query).json
    assert api is not None
    page_ids = result_links(client.get("/search", query_string=query).get_data(as_text=True))
    assert sorted(page_ids) == sorted(hit["id"] for hit in api["results"])
    assert api["results"][0]["law"] == "510490"
    assert set(api["results"][0]) >= {"id", "law", "title", "score", "label", "snippet", "url"}


def test_api_citation_and_missing_section(client: FlaskClient) -> None:
    found = client.get("/api/v1/search", query_string={"q": "ป.พ.พ. ม.420"}).json
    assert found is not None and found["jump_to"] == {"id": "567410/420", "url": "/laws/567410/sections/420"}
    assert found["results"][0]["id"] == "567410/420"
    missing = client.get("/api/v1/search", query_string={"q": "มาตรา 9999 ป.อ."}).json
    assert missing is not None and missing["jump_to"] is None
    assert missing["missing_section"]["law"] == "443287" and missing["missing_section"]["number"] == "9999"


@pytest.mark.parametrize("args", [{"q": "x", "per_page": "1000"}, {"q": "x", "page": "abc"}, {"q": "x", "page": "0"}])
def test_api_bad_paging_is_a_400_with_a_message(client: FlaskClient, args: dict[str, str]) -> None:
    response = client.get("/api/v1/search", query_string=args)
    assert response.status_code == 400
    assert response.json is not None and response.json["message"]


def test_suggest_completes_titles_and_abbreviations(client: FlaskClient) -> None:
    for prefix in ("พระราชบัญญัติคุ้มครองแรง", "คุ้มครองแรง", "พ.ร.บ.คุ้มครองแรง"):
        body = client.get("/api/v1/suggest", query_string={"q": prefix}).json
        assert body is not None
        assert body["suggestions"][0] == {
            "law": "642571",
            "title": "พระราชบัญญัติคุ้มครองแรงงาน พ.ศ. 2541",
            "url": "/laws/642571",
        }, prefix
    assert client.get("/api/v1/suggest", query_string={"q": ""}).json == {"query": "", "suggestions": []}
    assert client.get("/api/v1/suggest", query_string={"q": "\x00" * 3000}).status_code == 200


def test_titles_page_is_the_plain_list_fallback(client: FlaskClient) -> None:
    html = client.get("/search/titles", query_string={"q": "คุ้มครองแรงงาน"}).get_data(as_text=True)
    assert 'href="/laws/642571"' in html and 'href="/laws/834078"' in html
    empty = client.get("/search/titles", query_string={"q": "ไม่มีกฎหมายชื่อนี้แน่นอน"})
    assert empty.status_code == 200 and 'href="/laws/' not in empty.get_data(as_text=True).split("</form>")[1]


def test_search_page_is_in_english_when_asked(client: FlaskClient) -> None:
    client.set_cookie("lang", "en")
    html = client.get("/search", query_string={"q": "ค่าชดเชย", "year_from": "x"}).get_data(as_text=True)
    assert '<h1 id="search-heading">Search the laws</h1>' in html
    assert "Could not read the start year" in html
