"""The search quality query set: well formed, every expectation true of the real corpus, and met.

The benchmark (``python -m benchmarks.bench_quality``) reports the rates; these tests hold the
floor: every citation at rank 1, every abbreviation's law first, topic laws in the top 3.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from benchmarks.bench_quality import KINDS, distinct_laws, rates, read_queries, run, score
from indexer.citations import parse_citation
from indexer.lawnames import LawNames

QUERIES = read_queries()


def test_the_query_set_is_big_and_varied_enough() -> None:
    kinds = Counter(query["kind"] for query in QUERIES)
    assert len(QUERIES) >= 60
    assert set(kinds) == set(KINDS)
    assert kinds["topic"] >= 25 and kinds["citation"] >= 20
    assert len({q["expect_law"] for q in QUERIES if q["kind"] == "citation"}) >= 20
    assert len({q["id"] for q in QUERIES}) == len(QUERIES)
    for query in QUERIES:
        if query["kind"] in ("misspelling", "variant"):
            assert query["canonical"] and query["canonical"] != query["query"], query["id"]
        if query["kind"] == "citation":
            assert query["expect_section"], query["id"]


def test_a_malformed_line_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "q.jsonl"
    bad.write_text('{"id": "a", "query": "x", "kind": "topic", "expect_law": "1"}\n{"id": \n', "utf-8")
    with pytest.raises(ValueError, match=r"q\.jsonl:2"):
        read_queries(bad)
    bad.write_text('{"id": "a", "query": "x", "kind": "guess", "expect_law": "1"}\n', "utf-8")
    with pytest.raises(ValueError, match=r"q\.jsonl:1"):
        read_queries(bad)


def test_scoring() -> None:
    topic = {"id": "t", "query": "x", "kind": "topic", "expect_law": "2", "expect_section": "2/5"}
    outcome = score(topic, ["1/1", "1/2", "2/5", "3/1"], None)
    assert outcome.checks == {"law_hit1": False, "law_hit3": True, "section_hit3": True}
    citation = {"id": "c", "query": "x", "kind": "citation", "expect_law": "1", "expect_section": "1/9"}
    assert score(citation, ["1/9"], None).checks == {"citation_rank1": True}
    variant = {"id": "v", "query": "x", "kind": "variant", "expect_law": "1", "canonical": "y"}
    assert score(variant, ["1/1", "2/1", "3/1"], ["1/1", "3/1", "2/1"]).checks["same_top3"] is False
    assert distinct_laws(["1/1", "1/2", "2/1"]) == ["1", "2"]


@pytest.mark.realcorpus
def test_every_expected_law_and_section_exists(real_laws: list) -> None:
    sections = {law.sysid: {s.number for s in law.sections} for law in real_laws}
    problems = []
    for query in QUERIES:
        if query["expect_law"] not in sections:
            problems.append(f"{query['id']}: no law {query['expect_law']}")
        section = query.get("expect_section")
        if section:
            sysid, number = section.split("/", 1)
            if sysid != query["expect_law"] or number not in sections.get(sysid, set()):
                problems.append(f"{query['id']}: no section {section}")
    assert not problems, problems


@pytest.mark.realcorpus
def test_every_citation_query_parses_to_its_section(real_laws: list) -> None:
    names = LawNames.from_rows((law.sysid, law.title, law.is_current) for law in real_laws)
    for query in QUERIES:
        if query["kind"] == "citation":
            citation = parse_citation(query["query"], names)
            assert citation is not None and citation.section_id == query["expect_section"], query


@pytest.mark.realcorpus
def test_the_search_meets_the_floor(real_index_root: Path) -> None:
    from indexer.search import SearchQuery, search
    from indexer.store import IndexStore

    index = IndexStore(real_index_root).open()
    try:
        outcomes = run(lambda text: [hit.id for hit in search(index, SearchQuery(text)).hits], QUERIES)
    finally:
        index.close()
    table = rates(outcomes)
    misses = [(o.query["id"], o.query["query"], o.ids[:3]) for o in outcomes if not all(o.checks.values())]
    assert table["citation"]["citation_rank1"][0] == table["citation"]["citation_rank1"][1], misses
    assert table["abbreviation"]["law_hit1"][0] == table["abbreviation"]["law_hit1"][1], misses
    passed, counted = table["topic"]["law_hit3"]
    assert passed / counted >= 0.9, misses
