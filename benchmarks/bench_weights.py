"""How the ranking settings were chosen: BM25F field weights and the coverage power, compared on data.

``python -m benchmarks.bench_weights`` (``LAWPORTAL_BENCH_INDEX`` names an index folder, else one is
built) runs the topic, abbreviation, misspelling and variant queries of
``queries/search-queries.jsonl`` under each setting and writes law Hit@1 / Hit@3 to
``results/weights.md``. The settings in ``indexer/search.py`` are the best row.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import indexer.search as engine

HERE = Path(__file__).resolve().parent
RESULT = HERE / "results" / "weights.md"
QUERIES = HERE / "queries" / "search-queries.jsonl"
CORPUS = HERE.parent.parent / "shared" / "corpus" / "thai-acts.jsonl.gz"

# (label, law-index field weights, coverage power)
SETTINGS = [
    ("title 1, headings 1, text 1, coverage^2 (chosen)", {"title": 1.0, "divisions": 1.0, "body": 1.0}, 2.0),
    ("title 1, headings 1, text 1, no coverage", {"title": 1.0, "divisions": 1.0, "body": 1.0}, 0.0),
    ("title 1, headings 1, text 1, coverage^1", {"title": 1.0, "divisions": 1.0, "body": 1.0}, 1.0),
    ("title 1, headings 1, text 1, coverage^3", {"title": 1.0, "divisions": 1.0, "body": 1.0}, 3.0),
    ("title 3, headings 1, text 1, coverage^2", {"title": 3.0, "divisions": 1.0, "body": 1.0}, 2.0),
    ("title 6, headings 1, text 1, coverage^2", {"title": 6.0, "divisions": 1.0, "body": 1.0}, 2.0),
    ("title 1, no headings, text 1, coverage^2", {"title": 1.0, "body": 1.0}, 2.0),
    ("title 1, headings 1, text 0.5, coverage^2", {"title": 1.0, "divisions": 1.0, "body": 0.5}, 2.0),
    ("text only, coverage^2", {"body": 1.0}, 2.0),
]


def main() -> int:
    rows = [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [row for row in rows if row["kind"] != "citation"]
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
        chosen = (engine.LAW_FIELD_WEIGHTS, engine.COVERAGE_POWER)
        lines = [
            "## Ranking settings compared",
            "",
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `python -m benchmarks.bench_weights` on the "
            f"{len(rows)} non-citation queries of `benchmarks/queries/search-queries.jsonl` "
            "(law of the first result / among the first three distinct laws). BM25F with B=0.75, K1=1.2.",
            "",
            "| setting | law first | law in top 3 |",
            "|---|---|---|",
        ]
        for label, weights, power in SETTINGS:
            engine.LAW_FIELD_WEIGHTS, engine.COVERAGE_POWER = weights, power
            index.close()  # searchers carry the field weights
            first = top3 = 0
            for row in rows:
                hits = engine.search(index, engine.SearchQuery(row["query"], situation=False)).hits
                laws = list(dict.fromkeys(hit.law for hit in hits))
                first += laws[:1] == [row["expect_law"]]
                top3 += row["expect_law"] in laws[:3]
            lines.append(f"| {label} | {first}/{len(rows)} | {top3}/{len(rows)} |")
            print(lines[-1], flush=True)
        engine.LAW_FIELD_WEIGHTS, engine.COVERAGE_POWER = chosen
        index.close()
    text = "\n".join(lines) + "\n"
    RESULT.parent.mkdir(exist_ok=True)
    RESULT.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
