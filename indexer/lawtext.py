"""Law-text retrieval for paragraphs: every section's BM25F weight for every term, as one sparse matrix.

A situation query sends a dozen weighted terms over all 39,000 sections; a Whoosh OR-query of them
takes seconds (search-feasibility note), a column lookup and a sparse product takes milliseconds.
The matrix is read once from the search core's section index (so the terms are exactly the indexed
ones) and saved beside the precedents. Knows nothing of precedents or of HTTP.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csc_matrix, csr_matrix

from indexer.concepts import ConceptIndex


@dataclass(frozen=True)
class LawTextHit:
    """A section found by searching the law text, with the query terms its text contains."""

    id: str
    law: str
    score: float
    matched_terms: tuple[str, ...]


# A law-text retriever takes weighted terms and a limit and returns hits, best first.
LawTextRetriever = Callable[[Mapping[str, float], int], list[LawTextHit]]

# The matrix of an index folder, written by indexer.build beside the Whoosh index it is read from.
LAW_TEXT_FILE = "law-text.npz"


def idf_of(document_frequency: int, documents: int) -> float:
    """BM25's IDF, never negative."""
    return max(0.0, math.log(1 + (documents - document_frequency + 0.5) / (document_frequency + 0.5)))


def count_references(sections: Iterable[tuple[str, str, str]]) -> dict[str, int]:
    """For (id, law, text) rows: how many other sections of the same law refer to each section id."""
    from corpus.crossrefs import find_references
    from corpus.thai import section_id

    counts: dict[str, int] = defaultdict(int)
    for source, law, text in sections:
        targets = {section_id(law, ref.number) for ref in find_references(text or "") if ref.law_title is None}
        for target in targets - {source}:
            counts[target] += 1
    return dict(counts)


def stored_reference_counts(connection: sqlite3.Connection) -> dict[str, int]:
    """:func:`count_references` of an index's store: read from the build's ``cited_within`` column,
    or counted from the texts for a store written before the column existed."""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(sections)")}
    if "cited_within" in columns:
        return {
            sid: int(n) for sid, n in connection.execute("SELECT id, cited_within FROM sections WHERE cited_within")
        }
    return count_references(connection.execute("SELECT id, law, text FROM sections"))


def _top(scores: np.ndarray, count: int) -> np.ndarray:
    """Positions of the ``count`` highest scores, best first (a partial sort: 39,000 sections)."""
    if count >= len(scores):
        return np.argsort(-scores, kind="stable")
    best = np.argpartition(-scores, count)[:count]
    return best[np.argsort(-scores[best], kind="stable")]


class LawTextMatrix:
    """Law-text retrieval as one sparse product: every section's BM25F weight for every term.

    Built once from the search core's section index (its postings, so the terms are exactly the
    indexed ones) and kept in memory: a paragraph's query is a handful of column lookups and a
    sparse sum, a few milliseconds, where a Whoosh OR-query of the same terms takes seconds
    (search-feasibility note). Text, headings and law title count as in the search core's BM25F.
    """

    FIELD_WEIGHTS: Mapping[str, float] = {"text": 1.0, "divisions": 0.6, "title": 0.3}
    K1 = 1.2
    B = 0.75
    LAW_CANDIDATES = 400
    LAW_TOP_SECTIONS = 3
    # A law governing a concept of the query (legal_concepts.tsv) counts this much more, once however
    # many of its concepts the query has. Measured on the everyday situations (dev and blind sets):
    # 0.5 to 4 all help law Hit@1; 1 (double) was chosen as the middle, not the best of either set.
    # With the subject index of 2026-11-28 (about 740 concepts), 2 with a key-section boost of 2 was at
    # least as good as 1 on every set (dev, blind b-e, case-facts CV): benchmarks/results/situation.md.
    CONCEPT_BOOST = 2.0
    # Within a law, a section gains 1 + REFERENCE_WEIGHT * ln(1 + the number of its law's sections that
    # refer to it): the rules a law is built around are the ones its other sections cite (ค่าชดเชย,
    # 642571/118, is cited by six). Measured on the everyday dev and blind sets: 0.1 to 0.3 raise section
    # Hit@10 alike; 0.2, the middle, was chosen. It reorders sections inside a law, never the laws.
    REFERENCE_WEIGHT = 0.2
    # A key section of a concept the query names (third column of legal_concepts.tsv) counts this much
    # more inside its law: the rule itself (642571/118 for ค่าชดเชย) above sections that share the story's
    # other words (บิดา, บุตร in a story of an estate pull the Civil Code's parent-child chapter). Chosen on
    # the everyday dev set and blind set 1 (set 2 as a check): see benchmarks/results/situation.md.
    KEY_SECTION_BOOST = 2.0

    def __init__(
        self,
        matrix: csc_matrix,
        vocabulary: dict[str, int],
        idf_values: np.ndarray,
        section_ids: list[str],
        law_ids: list[str],
        current: np.ndarray,
        source: str = "",
        concepts: Sequence[tuple[tuple[str, ...], str]] | None = None,
        references: np.ndarray | None = None,
        key_sections: Sequence[tuple[tuple[str, ...], tuple[str, ...]]] | None = None,
    ) -> None:
        self.matrix = matrix
        self.vocabulary = vocabulary
        self.idf_values = idf_values
        self.section_ids = section_ids
        self.law_ids = law_ids
        self.current = current
        self.source = source
        laws = sorted(set(law_ids))
        self.laws = laws
        position = {law: i for i, law in enumerate(laws)}
        self.section_law = np.array([position[law] for law in law_ids], dtype=np.int32)
        # Laws x terms: the sum of a law's section rows, to see which terms a law has anywhere.
        membership = csr_matrix(
            (np.ones(len(law_ids), dtype=np.float32), (self.section_law, np.arange(len(law_ids)))),
            shape=(len(laws), len(law_ids)),
        )
        self.law_matrix = (membership @ matrix.tocsr()).tocsc()
        # How many sections of the same law refer to each section (0 when not known, as in older saves).
        self.references = np.zeros(len(section_ids), np.int32) if references is None else references
        self.reference_prior = 1.0 + self.REFERENCE_WEIGHT * np.log1p(self.references.astype(np.float64))
        # Concepts of the laws this matrix holds, as law positions; read from the data file each time
        # the matrix is built or loaded, so a reviewed change needs no rebuild.
        self.concepts = ConceptIndex.of(laws, section_ids, concepts, key_sections)

    @classmethod
    def from_index(cls, folder: Path) -> LawTextMatrix:
        """Read the postings of the section index in ``folder`` (seconds; done at load time, not per query)."""

        from whoosh import index as whoosh_index

        from indexer.authority import read_authority
        from indexer.schema import SECTIONS

        index = whoosh_index.open_dir(str(folder), indexname=SECTIONS)
        with index.reader() as reader:
            documents = reader.doc_count_all()
            section_ids = [""] * documents
            law_ids = [""] * documents
            for docnum, stored in reader.iter_docs():
                section_ids[docnum] = stored["id"]
                law_ids[docnum] = stored.get("law") or stored["id"].partition("/")[0]
            vocabulary: dict[str, int] = {}
            rows: list[int] = []
            cols: list[int] = []
            values: list[float] = []
            for field_name, field_weight in cls.FIELD_WEIGHTS.items():
                if field_name not in reader.schema:
                    continue
                lengths = np.array([reader.doc_field_length(d, field_name) or 0 for d in range(documents)], float)
                average = max(lengths.mean(), 1.0)
                norm = cls.K1 * (1 - cls.B + cls.B * lengths / average)
                for term in reader.field_terms(field_name):
                    matcher = reader.postings(field_name, term)
                    column = vocabulary.setdefault(term, len(vocabulary))
                    while matcher.is_active():
                        docnum = matcher.id()
                        frequency = matcher.weight()
                        values.append(field_weight * frequency * (cls.K1 + 1) / (frequency + norm[docnum]))
                        rows.append(docnum)
                        cols.append(column)
                        matcher.next()
            cls._add_law_titles(folder, law_ids, vocabulary, rows, cols, values)
            frequencies = np.zeros(len(vocabulary))
            for term, column in vocabulary.items():
                frequencies[column] = reader.doc_frequency("text", term)
        matrix = csc_matrix(
            (np.array(values, np.float32), (np.array(rows), np.array(cols))), shape=(documents, len(vocabulary))
        )
        matrix.sum_duplicates()
        idf_values = np.array([idf_of(int(f), documents) if f else 0.0 for f in frequencies], dtype=np.float32)
        # Superseded as the keyword search sees it: marked not current, or repealed by a later law.
        authority = read_authority(folder)
        current = np.array([not authority.is_superseded(law) for law in law_ids], dtype=bool)
        references = np.zeros(documents, dtype=np.int32)
        store = folder / "store.sqlite"
        if store.exists():
            connection = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
            try:
                counts = stored_reference_counts(connection)
                references = np.array([counts.get(section, 0) for section in section_ids], dtype=np.int32)
            finally:
                connection.close()
        return cls(
            matrix, vocabulary, idf_values, section_ids, law_ids, current, source=folder.name, references=references
        )

    @classmethod
    def _add_law_titles(
        cls,
        folder: Path,
        law_ids: list[str],
        vocabulary: dict[str, int],
        rows: list[int],
        cols: list[int],
        values: list[float],
    ) -> None:
        """Give every section the terms of its law's title (from the law index), at the title weight."""
        from whoosh import index as whoosh_index

        from indexer.schema import LAWS

        weight = cls.FIELD_WEIGHTS.get("title", 0.0)
        if not weight or not whoosh_index.exists_in(str(folder), indexname=LAWS):
            return
        sections_of: dict[str, list[int]] = defaultdict(list)
        for docnum, law in enumerate(law_ids):
            sections_of[law].append(docnum)
        laws = whoosh_index.open_dir(str(folder), indexname=LAWS)
        with laws.reader() as reader:
            if "title" not in reader.schema:
                return
            law_of_doc = {docnum: stored.get("law", "") for docnum, stored in reader.iter_docs()}
            for term in reader.field_terms("title"):
                matcher = reader.postings("title", term)
                column = vocabulary.setdefault(term, len(vocabulary))
                while matcher.is_active():
                    frequency = matcher.weight()
                    value = weight * frequency * (cls.K1 + 1) / (frequency + cls.K1)
                    for docnum in sections_of.get(law_of_doc.get(matcher.id(), ""), []):
                        rows.append(docnum)
                        cols.append(column)
                        values.append(value)
                    matcher.next()

    def save(self, path: Path) -> None:
        """Write the matrix and its labels to ``path`` (``.npz``) and ``path`` + ``.json``."""
        from scipy.sparse import save_npz

        save_npz(path, self.matrix)
        meta = {
            "vocabulary": self.vocabulary,
            "section_ids": self.section_ids,
            "law_ids": self.law_ids,
            "current": self.current.tolist(),
            "idf": self.idf_values.tolist(),
            "source": self.source,
            "references": self.references.tolist(),
        }
        Path(str(path) + ".json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> LawTextMatrix:
        from scipy.sparse import load_npz

        meta = json.loads(Path(str(path) + ".json").read_text(encoding="utf-8"))
        return cls(
            load_npz(path).tocsc(),
            meta["vocabulary"],
            np.array(meta["idf"], dtype=np.float32),
            meta["section_ids"],
            meta["law_ids"],
            np.array(meta["current"], dtype=bool),
            source=meta.get("source", ""),
            references=np.array(meta["references"], dtype=np.int32) if "references" in meta else None,
        )

    def idf(self, term: str) -> float:
        """IDF of ``term`` over section texts; 0 for a term no section has."""
        column = self.vocabulary.get(term)
        return float(self.idf_values[column]) if column is not None else 0.0

    def _reorder_within_laws(self, blended: np.ndarray, weighted_terms: Mapping[str, float]) -> np.ndarray:
        """Raise the sections their law's other sections cite and the key sections of the query's concepts.

        Scaled back per law, so each law's best score, and so the order of the laws, does not change.
        """
        raised = blended * self.reference_prior
        if self.KEY_SECTION_BOOST:
            named = self.concepts.key_sections(weighted_terms)
            if named:
                factor = np.ones(len(blended))
                factor[list(named)] += self.KEY_SECTION_BOOST
                raised = raised * factor
        best_before = np.zeros(len(self.laws))
        np.maximum.at(best_before, self.section_law, blended)
        best_after = np.zeros(len(self.laws))
        np.maximum.at(best_after, self.section_law, raised)
        scale = np.divide(best_before, best_after, out=np.zeros_like(best_before), where=best_after > 0)
        return raised * scale[self.section_law]

    def governing_laws(self, weighted_terms: Mapping[str, float]) -> set[int]:
        """Positions of the laws that govern a concept all of whose words are among the query's terms."""
        return self.concepts.governing_laws(weighted_terms)

    def __call__(self, weighted_terms: Mapping[str, float], limit: int) -> list[LawTextHit]:
        return self.search(weighted_terms, limit)[0]

    def search(self, weighted_terms: Mapping[str, float], limit: int) -> tuple[list[LawTextHit], dict[str, float]]:
        """Sections best first, and each matching law's score relative to the best law (0..1).

        A law scores by its best few sections times the square of its coverage (the IDF-weighted
        share of the query's terms it contains anywhere), the search core's rule: the act that
        governs a topic uses all of its words; and more when it governs a concept the query names
        (``legal_concepts.tsv``: ค่าชดเชย -> the Labour Protection Act), since a large act can use
        all the words without being the one a lawyer would open. A section's score is its own
        BM25F times the square root of its law's score, so a stray match in an unrelated act sinks;
        inside its law, a section the law's other sections cite rises (``REFERENCE_WEIGHT``), and so does a
        key section of a concept the query names (``KEY_SECTION_BOOST``: มรดก -> 567410/1599).
        """
        columns = [(self.vocabulary[t], t, w) for t, w in weighted_terms.items() if t in self.vocabulary]
        if not columns:
            return [], {}
        column_ids = [c for c, _t, _w in columns]
        weights = np.array([w * self.idf_values[c] for c, _t, w in columns], dtype=np.float32)
        part = self.matrix[:, column_ids].tocsr()
        scores = np.asarray(part @ weights).ravel()
        # Repealed or superseded laws give way to the current ones.
        scores = np.where(self.current, scores, scores * 0.5)
        candidates = _top(scores, self.LAW_CANDIDATES)
        per_law: dict[int, list[float]] = defaultdict(list)
        for docnum in candidates:
            if scores[docnum] > 0:
                per_law[int(self.section_law[docnum])].append(float(scores[docnum]))
        has_term = (self.law_matrix[:, column_ids] > 0).astype(np.float32).tocsr()
        coverage = np.asarray(has_term @ weights).ravel() / max(float(weights.sum()), 1e-9)
        law_scores = np.zeros(len(self.laws), dtype=np.float64)
        for law, section_scores in per_law.items():
            law_scores[law] = sum(section_scores[: self.LAW_TOP_SECTIONS]) * coverage[law] ** 2
        for law in self.governing_laws(weighted_terms):
            law_scores[law] *= 1.0 + self.CONCEPT_BOOST
        top_law = law_scores.max()
        if top_law <= 0:
            return [], {}
        law_scores /= top_law
        top_section = scores.max()
        blended = (scores / top_section) * np.sqrt(law_scores[self.section_law])
        blended = self._reorder_within_laws(blended, weighted_terms)
        order = [int(d) for d in _top(blended, limit) if blended[d] > 0]
        hits = []
        rows = part[order] if order else part[:0]
        for position, docnum in enumerate(order):
            found = rows.indices[rows.indptr[position] : rows.indptr[position + 1]]
            matched = tuple(sorted(columns[i][1] for i in found))
            hits.append(LawTextHit(self.section_ids[docnum], self.law_ids[docnum], float(blended[docnum]), matched))
        relative = {self.laws[law]: float(law_scores[law]) for law in per_law if law_scores[law] > 0}
        return hits, relative
