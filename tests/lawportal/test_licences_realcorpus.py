"""The licence catalogue checked against the real acts: every cited law and section exists and says what we claim.

Skipped, with the reason printed, when ../shared/corpus/thai-acts.jsonl.gz is absent.
"""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from corpus import model
from lawportal.licences.catalogue import DEFAULT_PATH, Catalogue, load_catalogue

pytestmark = pytest.mark.realcorpus

# What a requiring section must talk about (a licence, registration, notice, declaration, or the
# definition that sets a threshold), and what a penalty section must say.
REQUIRING_WORDS = re.compile("อนุญาต|ทะเบียน|แจ้ง|ใบขนสินค้า|หมายความว่า")
PENALTY_WORDS = "ระวางโทษ"
# A penalty section that does not cite the section by number names the offence instead.
OFFENCE_WORDS = re.compile("ไม่ได้รับ(ใบ)?อนุญาต|ไม่จดทะเบียน|ไม่แจ้ง")


def reviewed_catalogue() -> Catalogue:
    """The reviewed file alone: the demo file cites the demo acts, checked in test_licences.py."""
    return load_catalogue(DEFAULT_PATH)


def _squeeze(title: str) -> str:
    """A title without spaces and dots: the corpus writes พ.ศ.2547, พ.ศ 2550 and พ.ศ. 2547."""
    return re.sub(r"[\s.]", "", title)


@pytest.fixture(scope="module")
def cited_laws(real_laws: list[model.Law]) -> dict[str, model.Law]:
    wanted = set(reviewed_catalogue().laws)
    return {law.sysid: law for law in real_laws if law.sysid in wanted}


def test_every_cited_law_is_in_the_corpus_under_its_title(cited_laws: dict[str, model.Law]) -> None:
    catalogue = reviewed_catalogue()
    missing = sorted(set(catalogue.laws) - set(cited_laws))
    assert missing == []
    wrong_titles = {
        sysid: (cited_laws[sysid].title, title.th)
        for sysid, title in catalogue.laws.items()
        if not _squeeze(cited_laws[sysid].title).startswith(_squeeze(title.th))
    }
    assert wrong_titles == {}


def test_every_cited_section_exists_and_says_what_it_is_cited_for(cited_laws: dict[str, model.Law]) -> None:
    catalogue = reviewed_catalogue()
    texts = {f"{law.sysid}/{s.number}": s.text for law in cited_laws.values() for s in law.sections}
    problems = []
    for licence in catalogue.licences.values():
        for section_id in licence.sections:
            if section_id not in texts:
                problems.append(f"{licence.id}: {section_id} not found")
            elif not REQUIRING_WORDS.search(re.sub(r"\s+", "", texts[section_id])):
                problems.append(f"{licence.id}: {section_id} requires nothing: {texts[section_id][:80]}")
        for section_id in licence.penalties:
            if section_id not in texts:
                problems.append(f"{licence.id}: penalty {section_id} not found")
            elif PENALTY_WORDS not in texts[section_id]:
                problems.append(f"{licence.id}: {section_id} is no penalty: {texts[section_id][:80]}")
    assert problems == []


def test_penalty_sections_name_the_sections_they_punish(cited_laws: dict[str, model.Law]) -> None:
    """A penalty cited for a licence should mention one of its requiring sections (or the licence itself)."""
    from corpus.thai import to_arabic_digits

    catalogue = reviewed_catalogue()
    texts = {f"{law.sysid}/{s.number}": s.text for law in cited_laws.values() for s in law.sections}
    unrelated = []
    for licence in catalogue.licences.values():
        numbers = [sid.split("/", 1)[1] for sid in licence.sections]
        for penalty in licence.penalties:
            flat = re.sub(r"\s+", "", to_arabic_digits(texts[penalty]))
            cites = any(re.search(rf"มาตรา{re.escape(n)}(?![\d/])", flat) for n in numbers)
            if not cites and not OFFENCE_WORDS.search(flat):
                unrelated.append(f"{licence.id}: {penalty}")
    assert unrelated == []


def test_checklists_on_the_real_database_link_every_section(real_client: FlaskClient) -> None:
    catalogue = reviewed_catalogue()
    for activity in catalogue.activities:
        body = real_client.get(f"/api/v1/licences/{activity.id}").get_json()
        for item in body["licences"]:
            assert item["law"]["url"] == f"/laws/{item['law']['sysid']}", item["id"]
            for ref in item["sections"] + item["penalties"]:
                assert ref["url"] == f"/laws/{ref['id'].split('/', 1)[0]}/sections/{ref['number']}", ref
                assert ref["excerpt"], ref


def test_hotel_checklist_page_on_the_real_database(real_client: FlaskClient) -> None:
    html = real_client.get("/licences/hotel?rooms=20&sells_alcohol=yes").get_data(as_text=True)
    assert 'href="/laws/510490/sections/15"' in html
    assert 'href="/laws/510490/sections/59"' in html
    assert 'href="/laws/772370/sections/155"' in html
    assert "ประกอบธุรกิจโรงแรม" in html  # the excerpt of section 15
    assert "ยังไม่มีตัวบทฉบับนี้" not in html
    section = real_client.get("/laws/510490/sections/15")
    assert section.status_code == 200
