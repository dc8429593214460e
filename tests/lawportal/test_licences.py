"""The business licence checker: the catalogue file, its conditions, and the pages and API through HTTP.

These run on an empty database, on one hand-made act, and on the demo corpus; the real corpus has its own
module (test_licences_realcorpus.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy.orm import Session, sessionmaker

from corpus import model
from lawportal.laws.loading import load_laws, parse_file, store_law
from lawportal.licences.catalogue import (
    DEFAULT_PATH,
    DEMO_PATH,
    AnswerError,
    CatalogueError,
    UnknownActivity,
    default_catalogue,
    evaluate,
    load_catalogue,
    merge_catalogues,
    parse_answers,
    parse_catalogue,
)
from lawportal.licences.services import excerpt
from tests.conftest import DEMO_CORPUS_PATH

BRIEF_ACTIVITIES = {
    "hotel", "restaurant", "factory", "pharmacy", "private-school", "tour-business", "construction",
    "liquor-shop", "tobacco-shop", "petrol-station", "online-shop", "employment-agency", "clinic",
    "spa-massage", "entertainment-venue", "transport", "import-export",
}  # fmt: skip


def shipped_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    return data


# --- the catalogue file -------------------------------------------------------------------------------


def test_shipped_catalogue_covers_the_activities_businesses_ask_about() -> None:
    catalogue = default_catalogue()
    ids = {activity.id for activity in catalogue.activities}
    assert BRIEF_ACTIVITIES <= ids
    assert len(ids) >= 15
    for activity in catalogue.activities:
        assert activity.name.th and activity.name.en
        for requirement in activity.requirements:
            licence = requirement.licence
            assert licence.name.th and licence.name.en and licence.agency.th and licence.agency.en
            assert licence.sections, licence.id


def test_every_licence_is_used_and_every_question_asked() -> None:
    catalogue = default_catalogue()
    used = {r.licence.id for a in catalogue.activities for r in a.requirements}
    asked = {q for a in catalogue.activities for q in a.question_ids()}
    assert used == set(catalogue.licences)
    assert asked == set(catalogue.questions)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["licences"]["hotel-licence"].update(sections=["510490/15x"]), "hotel-licence"),
        (lambda d: d["licences"]["hotel-licence"].update(sections=["๕๑๐๔๙๐/15"]), "section id"),
        (lambda d: d["licences"]["hotel-licence"].update(sections=["510490/15", "769946/12"]), "one law"),
        (lambda d: d["licences"]["hotel-licence"].update(sections=["123/4"], penalties=[]), "not listed under 'laws'"),
        (lambda d: d["licences"]["hotel-licence"].update(bizportal_path="https://evil.example/"), "bizportal_path"),
        (lambda d: d["licences"]["hotel-licence"].pop("agency_en"), "agency_en"),
        (lambda d: d["activities"][0]["requirements"].append({"licence": "no-such-licence"}), "unknown licence"),
        (
            lambda d: d["activities"][0]["requirements"].append(
                {"licence": "hotel-licence", "when": {"question": "rooms", "equals": "yes"}}
            ),
            "number question",
        ),
        (
            lambda d: d["activities"][0]["requirements"].append(
                {"licence": "hotel-licence", "when": {"question": "nope", "equals": "yes"}}
            ),
            "unknown question",
        ),
        (
            lambda d: d["activities"][0]["requirements"].append(
                {"licence": "hotel-licence", "when": {"any": [{"question": "rooms", "at_least": 1}]}}
            ),
            "at least two",
        ),
        (lambda d: d["activities"].append(dict(d["activities"][0])), "duplicate activity"),
        (lambda d: d["activities"][1].update(id="Bad Id"), "lower-case"),
    ],
)
def test_a_bad_catalogue_entry_is_named(change: Any, message: str) -> None:
    data = shipped_data()
    change(data)
    with pytest.raises(CatalogueError, match=message) as caught:
        parse_catalogue(data, "licences.json")
    assert str(caught.value).startswith("licences.json:")


def test_merging_refuses_an_id_defined_twice_differently() -> None:
    reviewed, demo = load_catalogue(DEFAULT_PATH), load_catalogue(DEMO_PATH)
    assert {a.id for a in merge_catalogues(reviewed, demo).activities} == {
        a.id for a in (*reviewed.activities, *demo.activities)
    }
    data = json.loads(DEMO_PATH.read_text(encoding="utf-8"))
    data["questions"]["rooms"]["th"] = "ห้อง"
    with pytest.raises(CatalogueError, match=r"define questions \['rooms'\] differently"):
        merge_catalogues(reviewed, parse_catalogue(data, "demo.json"))
    with pytest.raises(CatalogueError, match="both define activities"):
        merge_catalogues(reviewed, reviewed)


def test_malformed_json_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "licences.json"
    path.write_text('{\n  "laws": {},\n  "questions": {,\n}', encoding="utf-8")
    with pytest.raises(CatalogueError, match=rf"{path}:3: not valid JSON"):
        load_catalogue(path)


# --- conditions and answers ---------------------------------------------------------------------------


def test_conditions_are_three_valued() -> None:
    factory = default_catalogue().activity("factory")
    licence_when = {r.licence.id: r.when for r in factory.requirements}
    class3 = licence_when["factory-licence"]
    assert evaluate(class3, {}) is None
    assert evaluate(class3, {"machinery_hp": 60}) is None  # class still unknown
    assert evaluate(class3, {"machinery_hp": 60, "factory_class3": "yes"}) is True
    assert evaluate(class3, {"workers": 80, "factory_class3": "yes"}) is True
    assert evaluate(class3, {"machinery_hp": 10, "workers": 10}) is False  # not a factory at all
    assert evaluate(class3, {"machinery_hp": 10, "factory_class3": "yes"}) is None  # workers unknown
    assert evaluate(class3, {"machinery_hp": 60, "factory_class3": "no"}) is False
    assert evaluate(None, {}) is True


def test_answers_are_parsed_and_bad_ones_refused() -> None:
    catalogue = default_catalogue()
    hotel = catalogue.activity("hotel")
    answers = parse_answers(
        catalogue,
        hotel,
        {"rooms": "๑๒", "sells_alcohol": "yes", "food_area": "1,500", "has_employees": "", "lang": "en"},
    )
    assert answers == {"rooms": 12, "sells_alcohol": "yes", "food_area": 1500}
    for bad in ({"rooms": "-3"}, {"rooms": "twelve"}, {"rooms": "99999999999"}, {"sells_alcohol": "maybe"}):
        with pytest.raises(AnswerError):
            parse_answers(catalogue, hotel, bad)
    with pytest.raises(UnknownActivity):
        catalogue.activity("casino")


def test_excerpt_cuts_at_a_space() -> None:
    text = "คำ " * 200
    cut = excerpt(text, 50)
    assert cut.endswith(" …") and len(cut) <= 52
    assert excerpt("สั้น\n  มาก") == "สั้น มาก"


# --- pages and API on a database without the cited laws --------------------------------------------------


def test_index_is_a_plain_get_form_with_every_activity(client: FlaskClient) -> None:
    response = client.get("/licences")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<form method="get"' in html and "<fieldset>" in html and "<legend>" in html
    for activity in default_catalogue().activities:
        assert (f'value="{activity.id}"' in html) is not activity.demo  # demo acts are not loaded here
    chosen = client.get("/licences?activity=hotel")
    assert chosen.status_code == 303
    assert chosen.headers["Location"].endswith("/licences/hotel")


def test_checklist_without_the_laws_loaded_shows_titles_without_links(client: FlaskClient) -> None:
    response = client.get("/licences/hotel?rooms=20&sells_alcohol=yes&sells_tobacco=no")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "ใบอนุญาตประกอบธุรกิจโรงแรม" in html
    assert "พระราชบัญญัติโรงแรม พ.ศ. 2547" in html
    assert "/laws/510490" not in html  # the act is not in this database: no dead link
    assert "ยังไม่มีตัวบทฉบับนี้" in html
    assert "https://bizportal.go.th/" in html
    required = html.split('id="required-heading"')[1].split('id="depends-heading"')[0]
    assert "ใบอนุญาตขายสุรา" in required and "ใบอนุญาตประกอบธุรกิจโรงแรม" in required
    not_needed = html.split('id="not-needed-heading"')[1]
    assert "ใบอนุญาตขายยาสูบ" in not_needed and "แจ้งการประกอบกิจการที่พักขนาดเล็ก" in not_needed


def test_unanswered_questions_leave_licences_as_depending(client: FlaskClient) -> None:
    body = client.get("/api/v1/licences/hotel").get_json()
    status = {item["id"]: item["status"] for item in body["licences"]}
    assert status["commercial-registration"] == "required"
    assert status["hotel-licence"] == "depends"
    assert status["small-lodging-notice"] == "depends"
    small = client.get("/api/v1/licences/hotel?rooms=3").get_json()
    status = {item["id"]: item["status"] for item in small["licences"]}
    assert status["hotel-licence"] == "not_needed" and status["small-lodging-notice"] == "required"


def test_bizportal_base_comes_from_the_setting(client: FlaskClient) -> None:
    client.application.config["BIZPORTAL_URL"] = "https://portal.example.test/"
    body = client.get("/api/v1/licences/pharmacy").get_json()
    assert {item["bizportal_url"] for item in body["licences"]} == {"https://portal.example.test/"}


def test_english_page_uses_english_names(client: FlaskClient) -> None:
    html = client.get("/licences/restaurant?lang=en&food_area=150").get_data(as_text=True)
    assert "Notification certificate for a food shop" in html
    assert "Public Health Act B.E. 2535 (1992)" in html


def test_unknown_activity_is_404_with_a_message(client: FlaskClient) -> None:
    for path in ("/licences/casino", "/licences?activity=casino"):
        response = client.get(path)
        assert response.status_code == 404
        assert "casino" in response.get_data(as_text=True)
    api = client.get("/api/v1/licences/casino")
    assert api.status_code == 404
    assert "casino" in json.dumps(api.get_json(), ensure_ascii=False)


def test_odd_query_keys_are_ignored_and_links_keep_only_answers(client: FlaskClient) -> None:
    page = client.get("/licences/hotel?activity=casino&_external=1&rooms=12&lang=en")
    assert page.status_code == 200
    assert 'href="/api/v1/licences/hotel?rooms=12&amp;lang=en"' in page.get_data(as_text=True)
    api = client.get("/api/v1/licences/hotel?activity=casino&_anchor=x&rooms=12").get_json()
    assert api["page"] == "/licences/hotel?rooms=12"


@pytest.mark.parametrize("query", ["rooms=abc", "rooms=-1", "sells_alcohol=perhaps", "rooms=1e9"])
def test_bad_answers_are_400_naming_the_question(client: FlaskClient, query: str) -> None:
    page = client.get(f"/licences/hotel?{query}")
    assert page.status_code == 400
    question = "จำนวนห้องพักที่ให้เช่า" if query.startswith("rooms") else "ขายสุราหรือเครื่องดื่มแอลกอฮอล์หรือไม่"
    assert question in page.get_data(as_text=True)
    api = client.get(f"/api/v1/licences/hotel?{query}")
    assert api.status_code == 400
    assert question in json.dumps(api.get_json(), ensure_ascii=False)


def test_api_lists_activities_and_questions(client: FlaskClient) -> None:
    body = client.get("/api/v1/licences?lang=en").get_json()
    assert {a["id"] for a in body["activities"]} >= BRIEF_ACTIVITIES
    hotel = next(a for a in body["activities"] if a["id"] == "hotel")
    assert "rooms" in hotel["questions"] and hotel["url"] == "/api/v1/licences/hotel"
    assert body["questions"]["rooms"]["text"] == "Number of guest rooms"
    checklist = client.get(hotel["url"] + "?rooms=10").get_json()
    hotel_licence = next(item for item in checklist["licences"] if item["id"] == "hotel-licence")
    assert hotel_licence["sections"] == [{"id": "510490/15", "number": "15", "url": None, "excerpt": None}]
    assert hotel_licence["condition"] == {"question": "rooms", "at_least": 9}


# --- pages with a loaded act: links and excerpts ------------------------------------------------------------

HAND_MADE_HOTEL_ACT = model.Law(
    sysid="510490",
    title="พระราชบัญญัติโรงแรม พ.ศ. 2547",
    law_type="พระราชบัญญัติ",
    year_be=2547,
    sections=[
        model.Section("15", "มาตรา 15", "ข้อความทดสอบที่เขียนขึ้นสำหรับการทดสอบ ว่าด้วยใบอนุญาตของผู้ประกอบการ"),
        model.Section("59", "มาตรา 59", "ข้อความทดสอบว่าด้วยโทษของผู้ไม่มีใบอนุญาต"),
    ],
)


def test_a_loaded_law_is_linked_with_section_excerpts(client: FlaskClient, sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        assert store_law(session, HAND_MADE_HOTEL_ACT, is_demo=True)
    html = client.get("/licences/hotel?rooms=30").get_data(as_text=True)
    assert 'href="/laws/510490"' in html
    assert 'href="/laws/510490/sections/15"' in html and 'href="/laws/510490/sections/59"' in html
    assert "ข้อความทดสอบที่เขียนขึ้นสำหรับการทดสอบ" in html
    assert "/laws/510490/sections/4" not in html  # section 4 is not in this hand-made act: no dead link


# --- the demo database ------------------------------------------------------------------------------------


@pytest.fixture
def demo_loaded(sessions: sessionmaker[Session]) -> None:
    if not DEMO_CORPUS_PATH.exists():
        pytest.skip(f"demo corpus not found at {DEMO_CORPUS_PATH}")
    laws, errors = parse_file(DEMO_CORPUS_PATH)
    assert errors == []
    assert load_laws(sessions, laws, is_demo=True).errors == []


def test_demo_catalogue_cites_sections_of_the_demo_acts() -> None:
    if not DEMO_CORPUS_PATH.exists():
        pytest.skip(f"demo corpus not found at {DEMO_CORPUS_PATH}")
    laws, errors = parse_file(DEMO_CORPUS_PATH)
    assert errors == []
    sections = {f"{law.sysid}/{s.number}": s.text for law in laws for s in law.sections}
    titles = {law.sysid: law.title for law in laws}
    demo = load_catalogue(DEMO_PATH)
    assert all(activity.demo for activity in demo.activities)
    assert {sysid: title.th for sysid, title in demo.laws.items()} == {sysid: titles[sysid] for sysid in demo.laws}
    for licence in demo.licences.values():
        for section_id in licence.sections:
            assert "อนุญาต" in sections[section_id] or "แจ้ง" in sections[section_id], section_id
        for section_id in licence.penalties:
            assert "ระวางโทษ" in sections[section_id], section_id


@pytest.mark.usefixtures("demo_loaded")
def test_every_checklist_renders_on_the_demo_database(client: FlaskClient) -> None:
    for activity in default_catalogue().activities:
        page = client.get(f"/licences/{activity.id}")
        assert page.status_code == 200, activity.id
        assert activity.name.th in page.get_data(as_text=True)
        api = client.get(f"/api/v1/licences/{activity.id}")
        assert api.status_code == 200
        assert len(api.get_json()["licences"]) == len(activity.requirements)


@pytest.mark.usefixtures("demo_loaded")
def test_demo_activities_are_offered_and_linked_when_the_demo_acts_are_loaded(client: FlaskClient) -> None:
    index = client.get("/licences").get_data(as_text=True)
    assert 'value="demo-hotel"' in index and 'value="demo-food-shop"' in index
    listed = {a["id"]: a for a in client.get("/api/v1/licences").get_json()["activities"]}
    assert listed["demo-hotel"]["demo"] is True and listed["hotel"]["demo"] is False
    html = client.get("/licences/demo-hotel?rooms=20").get_data(as_text=True)
    assert 'href="/laws/9000001/sections/4"' in html and 'href="/laws/9000001/sections/10"' in html
    assert "ห้ามมิให้ผู้ใดประกอบธุรกิจโรงแรม" in html  # the demo act's own words, as an excerpt
    small = client.get("/api/v1/licences/demo-hotel?rooms=4").get_json()
    notice = next(item for item in small["licences"] if item["id"] == "demo-small-lodging-notice")
    assert notice["status"] == "required"
    assert notice["sections"][0]["url"] == "/laws/9000001/sections/4/1"


# --- the CLI ----------------------------------------------------------------------------------------------


def test_check_command_reports_laws_not_loaded(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["licences", "check"])
    assert result.exit_code == 0, result.output
    assert "21 activities" in result.output
    assert "not loaded (shown without links): " in result.output and "510490" in result.output


def test_check_command_fails_on_a_section_the_loaded_law_lacks(
    runner: FlaskCliRunner, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        assert store_law(session, HAND_MADE_HOTEL_ACT, is_demo=True)  # sections 15 and 59, not 4
    result = runner.invoke(args=["licences", "check"])
    assert result.exit_code == 1
    assert "error: 510490/4 is cited but its loaded law has no such section" in result.output
    assert "510490/15" not in result.output
