"""Index build on the real corpus, and the segmentation engines compared; writes results/index.md.

``python -m benchmarks.bench_index``: parses ``../shared/corpus/thai-acts.jsonl.gz``, builds the
index with both cores into a temporary folder, and reports wall time, sections/s, MB/s, peak
memory, index size, and nlpo3 against newmm (speed and token agreement) on sampled sections.
The machine's load average is printed beside the figures: on a shared machine it explains them.
"""

from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from corpus.model import Law

HERE = Path(__file__).resolve().parent
RESULT = HERE / "results" / "index.md"
CORPUS = HERE.parent.parent / "shared" / "corpus" / "thai-acts.jsonl.gz"
SAMPLE_SECTIONS = 2000


def parse_real_corpus() -> list[Law]:
    """Every law of the real corpus, parsed."""
    from corpus.loader import RecordError, read_raw_laws
    from corpus.parser import parse_laws

    return parse_laws(raw for raw in read_raw_laws(CORPUS) if not isinstance(raw, RecordError))


def build_real_index(folder: Path, procs: int = 2) -> object:
    """Build the index of the real corpus into ``folder``; returns the build stats."""
    from indexer.build import build_index

    return build_index(parse_real_corpus(), folder, procs=procs)


def _cpu_seconds() -> float:
    """CPU time of this process and its finished workers: comparable across differently loaded runs."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def compare_engines(laws: list[Law]) -> dict[str, float]:
    """Segment the same sampled sections with both engines: seconds each, and token agreement."""
    from indexer.analysis import LEGAL_TERMS_PATH, _segmenter
    from indexer.normalize import normalize_text

    texts = [normalize_text(section.text) for law in laws for section in law.sections]
    random.Random(9).shuffle(texts)
    sample = texts[:SAMPLE_SECTIONS]
    results: dict[str, float] = {"chars": float(sum(map(len, sample)))}
    tokens: dict[str, list[list[str]]] = {}
    for engine in ("nlpo3", "newmm"):
        segmenter = _segmenter(engine, str(LEGAL_TERMS_PATH))
        segmenter.segment("อุ่นเครื่อง")
        started = time.process_time()
        tokens[engine] = [[t for t in segmenter.segment(text) if t.strip()] for text in sample]
        results[f"{engine}_seconds"] = time.process_time() - started
    agreed = total = 0
    for fast, reference in zip(tokens["nlpo3"], tokens["newmm"], strict=True):
        agreed += sum((Counter(fast) & Counter(reference)).values())
        total += max(len(fast), len(reference))
    results["agreement"] = agreed / total if total else 1.0
    return results


def main() -> int:
    if not CORPUS.exists():
        print(f"skip: the real corpus is not at {CORPUS}", file=sys.stderr)
        return 0
    from indexer.build import STORE_FILE, build_index

    load_before = os.getloadavg()
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    laws = parse_real_corpus()
    parse_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "index"
        build_started = time.perf_counter()
        stats = build_index(laws, folder, procs=2)
        build_seconds = time.perf_counter() - build_started
        build_cpu = _cpu_seconds() - cpu_before
        total_bytes = _folder_bytes(folder)
        store_bytes = (folder / STORE_FILE).stat().st_size
    load_after = os.getloadavg()
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    engines = compare_engines(laws)
    megabytes = stats.text_bytes / 1e6
    lines = [
        "## Index build",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `python -m benchmarks.bench_index` "
        f"(load average {load_before[0]:.1f} before, {load_after[0]:.1f} after, on {os.cpu_count()} cores: "
        "other processes shared the machine when the load is above 2).",
        "",
        "| measure | value |",
        "|---|---|",
        f"| laws / sections indexed | {stats.laws} / {stats.sections} |",
        f"| section text | {megabytes:.1f} MB UTF-8 |",
        f"| parse the corpus (not part of the index build) | {parse_seconds:.1f} s |",
        f"| index build wall time (segment in 2 processes + write) | {build_seconds:.1f} s |",
        f"| of which segmentation / Whoosh writer | {stats.segment_seconds:.1f} s / {stats.write_seconds:.1f} s |",
        f"| whole process (parse + build) | {parse_seconds + build_seconds:.1f} s |",
        f"| CPU time of parse + build, all processes (what the wall time would be on 1 free core) "
        f"| {build_cpu:.1f} s |",
        f"| sections/s (build) | {stats.sections / build_seconds:.0f} |",
        f"| MB/s (build) | {megabytes / build_seconds:.2f} |",
        f"| peak memory: main process / largest worker | {peak_self:.0f} MB / {peak_children:.0f} MB |",
        f"| index folder size (of which snippet store) | {total_bytes / 1e6:.0f} MB ({store_bytes / 1e6:.0f} MB) |",
        "| Lucene 8 ThaiAnalyzer, same sections, for scale | 8-10 s |",
        "",
        f"Segmentation engines on {SAMPLE_SECTIONS} sampled sections ({engines['chars'] / 1e6:.2f} M characters, "
        "one process, CPU time):",
        "",
        "| engine | seconds | relative |",
        "|---|---|---|",
        f"| nlpo3 (default) | {engines['nlpo3_seconds']:.2f} | 1x |",
        f"| newmm | {engines['newmm_seconds']:.2f} | "
        f"{engines['newmm_seconds'] / max(engines['nlpo3_seconds'], 1e-9):.1f}x slower |",
        "",
        f"Token agreement nlpo3 vs newmm (multiset overlap / longer token list): {100 * engines['agreement']:.2f}%.",
        "",
    ]
    text = "\n".join(lines)
    RESULT.parent.mkdir(exist_ok=True)
    RESULT.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
