"""The subject index: which act governs a legal concept, and which of its sections state the rule.

``indexer/data/legal_concepts.tsv`` is reviewed data, like a textbook's index: ค่าชดเชย -> the
Labour Protection Act, section 118. Keyword search and the situation search's law text both read
it through :class:`ConceptIndex`, so a concept added there helps both. Knows nothing of HTTP.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CONCEPTS_PATH = Path(__file__).resolve().parent / "data" / "legal_concepts.tsv"


def read_concept_rows(path: Path = CONCEPTS_PATH) -> list[tuple[str, str, tuple[str, ...]]]:
    """(concept, law, key section numbers) of the concepts file, in file order; ``ValueError`` names a bad line."""
    rows: list[tuple[str, str, tuple[str, ...]]] = []
    for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("concept\t"):
            continue
        parts = [part.strip() for part in line.split("\t")]
        numbers = tuple(parts[2].split()) if len(parts) == 3 else ()
        if len(parts) not in (2, 3) or not parts[0] or not parts[1].isdigit() or (len(parts) == 3 and not numbers):
            raise ValueError(f"{path}:{line_number}: expected 'concept<TAB>sysid[<TAB>sections]', got {line!r}")
        rows.append((parts[0], parts[1], numbers))
    return rows


def read_concepts(path: Path = CONCEPTS_PATH) -> list[tuple[str, str]]:
    """The reviewed (concept, law) pairs of the concepts file, in file order; ``ValueError`` names a bad line."""
    return [(concept, law) for concept, law, _numbers in read_concept_rows(path)]


@lru_cache(maxsize=2)
def load_named_concepts(path: str = str(CONCEPTS_PATH)) -> tuple[tuple[tuple[str, ...], str, str], ...]:
    """Each concept as the analyzer splits it (the index's terms), the act that governs it, and its name."""
    from indexer.analysis import analyze

    return tuple(
        (tuple(analyze(concept)), law, concept) for concept, law in read_concepts(Path(path)) if analyze(concept)
    )



@lru_cache(maxsize=2)
def load_key_sections(path: str = str(CONCEPTS_PATH)) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Each concept that names key sections, as the analyzer splits it, with those sections' ids."""
    from indexer.analysis import analyze

    return tuple(
        (tuple(analyze(concept)), tuple(f"{law}/{number}" for number in numbers))
        for concept, law, numbers in read_concept_rows(Path(path))
        if numbers and analyze(concept)
    )


@dataclass(frozen=True)
class ConceptIndex:
    """The concepts as positions in one index: the law each governs and the rows of its key sections.

    A concept is named by a query when every word of it (as the analyzer splits it) is among the
    query's terms, often brought there by the everyday vocabulary (ค่าแรง -> ค่าจ้าง).
    """

    laws: tuple[tuple[frozenset[str], int], ...]
    sections: tuple[tuple[frozenset[str], tuple[int, ...]], ...]
    # The concept's name as the data file writes it, per entry of ``laws`` (empty when not known).
    names: tuple[str, ...]

    @classmethod
    def of(
        cls,
        law_keys: Sequence[str],
        section_keys: Sequence[str],
        concepts: Sequence[tuple[tuple[str, ...], str]] | None = None,
        key_sections: Sequence[tuple[tuple[str, ...], tuple[str, ...]]] | None = None,
    ) -> ConceptIndex:
        """Positions of the concepts' laws in ``law_keys`` and key sections in ``section_keys``.

        ``concepts`` and ``key_sections`` default to the data file's, read afresh each time an index
        is opened, so a reviewed change needs no rebuild.
        """
        law_position = {key: position for position, key in enumerate(law_keys)}
        section_position = {key: position for position, key in enumerate(section_keys)}
        named = load_named_concepts() if concepts is None else [(words, law, "") for words, law in concepts]
        keys = load_key_sections() if key_sections is None else key_sections
        kept = [(words, law, name) for words, law, name in named if law in law_position]
        return cls(
            tuple((frozenset(words), law_position[law]) for words, law, _name in kept),
            tuple(
                (frozenset(words), tuple(section_position[sid] for sid in sids if sid in section_position))
                for words, sids in keys
            ),
            tuple(name for _words, _law, name in kept),
        )

    def governing_laws(self, terms: Collection[str]) -> set[int]:
        """Positions of the laws governing a concept all of whose words are among ``terms``."""
        present = set(terms)
        return {position for words, position in self.laws if words <= present}

    def governing_concepts(self, terms: Collection[str]) -> dict[int, list[str]]:
        """Per law governing a concept of the query, the names of those concepts (the reason it rose)."""
        present = set(terms)
        found: dict[int, list[str]] = {}
        for (words, position), name in zip(self.laws, self.names, strict=True):
            if words <= present:
                found.setdefault(position, []).extend([name] if name else [])
        return found

    def key_sections(self, terms: Collection[str]) -> set[int]:
        """Positions of the key sections of the concepts all of whose words are among ``terms``."""
        present = set(terms)
        return {position for words, positions in self.sections if words <= present for position in positions}
