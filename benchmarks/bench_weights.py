"""How the ranking settings were chosen: each signal of the law ranking switched off or varied, on data.

``python -m benchmarks.bench_weights`` (``LAWPORTAL_BENCH_INDEX`` names an index folder, else one is
built) runs the non-citation queries of ``queries/search-queries.jsonl`` under each setting and writes
law Hit@1 / Hit@3 to ``results/weights.md``, apart for the set the settings were chosen on (``tuned``:
topic top-01..45, abbreviations, misspellings, variants) and the topic queries written blind
(``"blind": true``). The settings in ``indexer/search.py`` are the best row on the tuned set; the
blind columns say how well that choice carries over.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import indexer.search as engine

HERE = Path(__file__).resolve().parent
RESULT = HERE / "results" / "weights.md"
QUERIES = HERE / "queries" / "search-queries.jsonl"
CORPUS = HERE.parent.parent / "shared" / "corpus" / "thai-acts.jsonl.gz"

EVEN_FIELDS = {"title": 1.0, "divisions": 1.0, "body": 1.0}
# (label, overrides of indexer.search settings); the first row is the chosen setting.
SETTINGS: list[tuple[str, dict[str, Any]]] = [
    ("chosen: passage 0.5, authority^0.25, superseded x0.5, coverage^1", {}),
    ("no passage (law index only)", {"PASSAGE_SHARE": 0.0}),
    ("passage 0.25", {"PASSAGE_SHARE": 0.25}),
    ("passage 0.75", {"PASSAGE_SHARE": 0.75}),
    ("passage only", {"PASSAGE_SHARE": 1.0}),
    ("no authority prior", {"AUTHORITY_POWER": 0.0}),
    ("authority^0.5", {"AUTHORITY_POWER": 0.5}),
    ("authority^1", {"AUTHORITY_POWER": 1.0}),
    ("superseded not lowered", {"SUPERSEDED_FACTOR": 1.0}),
    ("superseded x0.25", {"SUPERSEDED_FACTOR": 0.25}),
    ("no coverage", {"COVERAGE_POWER": 0.0}),
    ("coverage^2", {"COVERAGE_POWER": 2.0}),
    ("coverage^3", {"COVERAGE_POWER": 3.0}),
    ("title 3", {"LAW_FIELD_WEIGHTS": {**EVEN_FIELDS, "title": 3.0}}),
    ("no headings", {"LAW_FIELD_WEIGHTS": {"title": 1.0, "body": 1.0}}),
    ("no term expansion (compounds, everyday words)", {"expand_terms": lambda index, terms, text: terms}),
    (
        "before (2026-11-24): law index only, coverage^2, no prior, no expansion",
        {
            "COVERAGE_POWER": 2.0,
            "PASSAGE_SHARE": 0.0,
            "AUTHORITY_POWER": 0.0,
            "SUPERSEDED_FACTOR": 1.0,
            "expand_terms": lambda index, terms, text: terms,
        },
    ),
]


def _hits(index: engine.SearchIndex, rows: list[dict[str, Any]]) -> tuple[int, int]:
    first = top3 = 0
    for row in rows:
        hits = engine.search(index, engine.SearchQuery(row["query"], situation=False)).hits
        laws = list(dict.fromkeys(hit.law for hit in hits))
        first += laws[:1] == [row["expect_law"]]
        top3 += row["expect_law"] in laws[:3]
    return first, top3


# Section order inside the governing act: queries with an expected section, section among the first three
# results, and among the first three sections of its law.
SECTION_DECAYS = (0.0, 0.2, 0.5)


def _section_hits(index: engine.SearchIndex, rows: list[dict[str, Any]]) -> tuple[int, int]:
    top3 = in_law = 0
    for row in rows:
        hits = engine.search(index, engine.SearchQuery(row["query"], situation=False)).hits
        top3 += row["expect_section"] in [hit.id for hit in hits[:3]]
        in_law += row["expect_section"] in [hit.id for hit in hits if hit.law == row["expect_law"]][:3]
    return top3, in_law


def main() -> int:
    rows = [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [row for row in rows if row["kind"] != "citation"]
    tuned = [row for row in rows if not row.get("blind")]
    blind = [row for row in rows if row.get("blind")]
    folder = os.environ.get("LAWPORTAL_BENCH_INDEX")
    with tempfile.TemporaryDirectory() as scratch:
        if not folder:
            if not CORPUS.exists():
                print(f"skip: the real corpus is not at {CORPUS}", file=sys.stderr)
                return 0
            from benchmarks.bench_index import build_real_index

            folder = str(Path(scratch) / "index")
            build_real_index(Path(folder))
        index = engine.SearchIndex(folder)
        lines = [
            "## Ranking settings compared",
            "",
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `python -m benchmarks.bench_weights` on the "
            f"non-citation queries of `benchmarks/queries/search-queries.jsonl`: {len(tuned)} the settings "
            f"were chosen on (tuned) and {len(blind)} topic queries written blind (top-46..104 before these "
            "signals existed, top-105..144 after, before running them; quality.md reports each set and its "
            "before figures). Law of the first result / among the first three distinct laws; BM25F B=0.75, K1=1.2.",
            "",
            "| setting | tuned: law first | tuned: top 3 | blind: law first | blind: top 3 |",
            "|---|---|---|---|---|",
        ]
        for label, overrides in SETTINGS:
            saved = {name: getattr(engine, name) for name in overrides}
            for name, value in overrides.items():
                setattr(engine, name, value)
            index.__dict__.pop("law_priors", None)  # the prior carries AUTHORITY_POWER and SUPERSEDED_FACTOR
            try:
                t1, t3 = _hits(index, tuned)
                b1, b3 = _hits(index, blind)
            finally:
                for name, value in saved.items():
                    setattr(engine, name, value)
                index.__dict__.pop("law_priors", None)
            lines.append(f"| {label} | {t1}/{len(tuned)} | {t3}/{len(tuned)} | {b1}/{len(blind)} | {b3}/{len(blind)} |")
            print(lines[-1], flush=True)
        with_section = [row for row in rows if row.get("expect_section")]
        tuned_s = [row for row in with_section if not row.get("blind")]
        blind_s = [row for row in with_section if row.get("blind")]
        lines += [
            "",
            "Section order inside a law (`SECTION_PLACE_DECAY`: a section's score falls by up to this share from "
            "the law's first section to its last). Queries with an expected section: in the first three results "
            "/ among the first three sections of its law.",
            "",
            "| decay | tuned: top 3 | tuned: law's top 3 | blind: top 3 | blind: law's top 3 |",
            "|---|---|---|---|---|",
        ]
        chosen_decay = engine.SECTION_PLACE_DECAY
        for decay in SECTION_DECAYS:
            engine.SECTION_PLACE_DECAY = decay
            t3, tl = _section_hits(index, tuned_s)
            b3, bl = _section_hits(index, blind_s)
            mark = " (chosen)" if decay == chosen_decay else ""
            cells = [f"{t3}/{len(tuned_s)}", f"{tl}/{len(tuned_s)}", f"{b3}/{len(blind_s)}", f"{bl}/{len(blind_s)}"]
            lines.append(f"| {decay}{mark} | " + " | ".join(cells) + " |")
        engine.SECTION_PLACE_DECAY = chosen_decay
        index.close()
    text = "\n".join(lines) + "\n"
    RESULT.parent.mkdir(exist_ok=True)
    RESULT.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
