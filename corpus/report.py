"""The corpus report: per-law counts, totals and every anomaly, as printed by ``lawportal corpus-report``.

It is how a person checks a new corpus before loading it: laws without sections, repeated
numbers, suspiciously long sections and malformed records all show up here.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus.loader import RecordError, read_raw_laws
from corpus.model import Law
from corpus.parser import HeadingStats, mark_current, parse_law_with_stats

TITLE_WIDTH = 60


@dataclass(frozen=True)
class LawCounts:
    """What one law was parsed into."""

    sysid: str
    title: str
    law_type: str
    sections: int
    clauses: int
    enacting_sections: int
    divisions: int
    footnotes: int
    chars: int
    is_current: bool
    anomalies: tuple[str, ...]

    @classmethod
    def of(cls, law: Law) -> LawCounts:
        return cls(
            sysid=law.sysid,
            title=law.title,
            law_type=law.law_type,
            sections=sum(1 for section in law.sections if section.kind == "section"),
            clauses=sum(1 for section in law.sections if section.kind == "clause"),
            enacting_sections=len(law.enacting_sections),
            divisions=len(law.divisions),
            footnotes=len(law.footnotes),
            chars=sum(len(section.text) for section in (*law.enacting_sections, *law.sections)),
            is_current=law.is_current,
            anomalies=tuple(law.anomalies),
        )


@dataclass
class CorpusReport:
    """Counts for every law, their totals, the anomalies found and the records that failed to load."""

    laws: list[LawCounts]
    errors: list[RecordError]
    heading_stats: HeadingStats | None = None
    parse_seconds: float | None = None
    parse_cpu_seconds: float | None = None
    totals: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.totals = {
            "laws": len(self.laws),
            "not current": sum(1 for law in self.laws if not law.is_current),
            "sections": sum(law.sections for law in self.laws),
            "clauses": sum(law.clauses for law in self.laws),
            "enacting sections": sum(law.enacting_sections for law in self.laws),
            "divisions": sum(law.divisions for law in self.laws),
            "footnotes": sum(law.footnotes for law in self.laws),
            "characters": sum(law.chars for law in self.laws),
            "laws with anomalies": sum(1 for law in self.laws if law.anomalies),
            "anomalies": sum(len(law.anomalies) for law in self.laws),
            "malformed records": len(self.errors),
        }

    @property
    def anomalies(self) -> list[tuple[str, str]]:
        """Every anomaly as ``(sysid, message)``."""
        return [(law.sysid, anomaly) for law in self.laws for anomaly in law.anomalies]

    def format_text(self) -> str:
        """The report as plain text: totals, one line per law, then anomalies and errors."""
        lines = ["Corpus report", "=============", ""]
        width = max(len(name) for name in self.totals)
        lines += [f"{name:<{width}}  {value:>12,}" for name, value in self.totals.items()]
        if self.heading_stats is not None:
            stats = self.heading_stats
            lines += [
                "",
                f"lines that look like a heading (มาตรา/ข้อ + number): {stats.candidates:,}",
                f"  kept as sections: {stats.kept:,}",
                f"  kept as text inside a section (wrapped cross-references): {stats.rejected_in_text:,}",
                f"  left in history or repeated text: {stats.candidates - stats.kept - stats.rejected_in_text:,}",
            ]
        if self.parse_seconds is not None:
            cpu = f" ({self.parse_cpu_seconds:.1f} s of CPU)" if self.parse_cpu_seconds is not None else ""
            lines.append(f"loaded and parsed in {self.parse_seconds:.1f} s{cpu}")
        lines += ["", "Per law", "-------"]
        lines.append(
            f"{'sysid':>8} {'sections':>8} {'clauses':>7} {'enact':>5} {'divs':>5} {'notes':>5} {'chars':>9}  title"
        )
        for law in self.laws:
            title = law.title if len(law.title) <= TITLE_WIDTH else law.title[: TITLE_WIDTH - 1] + "…"
            flag = "" if law.is_current else "  (not current)"
            lines.append(
                f"{law.sysid:>8} {law.sections:>8,} {law.clauses:>7,} {law.enacting_sections:>5,} "
                f"{law.divisions:>5,} {law.footnotes:>5,} {law.chars:>9,}  {title}{flag}"
            )
        lines += ["", f"Anomalies ({len(self.anomalies)})", "---------"]
        lines += [f"{sysid}: {message}" for sysid, message in self.anomalies] or ["none"]
        lines += ["", f"Malformed records ({len(self.errors)})", "-----------------"]
        lines += [str(error) for error in self.errors] or ["none"]
        return "\n".join(lines) + "\n"


def build_report(
    laws: Iterable[Law],
    errors: Iterable[RecordError],
    heading_stats: Sequence[HeadingStats] = (),
    parse_seconds: float | None = None,
    parse_cpu_seconds: float | None = None,
) -> CorpusReport:
    """Count what every law was parsed into; ``heading_stats`` (one per law) are summed when given."""
    summed = None
    if heading_stats:
        summed = HeadingStats(
            candidates=sum(stats.candidates for stats in heading_stats),
            kept=sum(stats.kept for stats in heading_stats),
            rejected_in_text=sum(stats.rejected_in_text for stats in heading_stats),
        )
    return CorpusReport(
        laws=[LawCounts.of(law) for law in laws],
        errors=list(errors),
        heading_stats=summed,
        parse_seconds=parse_seconds,
        parse_cpu_seconds=parse_cpu_seconds,
    )


def corpus_report_text(path: Path) -> str:
    """Load and parse the corpus at ``path`` and return the report text; ``CorpusError`` if unreadable."""
    laws: list[Law] = []
    errors: list[RecordError] = []
    stats: list[HeadingStats] = []
    started, started_cpu = time.perf_counter(), time.process_time()
    for item in read_raw_laws(Path(path)):
        if isinstance(item, RecordError):
            errors.append(item)
            continue
        law, law_stats = parse_law_with_stats(item)
        laws.append(law)
        stats.append(law_stats)
    mark_current(laws)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    return build_report(laws, errors, stats, parse_seconds=elapsed, parse_cpu_seconds=cpu).format_text()
