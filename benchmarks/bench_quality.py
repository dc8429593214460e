"""Search quality on the query set a citizen would type; writes ``benchmarks/results/quality.md``.

Queries are in ``benchmarks/queries/search-queries.jsonl``, each with the law (and section) a citizen
expects. Reported per kind:

* topic: law Hit@1 and Hit@3 (the first distinct laws of the ranking), section Hit@3 where a section
  is expected;
* citation: the cited section at rank 1;
* abbreviation: the named law first;
* misspelling and variant: the expected law first, and the same top 3 as the canonical form.

Topic queries marked ``"blind": true`` were written before any ranking change that could see them;
they are reported on their own rows ("topic, blind 1", and "topic, blind 2" / "topic, blind 3" for
``"blind_set": 2`` / ``3``), apart from the set the ranking was tuned on.

Run with ``python -m benchmarks.bench_quality``; ``LAWPORTAL_BENCH_INDEX`` may name an existing index
folder (one ``lawportal index`` built) to skip the build.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries" / "search-queries.jsonl"
RESULT = HERE / "results" / "quality.md"
CORPUS = HERE.parent.parent / "shared" / "corpus" / "thai-acts.jsonl.gz"
KINDS = ("topic", "citation", "abbreviation", "misspelling", "variant")
TOP = 10
# Issue 9's targets, and Lucene's ThaiAnalyzer + BM25 on a comparable held-out set, for scale.
TARGETS = {"law_hit1": 0.90, "law_hit3": 0.96, "citation_rank1": 1.0}
LUCENE = {"law_hit1": 0.69, "law_hit3": 0.90, "citation_rank1": 2 / 8}


def read_queries(path: Path = QUERIES) -> list[dict[str, Any]]:
    """The query set; ``ValueError`` naming the file and line for a malformed line."""
    queries = []
    for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            query = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{line_number}: {exc}") from exc
        missing = {"id", "query", "kind", "expect_law"} - set(query)
        if missing or query["kind"] not in KINDS:
            raise ValueError(f"{path}:{line_number}: missing {sorted(missing)} or unknown kind {query.get('kind')}")
        queries.append(query)
    return queries


def distinct_laws(ids: list[str]) -> list[str]:
    """The laws of a ranking of section ids, in order of first appearance."""
    return list(dict.fromkeys(section.split("/", 1)[0] for section in ids))


@dataclass
class Outcome:
    """What one query returned and how it scores."""

    query: dict[str, Any]
    ids: list[str]
    canonical_ids: list[str] | None = None
    checks: dict[str, bool] = field(default_factory=dict)


def score(query: dict[str, Any], ids: list[str], canonical_ids: list[str] | None) -> Outcome:
    """Every check that applies to a query of its kind."""
    outcome = Outcome(query, ids, canonical_ids)
    laws = distinct_laws(ids)
    expected_law, expected_section = query["expect_law"], query.get("expect_section")
    kind = query["kind"]
    if kind == "citation":
        outcome.checks["citation_rank1"] = bool(ids) and ids[0] == expected_section
    else:
        outcome.checks["law_hit1"] = laws[:1] == [expected_law]
        outcome.checks["law_hit3"] = expected_law in laws[:3]
        if expected_section:
            outcome.checks["section_hit3"] = expected_section in ids[:3]
    if canonical_ids is not None:
        outcome.checks["same_top3"] = ids[:3] == canonical_ids[:3]
    return outcome


def run(search_ids: Any, queries: list[dict[str, Any]]) -> list[Outcome]:
    """Run every query (and its canonical form) through ``search_ids(text) -> [section id]``."""
    outcomes = []
    for query in queries:
        canonical = query.get("canonical")
        outcomes.append(score(query, search_ids(query["query"]), search_ids(canonical) if canonical else None))
    return outcomes


BLIND = "topic, blind 1"
BLIND_2 = "topic, blind 2"
BLIND_3 = "topic, blind 3"
BLIND_4 = "topic, blind 4"
BLIND_5 = "topic, blind 5"
BLIND_6 = "topic, blind 6"
ROWS = (
    "topic",
    BLIND,
    BLIND_2,
    BLIND_3,
    BLIND_4,
    BLIND_5,
    BLIND_6,
    "citation",
    "abbreviation",
    "misspelling",
    "variant",
)
# Blind set 1 (top-46..104) measured with the ranking of 2026-11-28 before the change (commit b416ca6).
BLIND_BEFORE = {"count": 59, "law_hit1": "39% (23/59)", "law_hit3": "64% (38/59)", "section_hit3": "30% (6/20)"}
# Blind set 2 (top-105..144), written after that change: with the ranking before it, and with it.
BLIND_2_BEFORE = "law first 62% (25/40), law in top 3 82% (33/40), section in top 3 15% (2/13)"
BLIND_2_FIRST_CHANGE = "law first 82% (33/40), law in top 3 92% (37/40), section in top 3 31% (4/13)"
# Blind set 3 (top-145..178), written before the round-2 changes (commit 7bf146d) and measured then.
BLIND_3_BEFORE = {"law_hit1": "59% (20/34)", "law_hit3": "85% (29/34)", "section_hit3": "67% (4/6)"}
# Blind set 4 (top-179..223), written on 2026-11-28 by a helper who never ran the search, measured before that
# day's change (the shared subject index, commit 9c2c518).
BLIND_4_BEFORE = {"law_hit1": "67% (30/45)", "law_hit3": "80% (36/45)", "section_hit3": "27% (12/44)"}
# Blind set 5 (top-224..268), written on 2026-11-28 by another helper who never ran the search, after the subject
# index and before round 2 (concept boost x3, abbreviations): with the ranking and data of the session's start
# (36495cc) and with the subject index (9490cd5).
BLIND_5_BEFORE = {"law_hit1": "58% (26/45)", "law_hit3": "78% (35/45)", "section_hit3": "33% (15/45)"}
BLIND_5_SUBJECT_INDEX = {"law_hit1": "62% (28/45)", "law_hit3": "87% (39/45)", "section_hit3": "42% (19/45)"}
# Blind set 6 (top-269..313), written by a third helper after round 2 and before round 3 (how citizens tell their
# stories: about 630 more everyday phrases and 146 concepts with key sections): with the data of the session's
# start (36495cc) and after round 2 (73f9a49).
BLIND_6_BEFORE = {"law_hit1": "71% (32/45)", "law_hit3": "84% (38/45)", "section_hit3": "39% (17/44)"}
BLIND_6_ROUND_2 = {"law_hit1": "78% (35/45)", "law_hit3": "89% (40/45)", "section_hit3": "39% (17/44)"}
# Both blind sets now, with the everyday vocabulary as committed before either set was written.
BLIND_OLD_VOCABULARY = "set 1: 66% (39/59) and 85% (50/59); set 2: 82% (33/40) and 92% (37/40)"


def row_of(query: dict[str, Any]) -> str:
    """The table row of a query: its kind, or one of the blind topic rows."""
    if query["kind"] != "topic" or not query.get("blind"):
        return str(query["kind"])
    return {2: BLIND_2, 3: BLIND_3, 4: BLIND_4, 5: BLIND_5, 6: BLIND_6}.get(query.get("blind_set", 1), BLIND)


def rates(outcomes: list[Outcome]) -> dict[str, dict[str, tuple[int, int]]]:
    """Per row (kind, with blind topic queries apart), per check: (passed, counted)."""
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for outcome in outcomes:
        for check, passed in outcome.checks.items():
            cell = table[row_of(outcome.query)][check]
            cell[0] += int(passed)
            cell[1] += 1
    return {kind: {check: (p, n) for check, (p, n) in checks.items()} for kind, checks in table.items()}


def _pct(passed: int, counted: int) -> str:
    return f"{100 * passed / counted:.0f}% ({passed}/{counted})" if counted else "-"


def report(outcomes: list[Outcome], titles: dict[str, str], index_note: str) -> str:
    """The markdown table and the list of misses."""
    table = rates(outcomes)
    lines = [
        "## Search quality",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `python -m benchmarks.bench_quality` on "
        f"{len(outcomes)} queries of `benchmarks/queries/search-queries.jsonl` ({index_note}).",
        "Topic queries top-01..40 were written knowing the law titles; top-41..45 were added later without "
        "looking at the ranking (they first scored 1 of 5 law first); the ranking settings were chosen on these "
        "45 and the other non-citation kinds (`benchmarks/results/weights.md`).",
        "",
        f"The row **{BLIND}** is top-46..104, {BLIND_BEFORE['count']} everyday queries (licences, family, land, "
        "labour, traffic, tax, consumer, computer crime) written on 2026-11-28 before the ranking changes they "
        "now measure, with answers checked against the corpus text. With the ranking of that day they scored: "
        f"law first {BLIND_BEFORE['law_hit1']}, law in top 3 {BLIND_BEFORE['law_hit3']}, section in top 3 "
        f"{BLIND_BEFORE['section_hit3']}. The signals added since (best section, authority prior, superseded "
        "laws, section order, compound splitting, everyday words) were built after seeing these misses; their "
        "settings were chosen on the tuned set only (weights.md), except the section-order decay, which the "
        "tuned set cannot tell apart (1 of 20 blind sections).",
        "",
        f"The row **{BLIND_2}** is top-105..144, 40 more everyday queries written after that change and before "
        f"running it: the fairest figure of this table. With the ranking before the change: {BLIND_2_BEFORE}; "
        f"with the change as first committed: {BLIND_2_FIRST_CHANGE}. Since then unknown compounds are cut "
        "into several indexed words or word beginnings (ทำแท้ง -> ทำ แท้งลูก), with the shortest beginning "
        "set to 4 characters after one query of this set (อีเมล) drew in เมล็ด.",
        "",
        f"The row **{BLIND_3}** is top-145..178, 34 everyday queries (crime, loans, family, land, licences, "
        "courts, welfare) written before the round-2 changes and measured before them: law first "
        f"{BLIND_3_BEFORE['law_hit1']}, law in top 3 {BLIND_3_BEFORE['law_hit3']}, section in top 3 "
        f"{BLIND_3_BEFORE['section_hit3']}. Round 2 (words the laws write inside longer words, the law index's "
        "length normalisation at 0.5, sections cited by their law's other sections first, 13 vocabulary "
        "pairs from the misses of sets 1 and 2) was chosen on the tuned set with sets 1 and 2 breaking ties "
        "and choosing the section signal; "
        "set 3's misses were listed once, before any change, and no setting or vocabulary pair was chosen on "
        "it, so its after figure is the held-out one. Before round 2, sets 1 and 2 read: law first 68% (40/59) "
        "and 85% (34/40), law in top 3 86% (51/59) and 95% (38/40), section in top 3 45% (9/20) and 38% (5/13).",
        "",
        f"The row **{BLIND_4}** is top-179..223, 45 everyday queries over 35 acts written on 2026-11-28 by a "
        "helper who never ran the search, before that day's change (the subject index shared with the situation "
        "search: concepts of about 200 acts with their key sections, and 250 more everyday words, written by "
        "area from the acts' own definitions and headings, never from a query). Before it: law first "
        f"{BLIND_4_BEFORE['law_hit1']}, law in top 3 {BLIND_4_BEFORE['law_hit3']}, section in top 3 "
        f"{BLIND_4_BEFORE['section_hit3']}. Measured once after it (78% (35/45), 87% (39/45), 34% (15/44)); then its "
        "misses were read for round 2, so its figure below is seen.",
        "",
        f"The row **{BLIND_5}** is top-224..268, 45 queries over 40 acts (professions, courts, farming, "
        "licences, crime) written by another helper after the subject index and before round 2 (a concept "
        "counts three times instead of 1.25, and about 150 abbreviations such as ส.ส. and อบต. read as the "
        "words the laws write). With the ranking and data of the session's start: law first "
        f"{BLIND_5_BEFORE['law_hit1']}, law in top 3 {BLIND_5_BEFORE['law_hit3']}, section in top 3 "
        f"{BLIND_5_BEFORE['section_hit3']}; with the subject index: {BLIND_5_SUBJECT_INDEX['law_hit1']}, "
        f"{BLIND_5_SUBJECT_INDEX['law_hit3']}, {BLIND_5_SUBJECT_INDEX['section_hit3']}. Set 4 was read before "
        "round 2; set 5 was not (after round 2: 67% (30/45), 87% (39/45), 42% (19/45)).",
        "",
        f"The row **{BLIND_6}** is top-269..313, 45 queries over 38 acts written by a third helper after round 2 "
        "and before round 3 (about 630 more everyday phrases and 146 concepts with key sections, written from how "
        "citizens tell civil, criminal, labour, traffic and consumer stories). With the data of the session's "
        f"start: law first {BLIND_6_BEFORE['law_hit1']}, law in top 3 {BLIND_6_BEFORE['law_hit3']}, section in "
        f"top 3 {BLIND_6_BEFORE['section_hit3']}; after round 2: {BLIND_6_ROUND_2['law_hit1']}, "
        f"{BLIND_6_ROUND_2['law_hit3']}, {BLIND_6_ROUND_2['section_hit3']}. Sets 5 and 6 were read only after "
        "their held-out figure was taken.",
        "",
        "Everyday words are read with the situation search's table `indexer/data/everyday_legal.tsv`, which "
        "another session is extending; with the table as committed on 2026-11-24, before either blind set, "
        f"law first and top 3 read {BLIND_OLD_VOCABULARY}. Independent query sets will say more.",
        "",
        "| kind | queries | law first | law in top 3 | section in top 3 | cited section rank 1 "
        "| same top 3 as canonical |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind in ROWS:
        checks = table.get(kind, {})
        count = sum(1 for o in outcomes if row_of(o.query) == kind)
        cells = [
            _pct(*checks.get(name, (0, 0)))
            for name in ("law_hit1", "law_hit3", "section_hit3", "citation_rank1", "same_top3")
        ]
        lines.append(f"| {kind} | {count} | " + " | ".join(cells) + " |")
    topic = table.get("topic", {})
    blind = table.get(BLIND, {})
    blind_2 = table.get(BLIND_2, {})
    blind_3 = table.get(BLIND_3, {})
    blind_4 = table.get(BLIND_4, {})
    blind_5 = table.get(BLIND_5, {})
    blind_6 = table.get(BLIND_6, {})
    citation = table.get("citation", {})
    lines += [
        "",
        "Against the targets (issue 9) and, for scale, Lucene's ThaiAnalyzer + BM25 on a comparable held-out set:",
        "",
        "| measure | here | target | Lucene |",
        "|---|---|---|---|",
        f"| topic: law first | {_pct(*topic.get('law_hit1', (0, 0)))} | >= 90% | 69% |",
        f"| topic: law in top 3 | {_pct(*topic.get('law_hit3', (0, 0)))} | >= 96% | 90% |",
        f"| {BLIND}: law first (before: {BLIND_BEFORE['law_hit1']}) | {_pct(*blind.get('law_hit1', (0, 0)))} "
        "| >= 90% | 69% |",
        f"| {BLIND}: law in top 3 (before: {BLIND_BEFORE['law_hit3']}) | "
        f"{_pct(*blind.get('law_hit3', (0, 0)))} | >= 96% | 90% |",
        f"| {BLIND_2}: law first (before: 62% (25/40)) | {_pct(*blind_2.get('law_hit1', (0, 0)))} | >= 90% | 69% |",
        f"| {BLIND_2}: law in top 3 (before: 82% (33/40)) | {_pct(*blind_2.get('law_hit3', (0, 0)))} | >= 96% | 90% |",
        f"| {BLIND_3}: law first (before: {BLIND_3_BEFORE['law_hit1']}) | "
        f"{_pct(*blind_3.get('law_hit1', (0, 0)))} | >= 90% | 69% |",
        f"| {BLIND_3}: law in top 3 (before: {BLIND_3_BEFORE['law_hit3']}) | "
        f"{_pct(*blind_3.get('law_hit3', (0, 0)))} | >= 96% | 90% |",
        f"| {BLIND_4}: law first (before: {BLIND_4_BEFORE['law_hit1']}) | "
        f"{_pct(*blind_4.get('law_hit1', (0, 0)))} | >= 90% | 69% |",
        f"| {BLIND_4}: law in top 3 (before: {BLIND_4_BEFORE['law_hit3']}) | "
        f"{_pct(*blind_4.get('law_hit3', (0, 0)))} | >= 96% | 90% |",
        f"| {BLIND_5}: law first (before: {BLIND_5_BEFORE['law_hit1']}) | "
        f"{_pct(*blind_5.get('law_hit1', (0, 0)))} | >= 90% | 69% |",
        f"| {BLIND_5}: law in top 3 (before: {BLIND_5_BEFORE['law_hit3']}) | "
        f"{_pct(*blind_5.get('law_hit3', (0, 0)))} | >= 96% | 90% |",
        f"| {BLIND_6}: law first (before: {BLIND_6_BEFORE['law_hit1']}) | "
        f"{_pct(*blind_6.get('law_hit1', (0, 0)))} | >= 90% | 69% |",
        f"| {BLIND_6}: law in top 3 (before: {BLIND_6_BEFORE['law_hit3']}) | "
        f"{_pct(*blind_6.get('law_hit3', (0, 0)))} | >= 96% | 90% |",
        f"| citations: cited section rank 1 | {_pct(*citation.get('citation_rank1', (0, 0)))} | 100% | 2 of 8 |",
        "",
    ]
    misses = [o for o in outcomes if not all(o.checks.values())]
    if misses:
        lines += ["Misses (expected -> got, first three laws):", ""]
        for outcome in misses:
            failed = ", ".join(name for name, ok in outcome.checks.items() if not ok)
            got = ", ".join(f"{law} {titles.get(law, '')[:40]}" for law in distinct_laws(outcome.ids)[:3])
            expected = outcome.query.get("expect_section") or outcome.query["expect_law"]
            lines.append(
                f"- `{outcome.query['id']}` {outcome.query['query']} [{failed}]: {expected} -> {got or 'nothing'}"
            )
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    from corpus.loader import RecordError, read_raw_laws
    from corpus.parser import parse_laws
    from indexer.build import build_index
    from indexer.search import SearchIndex, SearchQuery, search

    queries = read_queries()
    index_folder = os.environ.get("LAWPORTAL_BENCH_INDEX")
    with tempfile.TemporaryDirectory() as scratch:
        if index_folder:
            note = f"index {index_folder}"
        else:
            if not CORPUS.exists():
                print(f"skip: the real corpus is not at {CORPUS}", file=sys.stderr)
                return 0
            raws = [raw for raw in read_raw_laws(CORPUS) if not isinstance(raw, RecordError)]
            index_folder = str(Path(scratch) / "index")
            build_index(parse_laws(raws), Path(index_folder), procs=2)
            note = "index built from the real corpus"
        index = SearchIndex(index_folder)

        def search_ids(text: str) -> list[str]:
            return [hit.id for hit in search(index, SearchQuery(text, per_page=TOP)).hits]

        outcomes = run(search_ids, queries)
        titles = {law: info.title for law, info in index.laws.items()}
        index.close()
    text = report(outcomes, titles, note)
    RESULT.parent.mkdir(exist_ok=True)
    RESULT.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
