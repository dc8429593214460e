"""Loading laws into the database: idempotent, per-law transactions, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from lawportal.laws.loading import load_laws, parse_file
from lawportal.models import CrossReference, Law, Section
from tests.conftest import DEMO_CORPUS_PATH


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_demo_corpus_loads_and_reloading_changes_nothing(sessions: sessionmaker[Session]) -> None:
    laws, errors = parse_file(DEMO_CORPUS_PATH)
    assert errors == []
    first = load_laws(sessions, laws, is_demo=True)
    assert sorted(first.stored) == sorted(law.sysid for law in laws)
    with sessions() as session:
        before = (count(session, Law), count(session, Section), count(session, CrossReference))
        assert before[1] > 10 and before[2] > 0
    second = load_laws(sessions, parse_file(DEMO_CORPUS_PATH)[0], is_demo=True)
    assert second.stored == [] and len(second.unchanged) == len(laws)
    with sessions() as session:
        assert (count(session, Law), count(session, Section), count(session, CrossReference)) == before


def test_a_changed_law_is_stored_again(sessions: sessionmaker[Session]) -> None:
    laws, _ = parse_file(DEMO_CORPUS_PATH)
    load_laws(sessions, laws)
    target = laws[0]
    target.sections[0].text += " (แก้ไข)"
    result = load_laws(sessions, laws)
    assert result.stored == [target.sysid]
    with sessions() as session:
        stored = session.get(Section, f"{target.sysid}/{target.sections[0].number}")
        assert stored is not None and stored.text.endswith("(แก้ไข)")


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = {
    "sysid": "8000001",
    "title": "พระราชบัญญัติทดสอบการโหลด พ.ศ. ๒๕๖๗",
    "law_type": "พระราชบัญญัติ",
    "groups": ["ทดสอบ"],
    "source_url": "",
    "text": "พระราชบัญญัติทดสอบการโหลด\nพ.ศ. ๒๕๖๗\n\nมาตรา ๑ พระราชบัญญัตินี้เรียกว่า พระราชบัญญัติทดสอบการโหลด\n\n"
    "มาตรา ๒ ผู้ใดฝ่าฝืนมาตรา ๑ ต้องระวางโทษปรับไม่เกินหนึ่งพันบาท\n",
}


def test_a_malformed_record_is_named_and_the_others_still_load(
    runner, app, tmp_path: Path, sessions: sessionmaker[Session]
) -> None:
    bad_json = '{"sysid": "8000002", "title": '
    no_text = json.dumps({"sysid": "8000003", "title": "ไม่มีข้อความ", "law_type": "พระราชบัญญัติ"})
    path = write_jsonl(tmp_path / "mixed.jsonl", [json.dumps(GOOD, ensure_ascii=False), bad_json, no_text])
    result = runner.invoke(args=["load", str(path)])
    assert result.exit_code == 1
    assert "mixed.jsonl:2" in result.output and "mixed.jsonl:3" in result.output
    with sessions() as session:
        assert session.get(Law, "8000001") is not None
        assert session.get(Law, "8000002") is None
        assert session.get(Section, "8000001/2") is not None


def test_load_reports_a_missing_file(runner, tmp_path: Path) -> None:
    result = runner.invoke(args=["load", str(tmp_path / "nothing.jsonl")])
    assert result.exit_code != 0
    assert "nothing.jsonl" in result.output


def test_load_command_prints_what_it_stored(runner, sessions: sessionmaker[Session]) -> None:
    result = runner.invoke(args=["load", "--demo", str(DEMO_CORPUS_PATH)])
    assert result.exit_code == 0, result.output
    assert "laws stored" in result.output
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Law).where(Law.is_demo)) >= 4


@pytest.mark.realcorpus
def test_real_corpus_in_the_database(real_engine) -> None:
    with sessionmaker(real_engine)() as session:
        assert count(session, Law) == 671
        sections = session.scalar(
            select(func.count()).select_from(Section).where(Section.part == "main", Section.kind != "preamble")
        )
        assert 36_000 <= sections <= 41_000
        murder = session.get(Section, "443287/288")
        assert murder is not None and "ฆ่าผู้อื่น" in murder.text
        assert session.get(Section, "443287/335ทวิ") is not None
        assert session.get(Section, "443287/enacting/1") is not None
        # ป.อ. 336 ทวิ raises the penalties of 334 to 336: the references are stored.
        refs = set(session.scalars(select(CrossReference.target_id).where(CrossReference.source_id == "443287/336ทวิ")))
        assert {"443287/334", "443287/335", "443287/335ทวิ"} <= refs


def test_load_command_reads_a_folder_of_text_files_with_a_csv_sidecar(
    runner, tmp_path: Path, sessions: sessionmaker[Session]
) -> None:
    folder = tmp_path / "acts"
    folder.mkdir()
    (folder / "8000001.txt").write_text(GOOD["text"], encoding="utf-8")
    (folder / "metadata.csv").write_text(
        "sysid,title,law_type,groups,source_url\n8000001," + GOOD["title"] + ",พระราชบัญญัติ,ทดสอบ,\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["load", str(folder)])
    assert result.exit_code == 0, result.output
    with sessions() as session:
        law = session.get(Law, "8000001")
        assert law is not None and law.title == GOOD["title"]
        assert session.get(Section, "8000001/2") is not None
