"""BM25F over Whoosh postings held in numpy arrays: the hot path of every query.

Whoosh builds a tree of Python matchers per query and scores one posting at a time; for the
short posting lists of the law index and the few laws searched for sections that still cost tens
of milliseconds a query. Here each term's postings are read from the Whoosh reader once, kept as
two arrays (document numbers, term frequencies), and scored for all documents at once with the
same BM25F formula Whoosh uses, so a warm query costs well under a millisecond of scoring.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict

import numpy as np
from whoosh.reading import IndexReader

K1 = 1.2
B = 0.75
CACHED_TERMS = 50_000


class PostingsScorer:
    """Scores the documents of one Whoosh index for a bag of terms over weighted fields."""

    def __init__(self, reader: IndexReader, fields: tuple[str, ...], key_field: str, b: float = B) -> None:
        self.reader = reader
        # Length normalisation: 0 ignores a document's length, 1 divides by it fully.
        self.b = b
        self.fields = fields
        self.size = reader.doc_count_all()
        self.live = np.array([not reader.is_deleted(n) for n in range(self.size)], dtype=bool)
        self.lengths = {
            # A document without the field has no stored length (None), not 0.
            name: np.array([reader.doc_field_length(n, name, 0) or 0 for n in range(self.size)], dtype=np.float32)
            for name in fields
        }
        self.average = {
            name: float(self.lengths[name][self.live].mean()) if self.live.any() else 1.0 for name in fields
        }
        self.average = {name: value or 1.0 for name, value in self.average.items()}
        keys: list[str] = [""] * self.size
        for docnum, stored in reader.iter_docs():
            keys[docnum] = stored[key_field]
        self.keys = keys
        self.doc_count = int(self.live.sum())
        self._cache: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Document numbers and frequencies of ``term`` in ``field`` (empty arrays if absent)."""
        key = (field, term)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        ids: list[int] = []
        frequencies: list[float] = []
        if (field, term) in self.reader:
            matcher = self.reader.postings(field, term)
            while matcher.is_active():
                ids.append(matcher.id())
                frequencies.append(matcher.weight())
                matcher.next()
        id_array = np.array(ids, dtype=np.int64)
        keep = self.live[id_array] if len(ids) else np.zeros(0, dtype=bool)
        result = (id_array[keep], np.array(frequencies, dtype=np.float32)[keep])
        with self._lock:
            self._cache[key] = result
            if len(self._cache) > CACHED_TERMS:
                self._cache.popitem(last=False)
        return result

    def idf(self, field: str, term: str) -> float:
        """Whoosh's BM25 IDF, ``log(N / (df + 1)) + 1``, of ``term`` in ``field``."""
        frequency = len(self.postings(field, term)[0])
        return math.log(self.doc_count / (frequency + 1)) + 1

    def scores(self, terms: list[str], weights: dict[str, float]) -> np.ndarray:
        """BM25F score of every document: sum over fields and terms of weight * idf * saturated tf."""
        total = np.zeros(self.size, dtype=np.float32)
        for name, weight in weights.items():
            lengths, average = self.lengths[name], self.average[name]
            for term in terms:
                ids, frequencies = self.postings(name, term)
                if not len(ids):
                    continue
                norm = K1 * ((1 - self.b) + self.b * lengths[ids] / average)
                total[ids] += weight * self.idf(name, term) * frequencies * (K1 + 1) / (frequencies + norm)
        return total

    def coverage(
        self, terms: list[str], weights: dict[str, float], alternatives: dict[str, list[str]] | None = None
    ) -> np.ndarray:
        """Per document, the sum of ``weights[term]`` over the terms it contains in any field.

        A document containing one of ``alternatives[term]`` (other spellings or segmentations of the
        term) counts as containing the term. Vectorised (a boolean mask per term), so a common word
        with tens of thousands of postings costs one array operation, not a Python set.
        """
        total = np.zeros(self.size, dtype=np.float32)
        for term in terms:
            weight = weights.get(term, 0.0)
            if not weight:
                continue
            present = np.zeros(self.size, dtype=bool)
            for word in [term, *(alternatives or {}).get(term, [])]:
                for name in self.fields:
                    present[self.postings(name, word)[0]] = True
            total[present] += weight
        return total
