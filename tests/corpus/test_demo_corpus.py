"""The demo corpus shipped in the repo parses cleanly and shows what the portal can do."""

from __future__ import annotations

import json
from pathlib import Path

from corpus.crossrefs import find_references, resolve_reference
from corpus.loader import RecordError, read_raw_laws
from corpus.model import Law, RawLaw
from corpus.parser import parse_laws

DEMO = Path(__file__).resolve().parents[2] / "corpus" / "demo" / "demo-acts.jsonl"


def demo_laws() -> list[Law]:
    items = list(read_raw_laws(DEMO))
    assert not [item for item in items if isinstance(item, RecordError)]
    return parse_laws([item for item in items if isinstance(item, RawLaw)])


def test_demo_acts_are_marked_and_cannot_collide_with_real_ones() -> None:
    records = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert 4 <= len(records) <= 6
    for record in records:
        assert 9_000_001 <= int(record["sysid"]) <= 9_000_006
        assert record.get("demo") is True or "สาธิต" in record["title"]
        assert "สาธิต" in record["text"]


def test_demo_corpus_parses_with_zero_anomalies() -> None:
    laws = demo_laws()
    assert all(law.sections for law in laws)
    assert [law.anomalies for law in laws] == [[] for _ in laws]
    numbers = {section.number for law in laws for section in law.sections}
    assert any(number.endswith("ทวิ") for number in numbers)
    assert any("/" in number for number in numbers)
    assert any(law.enacting_sections for law in laws)
    assert any(law.footnotes for law in laws)
    assert all(law.year_be for law in laws)


def test_demo_acts_cite_each_other() -> None:
    laws = demo_laws()
    titles = {law.title: law.sysid for law in laws}
    targets = {
        resolve_reference(reference, law.sysid, titles)
        for law in laws
        for section in law.sections
        for reference in find_references(section.text)
    }
    existing = {f"{law.sysid}/{section.number}" for law in laws for section in law.sections}
    assert None not in targets and targets <= existing
    assert {target.split("/")[0] for target in targets if target} >= {law.sysid for law in laws}
    cross_law = [
        reference
        for law in laws
        for section in law.sections
        for reference in find_references(section.text)
        if reference.law_title is not None
    ]
    assert cross_law
