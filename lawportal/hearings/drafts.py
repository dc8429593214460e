"""A draft's text into sections (by the corpus parser), and the redline between two versions."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from corpus.model import RawLaw
from corpus.model import Section as ParsedSection

DRAFT_SYSID = "draft"


def split_sections(title: str, text: str) -> list[ParsedSection]:
    """The sections of a draft, with its preamble as section ``"0"`` when there is one."""
    from corpus.parser import parse_law

    law = parse_law(RawLaw(sysid=DRAFT_SYSID, title=title, law_type="ร่าง", text=text, origin="upload"))
    sections = list(law.sections)
    if law.preamble.strip():
        sections.insert(0, ParsedSection(number="0", label="คำปรารภ", text=law.preamble, kind="preamble"))
    return sections


@dataclass(frozen=True)
class Segment:
    """A run of text that is the same in both versions, or only in the old (delete) or new (insert)."""

    op: str  # "equal", "delete" or "insert"
    text: str


@dataclass(frozen=True)
class SectionChange:
    """How one section changed between two versions."""

    number: str
    label: str
    status: str  # "added", "removed", "changed" or "same"
    segments: tuple[Segment, ...]


def words(text: str) -> list[str]:
    """Thai has no spaces between words: PyThaiNLP finds them, so a change shows as whole words."""
    from pythainlp.tokenize import word_tokenize

    return word_tokenize(text, engine="newmm", keep_whitespace=True)


def diff_text(old: str, new: str) -> tuple[Segment, ...]:
    """A word-level diff of two texts, as runs of equal, deleted and inserted text."""
    old_words, new_words = words(old), words(new)
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    segments: list[Segment] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("equal", "".join(old_words[a0:a1])))
            continue
        if op in ("delete", "replace"):
            segments.append(Segment("delete", "".join(old_words[a0:a1])))
        if op in ("insert", "replace"):
            segments.append(Segment("insert", "".join(new_words[b0:b1])))
    return tuple(segments)


def redline(old: list[tuple[str, str, str]], new: list[tuple[str, str, str]]) -> list[SectionChange]:
    """Section-by-section changes between two versions given as (number, label, text), in the new order
    with removed sections after the section that preceded them."""
    old_by_number = {number: (label, text) for number, label, text in old}
    new_numbers = {number for number, _label, _text in new}
    changes: list[SectionChange] = []
    for number, label, text in new:
        if number not in old_by_number:
            changes.append(SectionChange(number, label, "added", (Segment("insert", text),)))
            continue
        old_text = old_by_number[number][1]
        status = "same" if old_text == text else "changed"
        changes.append(SectionChange(number, label, status, diff_text(old_text, text)))
    for number, label, text in old:
        if number not in new_numbers:
            changes.append(SectionChange(number, label, "removed", (Segment("delete", text),)))
    return changes
