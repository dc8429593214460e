"""Run every benchmark and assemble ``benchmarks/RESULTS.md`` with the machine and the date.

Each benchmark module writes its own table to ``benchmarks/results/<name>.md``; this script
runs them in order and joins the tables under one header, so one slow or failing benchmark
does not erase the others' figures.
"""

from __future__ import annotations

import importlib
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS_DIR = HERE / "results"
# name of the module in benchmarks/, name of the table it writes in results/
BENCHMARKS = (
    ("bench_index", "index"),
    ("bench_latency", "latency"),
    ("bench_quality", "quality"),
    ("bench_weights", "weights"),
    ("bench_situation", "situation"),
    ("bench_pages", "pages"),
)


def machine_description() -> str:
    """CPU model, cores, memory and Python: enough to compare figures across runs."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f"{mem_kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        memory = "unknown memory"
    return f"{cpu}, {os.cpu_count()} cores, {memory}, Python {platform.python_version()}, {platform.system()}"


def run_all(selected: list[str]) -> None:
    RESULTS_DIR.mkdir(exist_ok=True)
    for module_name, _table in BENCHMARKS:
        if selected and module_name not in selected:
            continue
        try:
            importlib.import_module(f"benchmarks.{module_name}")
        except ModuleNotFoundError:
            print(f"skip {module_name}: not present")
            continue
        print(f"== {module_name}", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, "-m", f"benchmarks.{module_name}"])
        print(f"== {module_name}: exit {code} in {time.perf_counter() - started:.0f} s", flush=True)
    assemble()


def assemble() -> None:
    """Join the tables in results/ into RESULTS.md."""
    parts = [
        "# Benchmark results",
        "",
        f"Written by `make bench` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        f"Machine: {machine_description()}.",
        "Corpus: `../shared/corpus/thai-acts.jsonl.gz` (671 laws). Each section below names its own date.",
        "",
    ]
    for _module, table in BENCHMARKS:
        path = RESULTS_DIR / f"{table}.md"
        if path.exists():
            parts += [path.read_text(encoding="utf-8").strip(), ""]
    (HERE / "RESULTS.md").write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--assemble"]:
        assemble()
    else:
        run_all(sys.argv[1:])
