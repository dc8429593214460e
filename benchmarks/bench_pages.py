"""Page weight and load time as a person on a phone feels them; writes ``benchmarks/results/pages.md``.

The real site (demo corpus, the whole real corpus, its search index and the decided cases) is served
on 127.0.0.1 and opened in Debian's Chromium at 360 px:

* every page type of ``tests/e2e/pages.py``, cold (empty cache) and warm (second visit): bytes
  on the wire, requests, and navigation timing (time to first byte, first contentful paint, load),
  locally and under an emulated slow phone (150 ms latency, 1.6 Mbit/s, CPU slowed 4x);
* the HTML of every page of every law (all 671 acts, each page of the long codes) through the app,
  against the 100 KB budget.

``LAWPORTAL_BENCH_SAMPLE=1`` serves the sample the browser tests use, for a quick run.
"""

from __future__ import annotations

import logging
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask, url_for

from lawportal.db import get_session
from tests.e2e.live import CHROMIUM_ARGS, CHROMIUM_PATH, build_site, cases_within, real_sample, serve
from tests.e2e.pages import PAGE_TYPES

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "thai-acts.jsonl.gz"
CASE_FACTS = SHARED / "eval" / "case-facts-dev.jsonl"
DEMO = REPO / "corpus" / "demo" / "demo-acts.jsonl"
RESULT = HERE / "results" / "pages.md"
HTML_BUDGET = 100_000
TOTAL_BUDGET = 300_000
RUNS = 3
SLOW_PHONE = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
CPU_SLOWDOWN = 4

NAVIGATION_JS = """
() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  return {
    html: nav.transferSize,
    total: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
    requests: 1 + resources.length,
    ttfb: nav.responseStart - nav.startTime,
    fcp: paint ? paint.startTime : null,
    load: nav.loadEventEnd - nav.startTime,
  };
}
"""


def open_page(browser: Any, url: str, *, slow: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    """One cold and one warm visit of ``url`` in a fresh context: the navigation figures of each."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="th-TH")
    try:
        page = context.new_page()
        if slow:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_PHONE)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        figures = []
        for _visit in ("cold", "warm"):
            page.goto(url, wait_until="load")
            page.evaluate("() => document.fonts.ready")
            page.wait_for_function("() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0")
            figures.append(page.evaluate(NAVIGATION_JS))
        return figures[0], figures[1]
    finally:
        context.close()


def median_of(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [run[key] for run in runs if run[key] is not None]
    return statistics.median(values) if values else None


def page_paths(app: Flask) -> list[tuple[str, str]]:
    """(page type, path) for each page type that exists in this app and has data to show."""
    paths = []
    with app.test_request_context("/"):
        session = get_session()
        for page_type in PAGE_TYPES:
            if page_type.endpoint not in app.view_functions:
                continue
            path = page_type.find_path(session) if page_type.find_path else url_for(page_type.endpoint)
            if path is not None and page_type.name != "not-found":
                paths.append((page_type.name, path))
    paths.append(("criminal-code-page-2", "/laws/443287?page=2"))
    paths.append(("civil-commercial-code-page-2", "/laws/567410?page=2"))
    return paths


def measure_pages(app: Flask, base_url: str) -> list[str]:
    from playwright.sync_api import sync_playwright

    rows = [
        "| page | HTML KB | total KB cold | requests | warm KB | TTFB ms | FCP ms | load ms | slow phone: FCP ms | "
        "slow phone: load ms | slow phone warm: load ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)
        try:
            for name, path in page_paths(app):
                url = base_url + path
                open_page(browser, url, slow=False)  # warm the server's own caches once
                fast = [open_page(browser, url, slow=False) for _ in range(RUNS)]
                slow = [open_page(browser, url, slow=True) for _ in range(RUNS)]
                cold, warm = [c for c, _w in fast], [w for _c, w in fast]
                slow_cold, slow_warm = [c for c, _w in slow], [w for _c, w in slow]
                html, total = median_of(cold, "html") or 0, median_of(cold, "total") or 0
                flag = "" if html < HTML_BUDGET and total < TOTAL_BUDGET else " **over budget**"
                rows.append(
                    f"| {name}{flag} | {html / 1000:.1f} | {total / 1000:.1f} | {median_of(cold, 'requests'):.0f} | "
                    f"{(median_of(warm, 'total') or 0) / 1000:.1f} | {median_of(cold, 'ttfb'):.0f} | "
                    f"{median_of(cold, 'fcp') or 0:.0f} | {median_of(cold, 'load'):.0f} | "
                    f"{median_of(slow_cold, 'fcp') or 0:.0f} | {median_of(slow_cold, 'load'):.0f} | "
                    f"{median_of(slow_warm, 'load'):.0f} |"
                )
                print(rows[-1], flush=True)
        finally:
            browser.close()
    return rows


def measure_law_html(app: Flask) -> list[str]:
    """The HTML size of every page of every law, through the app (no browser needed for bytes)."""
    from sqlalchemy import select

    from lawportal.laws.services import get_law_page
    from lawportal.models import Law

    client = app.test_client()
    sizes: list[tuple[int, str]] = []
    per_law_max: dict[str, tuple[int, int, str]] = {}
    with app.test_request_context("/"):
        session = get_session()
        laws = [(law.sysid, law.title) for law in session.scalars(select(Law).order_by(Law.sysid))]
        page_counts = {sysid: get_law_page(session, sysid).pages for sysid, _title in laws}
    for sysid, title in laws:
        for page in range(1, page_counts[sysid] + 1):
            size = len(client.get(f"/laws/{sysid}?page={page}").data)
            sizes.append((size, f"{sysid}?page={page}"))
            if size > per_law_max.get(sysid, (0, 0, ""))[0]:
                per_law_max[sysid] = (size, page_counts[sysid], title)
    only = sorted(size for size, _where in sizes)
    over = [where for size, where in sizes if size >= HTML_BUDGET]
    rows = [
        "| law pages | median KB | p95 KB | max KB | pages over 100 KB |",
        "|---|---|---|---|---|",
        f"| {len(only)} pages of {len(laws)} laws | {statistics.median(only) / 1000:.1f} | "
        f"{only[int(len(only) * 0.95)] / 1000:.1f} | {only[-1] / 1000:.1f} | {len(over)} {over[:5] if over else ''} |",
        "",
        "The longest laws, by their heaviest page:",
        "",
        "| law | pages | heaviest page KB |",
        "|---|---|---|",
    ]
    for sysid, (size, pages, title) in sorted(per_law_max.items(), key=lambda item: -item[1][1])[:8]:
        rows.append(f"| {title} ({sysid}) | {pages} | {size / 1000:.1f} |")
    return rows


def main() -> int:
    if not CHROMIUM_PATH.exists():
        print(f"skip: {CHROMIUM_PATH} not found (apt-get install chromium)")
        return 0
    if not CORPUS.exists():
        print(f"skip: {CORPUS} not found")
        return 0
    sample = os.environ.get("LAWPORTAL_BENCH_SAMPLE") == "1"
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request would bury the table
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as folder:
        home = Path(folder)
        if sample:
            laws = real_sample(CORPUS)
        else:
            from lawportal.laws.loading import parse_file

            laws, errors = parse_file(CORPUS)
            if errors:
                print(f"corpus errors: {errors[:3]}", file=sys.stderr)
        cases = cases_within(CASE_FACTS, laws, home / "cases.jsonl") if CASE_FACTS.exists() else None
        app, loaded = build_site(home, DEMO, laws, cases)
        setup = time.perf_counter() - started
        print(f"site built in {setup:.0f} s: {loaded}", flush=True)
        law_rows = measure_law_html(app)
        with serve(app) as base_url:
            page_rows = measure_pages(app, base_url)
    RESULT.parent.mkdir(exist_ok=True)
    lines = [
        "## Pages in the browser",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `python -m benchmarks.bench_pages` with Debian's Chromium "
        f"at 360 px over 127.0.0.1, site data: {', '.join(loaded)}. Medians of {RUNS} visits, each in a fresh browser "
        "context: *cold* is the first visit (empty cache), *warm* the second. *Slow phone*: 150 ms latency, "
        f"1.6 Mbit/s down, CPU slowed {CPU_SLOWDOWN}x (Chrome DevTools emulation). Budgets: HTML under 100 KB, "
        "everything under 300 KB on a cold visit.",
        "",
        *page_rows,
        "",
        "### HTML of every law page",
        "",
        *law_rows,
        "",
    ]
    RESULT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {RESULT} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
