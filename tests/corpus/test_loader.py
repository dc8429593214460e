"""The loader reads JSON Lines (plain or gzipped) and folders of .txt files, reporting bad records."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from corpus.loader import CorpusError, RecordError, read_raw_laws
from corpus.model import RawLaw


def record(sysid: str = "9100001", **fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "sysid": sysid,
        "title": "พระราชบัญญัติทดสอบ พ.ศ. ๒๕๖๗",
        "law_type": "พระราชบัญญัติ",
        "groups": ["ทดสอบ"],
        "source_url": "https://example.org/law",
        "text": "มาตรา ๑  พระราชบัญญัตินี้เรียกว่า ทดสอบ",
    }
    base.update(fields)
    return base


def write_jsonl(path: Path, lines: list[str]) -> Path:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def split(items: list[RawLaw | RecordError]) -> tuple[list[RawLaw], list[RecordError]]:
    laws = [item for item in items if isinstance(item, RawLaw)]
    errors = [item for item in items if isinstance(item, RecordError)]
    return laws, errors


@pytest.mark.parametrize("name", ["laws.jsonl", "laws.jsonl.gz"])
def test_reads_jsonl_plain_and_gzipped(tmp_path: Path, name: str) -> None:
    path = write_jsonl(tmp_path / name, [json.dumps(record("9100001")), "", json.dumps(record("9100002"))])
    laws, errors = split(list(read_raw_laws(path)))
    assert errors == []
    assert [law.sysid for law in laws] == ["9100001", "9100002"]
    assert laws[0].groups == ("ทดสอบ",)
    assert laws[0].origin == f"{name}:1"
    assert laws[1].origin == f"{name}:3"


def test_cleans_the_text(tmp_path: Path) -> None:
    text = "มาตรา ๑\u00a0 คำว่า \x93ผู้ใช้\x94\r\nหมายความว่า\u200b บุคคล\rทั่วไป"
    path = write_jsonl(tmp_path / "laws.jsonl", [json.dumps(record(text=text))])
    (law,) = list(read_raw_laws(path))
    assert isinstance(law, RawLaw)
    assert law.text == "มาตรา ๑  คำว่า \u201cผู้ใช้\u201d\nหมายความว่า บุคคล\nทั่วไป"


def test_bad_records_are_reported_with_file_and_line_and_the_rest_still_loads(tmp_path: Path) -> None:
    lines = [
        json.dumps(record("9100001")),
        '{"sysid": "9100002", "title": ',  # broken JSON
        json.dumps(record("9100003", title="")),
        json.dumps(record("9100004", text=None)),
        json.dumps(record("9100005", groups="ก;ข")),
        json.dumps(record("9100006", title=["not", "a", "string"])),
        json.dumps(["a list"]),
        json.dumps(record("abc")),
        json.dumps(record("9100009")),
    ]
    path = write_jsonl(tmp_path / "laws.jsonl", lines)
    laws, errors = split(list(read_raw_laws(path)))
    assert [law.sysid for law in laws] == ["9100001", "9100005", "9100009"]
    assert laws[1].groups == ("ก", "ข")
    by_origin = {error.origin: error.message for error in errors}
    assert set(by_origin) == {f"laws.jsonl:{n}" for n in (2, 3, 4, 6, 7, 8)}
    assert by_origin["laws.jsonl:2"].startswith("invalid JSON")
    assert by_origin["laws.jsonl:3"] == "missing field(s): title"
    assert by_origin["laws.jsonl:4"] == "missing field(s): text"
    assert "title must be a string" in by_origin["laws.jsonl:6"]
    assert "expected a JSON object" in by_origin["laws.jsonl:7"]
    assert "sysid must be digits" in by_origin["laws.jsonl:8"]
    assert str(errors[0]) == f"laws.jsonl:2: {by_origin['laws.jsonl:2']}"


def test_a_line_that_is_not_utf8_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "laws.jsonl"
    path.write_bytes(json.dumps(record("9100001")).encode() + b"\n\xff\xfe{}\n")
    laws, errors = split(list(read_raw_laws(path)))
    assert [law.sysid for law in laws] == ["9100001"]
    assert errors[0].origin == "laws.jsonl:2" and "UTF-8" in errors[0].message


def test_missing_path_raises_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="corpus path not found: .*nowhere.jsonl"):
        list(read_raw_laws(tmp_path / "nowhere.jsonl"))


def test_a_file_of_another_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "laws.xml"
    path.write_text("<laws/>")
    with pytest.raises(CorpusError, match="not a corpus"):
        list(read_raw_laws(path))


def test_truncated_gzip_keeps_what_was_read_and_then_raises(tmp_path: Path) -> None:
    lines = [json.dumps(record(str(9100000 + n), text="ข้อความ " * 400)) for n in range(1, 40)]
    whole = gzip.compress(("\n".join(lines) + "\n").encode())
    path = tmp_path / "laws.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    read: list[RawLaw | RecordError] = []
    with pytest.raises(CorpusError, match="laws.jsonl.gz:.*compressed"):
        for item in read_raw_laws(path):
            read.append(item)
    assert read and all(isinstance(item, RawLaw) for item in read)


def write_folder(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir()
    for sysid, text in texts.items():
        (folder / f"{sysid}.txt").write_text(text, encoding="utf-8")
    return folder


def test_reads_a_folder_of_text_files_with_csv_metadata(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "acts", {"9100001": "มาตรา ๑  หนึ่ง", "9100002": "มาตรา ๑  สอง", "9100003": "x"})
    (folder / "metadata.csv").write_text(
        "sysid,title,law_type,groups,source_url\n"
        "9100001,พระราชบัญญัติหนึ่ง พ.ศ. ๒๕๖๗,พระราชบัญญัติ,ก;ข,https://example.org/1\n"
        "9100002,พระราชบัญญัติสอง พ.ศ. ๒๕๖๗,พระราชบัญญัติ,,\n"
        "9100004,พระราชบัญญัติสี่ พ.ศ. ๒๕๖๗,พระราชบัญญัติ,,\n",
        encoding="utf-8",
    )
    laws, errors = split(list(read_raw_laws(folder)))
    assert [(law.sysid, law.title) for law in laws] == [
        ("9100001", "พระราชบัญญัติหนึ่ง พ.ศ. ๒๕๖๗"),
        ("9100002", "พระราชบัญญัติสอง พ.ศ. ๒๕๖๗"),
    ]
    assert laws[0].groups == ("ก", "ข") and laws[0].text == "มาตรา ๑  หนึ่ง"
    messages = {error.origin: error.message for error in errors}
    assert messages["9100003.txt:1"] == "no metadata row for sysid 9100003 in metadata.csv"
    assert messages["metadata.csv:4"] == "no text file 9100004.txt for this metadata row"


def test_reads_a_folder_with_json_metadata(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "acts", {"9100001": "มาตรา ๑  หนึ่ง"})
    metadata = [{"sysid": "9100001", "title": "พระราชบัญญัติหนึ่ง พ.ศ. ๒๕๖๗", "law_type": "พระราชบัญญัติ"}]
    (folder / "metadata.json").write_text(json.dumps(metadata, ensure_ascii=False), encoding="utf-8")
    laws, errors = split(list(read_raw_laws(folder)))
    assert errors == [] and [law.sysid for law in laws] == ["9100001"]


def test_a_folder_without_metadata_reports_every_text(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "acts", {"9100001": "มาตรา ๑  หนึ่ง"})
    laws, errors = split(list(read_raw_laws(folder)))
    assert laws == []
    assert errors[0].origin == "9100001.txt:1" and "no metadata row" in errors[0].message


def test_an_empty_folder_is_not_a_corpus(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="no .txt files"):
        list(read_raw_laws(tmp_path / "empty"))


def test_soft_wraps_of_scraped_html_are_joined_and_paragraphs_kept(tmp_path: Path) -> None:
    text = "มาตรา ๑\u00a0 ผู้ใดกระทำ\r\nโดยประมาท\nถ้าการกระทำนั้น\r\n  เป็นเหตุให้เสียหาย"
    path = write_jsonl(tmp_path / "laws.jsonl", [json.dumps(record(text=text))])
    (law,) = list(read_raw_laws(path))
    assert isinstance(law, RawLaw) and law.paragraph_lines
    assert law.text == "มาตรา ๑  ผู้ใดกระทำ โดยประมาท\nถ้าการกระทำนั้น เป็นเหตุให้เสียหาย"


def test_a_text_with_only_crlf_line_endings_keeps_its_lines(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "laws.jsonl", [json.dumps(record(text="มาตรา ๑  หนึ่ง\r\nต่อ\r\n"))])
    (law,) = list(read_raw_laws(path))
    assert isinstance(law, RawLaw) and not law.paragraph_lines
    assert law.text == "มาตรา ๑  หนึ่ง\nต่อ\n"


def test_text_files_keep_their_line_breaks(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "acts", {})
    (folder / "9100001.txt").write_bytes("มาตรา ๑  หนึ่ง\r\nต่อ\n".encode())
    (folder / "metadata.csv").write_text("sysid,title\n9100001,พระราชบัญญัติหนึ่ง พ.ศ. ๒๕๖๗\n", encoding="utf-8")
    (law,) = list(read_raw_laws(folder))
    assert isinstance(law, RawLaw) and not law.paragraph_lines and law.text == "มาตรา ๑  หนึ่ง\nต่อ\n"
