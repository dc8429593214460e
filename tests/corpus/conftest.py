"""Fixtures for the corpus tests: the real corpus, loaded and parsed once per test run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from corpus.loader import RecordError, read_raw_laws
from corpus.model import Law, RawLaw
from corpus.parser import mark_current, parse_law

REPO_ROOT = Path(__file__).resolve().parents[2]
REAL_CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "thai-acts.jsonl.gz"


@dataclass
class ParsedCorpus:
    """The real corpus as the loader and the parser see it."""

    raws: list[RawLaw]
    laws: list[Law]
    errors: list[RecordError]

    def law(self, sysid: str) -> Law:
        return next(law for law in self.laws if law.sysid == sysid)


@pytest.fixture(scope="session")
def real_corpus() -> ParsedCorpus:
    """All 671 real laws, parsed once; skipped (saying why) when ../shared is absent."""
    if not REAL_CORPUS.exists():
        pytest.skip(f"real corpus not found at {REAL_CORPUS}: these tests need ../shared beside the repo")
    raws: list[RawLaw] = []
    errors: list[RecordError] = []
    for item in read_raw_laws(REAL_CORPUS):
        if isinstance(item, RecordError):
            errors.append(item)
        else:
            raws.append(item)
    laws = [parse_law(raw) for raw in raws]
    mark_current(laws)
    return ParsedCorpus(raws=raws, laws=laws, errors=errors)
