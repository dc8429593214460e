"""The corpus report: counts per law, totals, every anomaly and every malformed record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.loader import CorpusError, RecordError
from corpus.model import RawLaw
from corpus.parser import parse_law, parse_law_with_stats
from corpus.report import build_report, corpus_report_text

from .conftest import ParsedCorpus

GOOD = "มาตรา ๑  พระราชบัญญัตินี้เรียกว่า ทดสอบ\n\nหมวด ๑\nบททั่วไป\n\nมาตรา ๒[๑]  ให้ใช้บังคับทันที\n\n[๑] เชิงอรรถ"
EMPTY = "พระราชบัญญัติที่ไม่มีมาตรา"


def raw(sysid: str, text: str, law_type: str = "พระราชบัญญัติ") -> RawLaw:
    return RawLaw(sysid=sysid, title=f"พระราชบัญญัติทดสอบ {sysid} พ.ศ. ๒๕๖๗", law_type=law_type, text=text)


def test_counts_totals_anomalies_and_errors() -> None:
    laws = [parse_law(raw("9100001", GOOD)), parse_law(raw("9100002", EMPTY))]
    error = RecordError("laws.jsonl:3", "invalid JSON: Expecting value (column 1)")
    report = build_report(laws, [error])
    first = report.laws[0]
    assert (first.sections, first.clauses, first.divisions, first.footnotes) == (2, 0, 1, 1)
    assert first.chars == len("พระราชบัญญัตินี้เรียกว่า ทดสอบ") + len("ให้ใช้บังคับทันที")
    assert report.totals["laws"] == 2 and report.totals["sections"] == 2
    assert report.totals["laws with anomalies"] == 1 and report.totals["malformed records"] == 1
    assert report.anomalies == [("9100002", "no sections found")]
    text = report.format_text()
    assert "9100002: no sections found" in text
    assert "laws.jsonl:3: invalid JSON" in text
    assert "พระราชบัญญัติทดสอบ 9100001" in text


def test_heading_statistics_are_summed() -> None:
    text = "มาตรา ๑  หนึ่ง ตาม\nมาตรา ๒ แห่งพระราชบัญญัติอื่น\n\nมาตรา ๒  สอง"
    law, stats = parse_law_with_stats(raw("9100001", text))
    assert (stats.candidates, stats.kept, stats.rejected_in_text) == (3, 2, 1)
    report = build_report([law], [], [stats, stats])
    assert report.heading_stats is not None and report.heading_stats.rejected_in_text == 2
    assert "wrapped cross-references): 2" in report.format_text()


def test_corpus_report_text_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "laws.jsonl"
    good = {"sysid": "9100001", "title": "พระราชบัญญัติทดสอบ พ.ศ. ๒๕๖๗", "law_type": "พระราชบัญญัติ", "text": GOOD}
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    text = corpus_report_text(path)
    assert "laws.jsonl:2: invalid JSON" in text
    assert "Anomalies (0)" in text


def test_corpus_report_text_on_a_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found"):
        corpus_report_text(tmp_path / "missing.jsonl.gz")


def test_report_on_the_real_corpus(real_corpus: ParsedCorpus) -> None:
    report = build_report(real_corpus.laws, real_corpus.errors)
    assert report.totals["laws"] == 671 and report.totals["malformed records"] == 0
    assert 37_000 <= report.totals["sections"] + report.totals["clauses"] <= 40_000
    assert report.totals["clauses"] > 0 and report.totals["enacting sections"] > 0
    flagged = {sysid for sysid, _ in report.anomalies}
    assert {"303960", "733691"} <= flagged  # the two laws without sections
    assert "443287" not in flagged  # the Criminal Code parses cleanly
    assert report.totals["anomalies"] < 60
