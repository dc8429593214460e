"""Reading the laws in the browser and through the API, on the demo and the real corpus."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session, sessionmaker

from corpus.model import Law
from corpus.thai import to_arabic_digits
from lawportal.laws.loading import load_laws, parse_file
from tests.conftest import DEMO_CORPUS_PATH


@pytest.fixture
def demo_laws(sessions: sessionmaker[Session]) -> list[Law]:
    laws, errors = parse_file(DEMO_CORPUS_PATH)
    assert errors == []
    load_laws(sessions, laws, is_demo=True)
    return laws


def test_browse_lists_and_filters_laws(client: FlaskClient, demo_laws: list[Law]) -> None:
    page = client.get("/laws").get_data(as_text=True)
    for law in demo_laws:
        assert law.title in page
    law = demo_laws[0]
    filtered = client.get("/laws", query_string={"type": "ประกาศ-ไม่มี"}).get_data(as_text=True)
    assert law.title not in filtered
    assert law.year_be is not None
    by_be = client.get("/laws", query_string={"year": law.year_be}).get_data(as_text=True)
    by_ce = client.get("/laws", query_string={"year": law.year_be - 543, "era": "ce"}).get_data(as_text=True)
    assert law.title in by_be and law.title in by_ce
    of_its_type = client.get("/laws", query_string={"type": law.law_type}).get_data(as_text=True)
    assert law.title in of_its_type
    assert f'<option value="{law.law_type}" lang="th" selected>' in of_its_type


def test_browse_rejects_a_malformed_year(client: FlaskClient) -> None:
    response = client.get("/laws?year=abc")
    assert response.status_code == 400


def test_law_page_has_toc_anchors_and_footnotes_apart(client: FlaskClient, demo_laws: list[Law]) -> None:
    law = next(law for law in demo_laws if law.footnotes)
    html = client.get(f"/laws/{law.sysid}").get_data(as_text=True)
    for section in law.sections:
        assert f'id="s-{section.number}"' in html
    assert 'class="footnotes"' in html
    assert to_arabic_digits(law.footnotes[0].text) in to_arabic_digits(html)
    assert "[๑]" not in html  # footnote marks are taken out of the section text


def test_section_permalinks_including_slash_and_suffix_numbers(
    client: FlaskClient, demo_laws: list[Law]
) -> None:
    numbers = [s.number for law in demo_laws for s in law.sections]
    assert any("/" in n for n in numbers) and any("ทวิ" in n for n in numbers)
    for law in demo_laws:
        for section in law.sections:
            response = client.get(f"/laws/{law.sysid}/sections/{section.number}")
            assert response.status_code == 200, (law.sysid, section.number)
            assert to_arabic_digits(section.label) in to_arabic_digits(response.get_data(as_text=True))


def test_cross_references_are_links_and_sections_list_who_cites_them(
    client: FlaskClient, demo_laws: list[Law]
) -> None:
    found_link = False
    for law in demo_laws:
        for section in law.sections:
            data = client.get(f"/api/v1/sections/{law.sysid}/{section.number}").get_json()
            for target in data["references"]:
                found_link = True
                target_sysid, _, target_number = target.partition("/")
                html = client.get(f"/laws/{law.sysid}/sections/{section.number}").get_data(as_text=True)
                assert f'href="/laws/{target_sysid}/sections/{target_number}"' in html
                cited = client.get(f"/api/v1/sections/{target_sysid}/{target_number}").get_json()
                assert data["id"] in cited["cited_by"]
    assert found_link


def test_unknown_law_and_section_are_404_with_a_message(client: FlaskClient, demo_laws: list[Law]) -> None:
    assert client.get("/laws/123").status_code == 404
    law = demo_laws[0]
    response = client.get(f"/laws/{law.sysid}/sections/9999")
    assert response.status_code == 404
    api = client.get(f"/api/v1/sections/{law.sysid}/9999")
    assert api.status_code == 404 and "9999" in api.get_json()["message"]
    assert client.get(f"/api/v1/sections/{law.sysid}/abc").status_code == 404


def test_api_twins(client: FlaskClient, demo_laws: list[Law]) -> None:
    listing = client.get("/api/v1/laws").get_json()
    assert listing["total"] == len(demo_laws)
    law = demo_laws[0]
    detail = client.get(f"/api/v1/laws/{law.sysid}").get_json()
    assert detail["title"] == law.title
    assert [s["number"] for s in detail["sections"] if s["part"] == "main" and s["kind"] != "preamble"] == [
        s.number for s in law.sections
    ]


@pytest.mark.realcorpus
def test_real_sections_read_in_the_browser(real_client: FlaskClient) -> None:
    html = real_client.get("/laws/443287/sections/335ทวิ").get_data(as_text=True)
    assert "มาตรา 335 ทวิ" in to_arabic_digits(html)
    murder = real_client.get("/api/v1/sections/443287/288").get_json()
    assert "ฆ่าผู้อื่น" in murder["text"]
    assert murder["id"] == "443287/288"
    theft = real_client.get("/api/v1/sections/443287/335ทวิ").get_json()
    assert "443287/336ทวิ" in theft["cited_by"]  # ม.336 ทวิ raises the penalty of ม.335 ทวิ


@pytest.mark.realcorpus
def test_long_codes_are_split_into_light_pages(real_client: FlaskClient) -> None:
    first = real_client.get("/laws/443287").get_data(as_text=True)
    pages = {int(n) for n in re.findall(r"/laws/443287\?page=(\d+)", first)}
    assert len(pages) >= 2
    for page in sorted(pages)[:3]:
        html = real_client.get(f"/laws/443287?page={page}").get_data()
        assert len(html) < 100_000
