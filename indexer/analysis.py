"""Thai word segmentation for the index and for queries: one analyzer, two engines.

``nlpo3`` is the default: on the real corpus it segments about 8x faster than PyThaiNLP's
``newmm`` with 99.6% token agreement (see benchmarks/results/index.md); ``newmm`` stays
selectable by name. The tokenizer object holds only plain settings so it pickles into a
Whoosh schema; the segmenter state (dictionary trie) is built lazily, once per process.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from whoosh.analysis import Token, Tokenizer

from indexer.normalize import normalize_text

ENGINES = ("nlpo3", "newmm")
DEFAULT_ENGINE = "nlpo3"
LEGAL_TERMS_PATH = Path(__file__).resolve().parent / "data" / "legal_terms.txt"

# A token worth indexing has a Thai letter, a Latin letter or a digit.
_WORD_CHAR = re.compile(r"[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e0-9a-z]")
# Punctuation stuck to a token's ends (ม. -> ม, (1) -> 1); inner dots of พ.ศ. are kept.
_EDGE_PUNCT = re.compile(r"^[^\u0e01-\u0e4e0-9a-z]+|[^\u0e01-\u0e4e0-9a-z]+$")
_NUMBER_GROUPING = re.compile(r"(?<=\d),(?=\d{3})")


def check_engine(engine: str) -> str:
    """Return ``engine`` if it is known; ``ValueError`` naming the choices otherwise."""
    if engine not in ENGINES:
        raise ValueError(f"unknown Thai segmentation engine {engine!r}; choose one of {', '.join(ENGINES)}")
    return engine


@lru_cache(maxsize=4)
def load_legal_terms(path: str = str(LEGAL_TERMS_PATH)) -> frozenset[str]:
    """The custom dictionary: one normalised term a line, ``#`` comments skipped."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(normalize_text(line).strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _base_words() -> frozenset[str]:
    from pythainlp.corpus.common import thai_words

    return frozenset(thai_words())


class _Segmenter:
    """Per-process segmentation state for one engine and one custom dictionary."""

    def __init__(self, engine: str, dictionary: str) -> None:
        self.engine = check_engine(engine)
        self.terms = load_legal_terms(dictionary)
        words = _base_words()
        if engine == "nlpo3":
            import nlpo3

            digest = hashlib.sha1("\n".join(sorted(self.terms)).encode()).hexdigest()[:12]
            folder = Path(tempfile.gettempdir())
            base_file = folder / "lawportal-words-base.txt"
            full_file = folder / f"lawportal-words-{digest}.txt"
            for file, extra in ((base_file, frozenset[str]()), (full_file, self.terms)):
                if not file.exists():
                    partial = file.with_suffix(f".{id(self)}.tmp")
                    partial.write_text("\n".join(sorted(words | extra)), encoding="utf-8")
                    partial.replace(file)
            nlpo3.load_dict(str(base_file), "lawportal-base")
            nlpo3.load_dict(str(full_file), f"lawportal-{digest}")
            self._nlpo3 = nlpo3
            self._base_name, self._full_name = "lawportal-base", f"lawportal-{digest}"
        else:
            from pythainlp.util import dict_trie

            self._base_trie = dict_trie(words)
            self._full_trie = dict_trie(words | self.terms)

    def segment(self, text: str, *, with_terms: bool = True) -> list[str]:
        if self.engine == "nlpo3":
            name = self._full_name if with_terms else self._base_name
            return list(self._nlpo3.segment(text, name, safe=False, parallel=False))
        from pythainlp.tokenize import word_tokenize

        trie = self._full_trie if with_terms else self._base_trie
        return list(word_tokenize(text, custom_dict=trie, engine="newmm", keep_whitespace=False))


@lru_cache(maxsize=8)
def _segmenter(engine: str, dictionary: str) -> _Segmenter:
    return _Segmenter(engine, dictionary)


def analyze(text: str, engine: str = DEFAULT_ENGINE, dictionary: str = str(LEGAL_TERMS_PATH)) -> list[str]:
    """Normalise and segment ``text`` into index terms, in order.

    A legal term of the custom dictionary is emitted whole and then as its parts, so both a
    search for the term and a search for a part find it.
    """
    segmenter = _segmenter(check_engine(engine), dictionary)
    terms: list[str] = []
    for raw in segmenter.segment(_NUMBER_GROUPING.sub("", normalize_text(text))):
        token = _clean_token(raw)
        if token is None:
            continue
        terms.append(token)
        if token in segmenter.terms:
            terms.extend(part for part in segmenter.segment(token, with_terms=False) if part != token)
    return terms


@lru_cache(maxsize=200_000)
def _clean_token(raw: str) -> str | None:
    """A segment without the punctuation stuck to its ends; ``None`` if nothing is left."""
    token = _EDGE_PUNCT.sub("", raw)
    return token if token and _WORD_CHAR.search(token) else None


class ThaiTokenizer(Tokenizer):
    """A Whoosh tokenizer that segments Thai with :func:`analyze`.

    Holds only ``engine`` and ``dictionary`` (a path), so it pickles into an index schema.
    """

    def __init__(self, engine: str = DEFAULT_ENGINE, dictionary: str | None = None) -> None:
        self.engine = check_engine(engine)
        self.dictionary = dictionary or str(LEGAL_TERMS_PATH)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ThaiTokenizer) and other.engine == self.engine and other.dictionary == self.dictionary

    def __hash__(self) -> int:
        return hash((self.engine, self.dictionary))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for position, text in enumerate(analyze(value, self.engine, self.dictionary), start_pos):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = position
            if chars:
                # Offsets into the normalised text are not offsets into the original; none given.
                token.startchar = token.endchar = start_char
            yield token
