"""Parse the raw text of a Thai law into its preamble, divisions, sections, footnotes and history.

The scraped krisdika text has no markup: a section starts where a line starts with ``มาตรา`` and a
number, but so does a cross-reference that happens to wrap onto a new line. The parser therefore
collects every line that *looks* like a section heading, scores how much it looks like one, and
keeps the chain of candidates with increasing numbers that explains the text best (few gaps, good
scores). Everything after the law proper (signature, notes, amending acts) goes to ``history``;
the trailing ``[๑] ...`` block goes to ``footnotes``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from corpus.model import Division, Footnote, Law, RawLaw, Section
from corpus.thai import SUFFIX_PATTERN, canonical_section_number, clean_text, section_sort_key, to_arabic_digits

LONG_SECTION_CHARS = 10_000

_THAI_LETTER = "\u0e01-\u0e4e"
_DIGITS = "0-9๐-๙"
_NUMBER = rf"[{_DIGITS}]+(?:\s*/\s*[{_DIGITS}]+)?(?:\s*{SUFFIX_PATTERN}(?![{_THAI_LETTER}]))?"
_MARKS = rf"(?:\s*\[[{_DIGITS}]+\])*"
FOOTNOTE_MARK_RE = re.compile(rf"\[([{_DIGITS}]+)\]")

# A heading may cover a range of repealed sections: "มาตรา ๑๒๗๔ - ๑๒๙๗ (ยกเลิก)", "มาตรา ๙๔ ถึงมาตรา ๑๐๒".
_RANGE = rf"(?:\s*(?:-|–|ถึง)\s*(?:{{kw}}\s*)?(?P<to>{_NUMBER})(?![{_DIGITS}]))?"
_HEAD_RE = {
    kind: re.compile(
        rf"^(?P<kw>{keyword})\s*(?P<num>{_NUMBER})(?![{_DIGITS}]){_RANGE.format(kw=keyword)}"
        rf"(?P<marks>{_MARKS})(?P<late_suffix>{SUFFIX_PATTERN}(?![{_THAI_LETTER}]))?(?P<sep>\s*)(?P<rest>.*)$"
    )
    for kind, keyword in (("section", "มาตรา?"), ("clause", "ข้อ"))  # "มาตร ๖ ตรี": a typo in the source
}
_HEADING_WORDS = ("มาตรา", "ข้อ", "บรรพ", "ภาค", "ลักษณะ", "หมวด", "ส่วน")
_KEYWORD_ALONE_RE = re.compile(r"^(?:มาตรา|ข้อ|บรรพ|ภาค|ลักษณะ|หมวด|ส่วนที่|ส่วน)$")
_STARTS_WITH_NUMBER_RE = re.compile(rf"^[{_DIGITS}]")
_KEYWORD_NUMBER_ALONE_RE = re.compile(rf"^(?:มาตรา|ข้อ)\s*[{_DIGITS}]+$")
_STARTS_WITH_SUFFIX_RE = re.compile(rf"^{SUFFIX_PATTERN}(?![{_THAI_LETTER}])")

# What follows the number of a wrapped cross-reference ("มาตรา ๔๖ แห่งประมวลกฎหมายนี้"),
# and never the first words of a section.
_REFERENCE_CONTINUATION_RE = re.compile(
    rf"^(?:แห่ง|และ|หรือ|ถึง|วรรค|ของ|ประกอบ|ตาม|นี้|ดังกล่าว|ด้วย|เว้นแต่|ซึ่ง|อนุมาตรา|กับ|แล้ว|,|\)|"
    rf"\((?:[{_DIGITS}]+|[ก-ฮ])\))"
)
# How a line ends when the sentence runs on into a cross-reference on the next line.
_LINE_RUNS_ON_RE = re.compile(
    r"(?:ตาม|ใน|แห่ง|โดย|และ|หรือ|ถึง|กับ|ของ|บทบัญญัติ|ความใน|ต่อ|เว้นแต่|เช่นเดียวกับ|ไว้ใน|ซึ่ง|อาศัยอำนาจ|"
    r"ประกอบ|อันเป็น|,)$"
)
_REPEALED_RE = re.compile(r"^[(\[]?\s*ยกเลิก")

_DIVISION_LEVELS = {"บรรพ": 1, "ภาค": 1, "ลักษณะ": 2, "หมวด": 3, "ส่วนที่": 4, "ส่วน": 4}
_DIVISION_RE = re.compile(
    rf"^(?P<kind>บรรพ|ภาค|ลักษณะ|หมวด|ส่วนที่|ส่วน)\s*(?P<num>{_NUMBER})(?![{_DIGITS}])(?P<marks>{_MARKS})\s*(?P<title>.*)$"
)
_TRANSITIONAL_RE = re.compile(rf"^บทเฉพาะกาล{_MARKS}\s*$")
# How a wrapped reference ("หมวด ๒ แห่งพระราชบัญญัตินี้") or the rest of a title goes on after
# "หมวด ๒"; real headings may well start with ข้อ-, ของ-, ที่-, ให้ (ข้อความทั่วไป, ของตกค้าง, ที่ดิน, ให้).
_LAW_WORD = r"(?:พระราชบัญญัติ|พระราชกำหนด|ประมวล|กฎหมาย|รัฐธรรมนูญ|หมวด|ส่วน|ภาค|ลักษณะ|บรรพ)"
_DIVISION_TITLE_REJECT_RE = re.compile(
    rf"^(?:แห่ง|และ|หรือ|ถึง|ตาม|วรรค|ซึ่ง|นี้|เป็น|ด้วย|จะ|ได้|ไม่|กับ|ต้อง|\(|,|\)"
    rf"|(?:มาตรา|ข้อ)\s*[{_DIGITS}]|(?:ของ|ใน){_LAW_WORD}|ที่(?:ได้|แก้ไข|บัญญัติ|กำหนด)|ให้(?!$))"
)
MAX_HEADING_CHARS = 160

# Where the law proper ends: the countersignature, the date line of an old act or an announcement,
# and the initials of the Council of State's editors ("สุกัญญา/ผู้จัดทำ").
_SIGNATURE_RE = re.compile(
    r"^(?:ผู้รับสนอง(?:พระ)?(?:บรม)?ราชโองการ|ประกาศมา(?:\s|$)|(?:ประกาศ|สั่ง)\s*ณ\s*วันที่"
    r"|(?:พระราชบัญญัติ|พระราชกำหนด)(?:ตราไว้|ตรัสเหนือเกล้า|ให้ไว้)"
    r"|[^\s/]{2,30}/(?:ผู้จัดทำ|ผู้ตรวจ|ตรวจ|เพิ่มเติม|แก้ไข|ปรับปรุง|จัดทำ)(?:\s|$))"
)
_TITLE_MARK_END_RE = re.compile(rf"\[[{_DIGITS}]+\]$")
_YEAR_OR_ISSUE_RE = re.compile(r"(?:พ\.\s*ศ\.|พุทธศักราช|ฉบับที่|ลงวันที่)")
_NOTE_RE = re.compile(r"^หมายเหตุ\s*(?::|：|-|$)")
_ACT_TITLE_RE = re.compile(r"^\*?(?:พระราชบัญญัติ|พระราชกำหนด|พระราชกฤษฎีกา|ประกาศ|คำสั่ง|ประมวล|พระธรรมนูญ)(?!นี้)")
_ROYAL_LINE_RE = re.compile(r"(?:ให้ไว้ ณ|ตราไว้ ณ|ปรมาภิไธย|ภูมิพลอดุลยเดช|ประชาธิปก|อานันทมหิดล|มหาวชิราลงกรณ|พระปกเกล้า)")
_TOC_RE = re.compile(r"^สาร(?:บาญ|บัญ)\s*$")
_FOOTNOTE_START_RE = re.compile(r"^\[(?:๑|1)\]")
_FOOTNOTE_ENTRY_RE = re.compile(rf"^\[(?P<mark>[{_DIGITS}]+)\]\s*(?P<text>.*)$")
_YEAR_RE = re.compile(rf"(?:พ\.\s*ศ\.|พุทธศักราช|ปี)\s*([{_DIGITS}]{{4}})")
_YEAR_IN_NUMBER_RE = re.compile(rf"ฉบับที่\s*[{_DIGITS}]+\s*/\s*([{_DIGITS}]{{4}})")
# The Rattanakosin era (ร.ศ. 121 = พ.ศ. 2445) of the oldest acts.
_RATTANAKOSIN_RE = re.compile(rf"(?:รัตนโกสินทรศก|ร\.\s*ศ\.)\s*([{_DIGITS}]{{2,3}})(?![{_DIGITS}])")
RATTANAKOSIN_TO_BE = 2324
_DATED_RE = re.compile(
    rf"(?:ณ วันที่|ลงวันที่)[^\n]{{0,60}}?"
    rf"(?:(?:พ\.\s*ศ\.|พุทธศักราช)\s*[{_DIGITS}]{{4}}|(?:รัตนโกสินทรศก|ร\.\s*ศ\.)\s*[{_DIGITS}]{{2,3}})"
)
# A line that starts a paragraph of its own: an item "(๑)" / "(ก)" / "๑.", a note, a definition.
_NEW_PARAGRAPH_RE = re.compile(
    rf"^(?:\((?:[{_DIGITS}]+|[ก-ฮ]{{1,2}})\)|[{_DIGITS}]+\.\s|\[|หมายเหตุ|-\s|“[^”]{{1,60}}”\s*หมายความ)"
)
_PARAGRAPH_ENDS_RE = re.compile(r"(?:ดังต่อไปนี้|ดังนี้|:|：|-)$")

CODE_LAW_TYPES = frozenset({"ประมวลกฎหมาย", "ประมวลรัษฎากร", "พระธรรมนูญ"})
CLAUSE_LAW_TYPES = frozenset({"ประกาศ", "คำสั่ง"})

# Weights of the section-heading evidence; a missing section number costs GAP_COST.
BASE_SCORE = 1.0
BLANK_BEFORE_SCORE = 1.0
HEADING_FORM_SCORE = 0.5
RUNS_ON_PENALTY = 1.5
CONTINUATION_PENALTY = 2.0
GAP_COST = 1.0
STRONG_SCORE = 2.0


@dataclass
class HeadCandidate:
    """A line that may start a section: its position, number and how much it looks like a heading."""

    line: int
    number: str
    label: str
    marks: list[str]
    rest: str
    score: float
    last_main: int = 0  # the last number a range heading covers; else the section's own

    def __post_init__(self) -> None:
        self.last_main = max(self.last_main, self.key[0])

    @property
    def key(self) -> tuple[int, int, int]:
        return section_sort_key(self.number)


@dataclass(frozen=True)
class HeadingStats:
    """How many lines looked like a section heading, and what became of them (for the corpus report).

    ``rejected_in_text`` are lines inside the law's sections that start with ``มาตรา`` + number but
    were kept as text: mostly wrapped cross-references. The others left out sit in the history
    (amending acts) or in a repeated copy of the text.
    """

    candidates: int
    kept: int
    rejected_in_text: int


def parse_law(raw: RawLaw) -> Law:
    """Parse one raw law; never raises on odd text, but records what looks wrong in ``anomalies``."""
    return parse_law_with_stats(raw)[0]


def parse_law_with_stats(raw: RawLaw) -> tuple[Law, HeadingStats]:
    """``parse_law``, also telling how many heading-like lines were kept or rejected."""
    lines, line_numbers = _split_lines(clean_text(raw.text))
    law = Law(
        sysid=raw.sysid,
        title=raw.title,
        law_type=raw.law_type,
        groups=raw.groups,
        source_url=raw.source_url,
    )
    footnote_start = _footnote_block_start(lines)
    law.footnotes = _parse_footnotes(lines[footnote_start:])
    kind = _numbering_kind(raw, lines[:footnote_start])
    candidates = _head_candidates(lines, 0, footnote_start, kind)

    main_start = 0
    history: list[str] = []
    enacting_end = _enacting_act_end(raw, lines, candidates) if kind == "section" else None
    if enacting_end is not None:
        enacting = _Region(
            lines, line_numbers, 0, enacting_end, [c for c in candidates if c.line < enacting_end], raw.paragraph_lines
        )
        enacting_sections, preamble, enacting_history = enacting.parse(kind, part="enacting", law=None)
        law.enacting_sections = enacting_sections
        law.preamble = preamble
        history.extend(enacting_history)
        main_start = enacting_end
    main = _Region(
        lines,
        line_numbers,
        main_start,
        footnote_start,
        [c for c in candidates if c.line >= main_start],
        raw.paragraph_lines,
    )
    sections, preamble, main_history = main.parse(kind, part="main", law=law)
    law.sections = sections
    if enacting_end is None:
        law.preamble = preamble
    history.extend(main_history)
    law.history = "\n".join(paragraph for paragraph in history if paragraph)
    law.year_be = (
        year_from_title(raw.title)
        or _year_from_lines([line for line in lines[:80] if line][:8])
        or _year_from_date_line(lines[:footnote_start])
    )
    law.anomalies.extend(main.anomalies)
    _check_sections(law)
    regions = [main] if enacting_end is None else [enacting, main]
    stats = HeadingStats(
        candidates=len(candidates),
        kept=len(law.sections) + len(law.enacting_sections),
        rejected_in_text=sum(region.rejected_in_text for region in regions),
    )
    return law, stats


def parse_laws(raws: Iterable[RawLaw]) -> list[Law]:
    """Parse every law, then mark which of two same-titled texts is current."""
    laws = [parse_law(raw) for raw in raws]
    mark_current(laws)
    return laws


def _split_lines(text: str) -> tuple[list[str], list[int]]:
    """Stripped lines, with a keyword alone on its line joined to the number on the next one.

    Also returns each line's 1-based number in the text, for messages that point at it.
    """
    # Inner spaces are kept: the two spaces after a heading's number ("มาตรา ๑  ...") are evidence.
    raw_lines = [line.strip() for line in text.split("\n")]
    lines: list[str] = []
    numbers: list[int] = []
    index = 0
    while index < len(raw_lines):
        line = raw_lines[index]
        following = raw_lines[index + 1] if index + 1 < len(raw_lines) else ""
        numbers.append(index + 1)
        if line.startswith(_HEADING_WORDS) and (
            (_KEYWORD_ALONE_RE.match(line) and _STARTS_WITH_NUMBER_RE.match(following))
            or (_KEYWORD_NUMBER_ALONE_RE.match(line) and _STARTS_WITH_SUFFIX_RE.match(following))
        ):
            lines.append(f"{line} {following}")  # "มาตรา" + "๑๒  ข้อความ" keeps its two spaces
            index += 2
            continue
        lines.append(line)
        index += 1
    return lines, numbers


def _footnote_block_start(lines: Sequence[str]) -> int:
    """The line where the trailing ``[๑] ...`` footnote block starts, or ``len(lines)``."""
    for index in range(len(lines) - 1, -1, -1):
        if _FOOTNOTE_START_RE.match(lines[index]):
            return index
    return len(lines)


def _parse_footnotes(lines: Sequence[str]) -> list[Footnote]:
    footnotes: list[Footnote] = []
    parts: list[str] = []
    for line in lines:
        entry = _FOOTNOTE_ENTRY_RE.match(line)
        if entry:
            if footnotes:
                footnotes[-1].text = " ".join(parts)
            footnotes.append(Footnote(mark=to_arabic_digits(entry["mark"]), text=""))
            parts = [entry["text"]] if entry["text"] else []
        elif line and footnotes:
            parts.append(line)
    if footnotes:
        footnotes[-1].text = " ".join(parts)
    return footnotes


def _numbering_kind(raw: RawLaw, lines: Sequence[str]) -> str:
    """``"clause"`` for laws numbered by ข้อ (announcements, orders), else ``"section"``."""
    counts = {kind: 0 for kind in _HEAD_RE}
    for index, line in enumerate(lines):
        if not line.startswith(("มาตร", "ข้อ")):
            continue
        previous_blank = index == 0 or not lines[index - 1]
        for kind, pattern in _HEAD_RE.items():
            if previous_blank and pattern.match(line):
                counts[kind] += 1
    if raw.law_type in CLAUSE_LAW_TYPES and counts["clause"] > 0:
        return "clause"
    # An act with a treaty annexed numbers its own sections by มาตรา, the treaty's articles by ข้อ.
    if counts["section"] >= 2:
        return "section"
    return "clause" if counts["clause"] > counts["section"] else "section"


def _head_candidates(lines: Sequence[str], start: int, end: int, kind: str) -> list[HeadCandidate]:
    pattern = _HEAD_RE[kind]
    keyword = "ข้อ" if kind == "clause" else "มาตร"
    candidates = []
    for index in range(start, end):
        if not lines[index].startswith(keyword):
            continue
        match = pattern.match(lines[index])
        if not match:
            continue
        written_number = match["num"]
        if match["late_suffix"] and not re.search(SUFFIX_PATTERN + "$", written_number):
            written_number += " " + match["late_suffix"]  # "มาตรา ๑๖๐[๖๗]จัตวา": the mark came first
        try:
            number = canonical_section_number(written_number)
        except ValueError:
            continue
        previous = lines[index - 1] if index > 0 else ""
        rest = match["rest"]
        printed = " ".join(written_number.split())
        last_main = 0
        if match["to"]:
            if not rest or "ยกเลิก" in rest[:80]:
                to_number = canonical_section_number(match["to"])
                last_main = section_sort_key(to_number)[0]
                printed += " - " + " ".join(match["to"].split())
            else:  # a cross-reference to a range, not a heading
                rest = lines[index][match.end("num") :].strip()
        score = BASE_SCORE
        if not previous:
            score += BLANK_BEFORE_SCORE
        elif _LINE_RUNS_ON_RE.search(previous):
            score -= RUNS_ON_PENALTY
        if _REFERENCE_CONTINUATION_RE.match(rest):
            score -= CONTINUATION_PENALTY
        if not rest or match["marks"] or len(match["sep"]) >= 2 or _REPEALED_RE.match(rest):
            score += HEADING_FORM_SCORE
        candidates.append(
            HeadCandidate(
                line=index,
                number=number,
                label=f"{match['kw']} {printed}",
                marks=[to_arabic_digits(mark) for mark in FOOTNOTE_MARK_RE.findall(match["marks"])],
                rest=rest,
                score=score,
                last_main=last_main,
            )
        )
    return candidates


def _is_code(raw: RawLaw) -> bool:
    return raw.law_type in CODE_LAW_TYPES or raw.title.startswith(("ประมวล", "พระธรรมนูญ"))


def _enacting_act_end(raw: RawLaw, lines: Sequence[str], candidates: Sequence[HeadCandidate]) -> int | None:
    """For a code that opens with the act enacting it, the line where that act ends (its signature).

    The enacting act numbers its sections 1, 2, ... and so does the code after it; only a code
    whose section 1 starts again after the enacting act's signature is split.
    """
    if not _is_code(raw) or not candidates:
        return None
    first = candidates[0].line
    for index in range(first, len(lines)):
        if _SIGNATURE_RE.match(lines[index]):
            restarts = any(c.line > index and c.number == "1" and c.score >= STRONG_SCORE for c in candidates)
            return index if restarts else None
    return None


def best_chain(candidates: Sequence[HeadCandidate], after: HeadCandidate | None = None) -> list[HeadCandidate]:
    """The increasing run of candidates that best explains the text: high scores, few missing numbers.

    Dynamic programming over the candidates in text order; each missing number between two kept
    sections costs ``GAP_COST``, so a stray cross-reference far ahead is never worth keeping.
    ``after`` is the last section already kept: the run must continue from it.
    """
    if after is not None:
        candidates = [candidate for candidate in candidates if candidate.key > after.key]
    if not candidates:
        return []
    keys = [c.key for c in candidates]
    mains = [key[0] for key in keys]
    size = max(max(mains), max(c.last_main for c in candidates)) + 2
    tree: list[tuple[float, int]] = [(float("-inf"), -1)] * (size + 1)  # prefix max of best + main

    def update(position: int, value: tuple[float, int]) -> None:
        position += 1
        while position <= size:
            if value[0] > tree[position][0]:
                tree[position] = value
            position += position & -position

    def query(position: int) -> tuple[float, int]:
        result: tuple[float, int] = (float("-inf"), -1)
        position += 1
        while position > 0:
            if tree[position][0] > result[0]:
                result = tree[position]
            position -= position & -position
        return result

    best: list[float] = []
    previous: list[int] = []
    same_main: dict[int, list[int]] = defaultdict(list)
    for index, candidate in enumerate(candidates):
        main, sub, suffix = keys[index]
        inserted = 1 if (sub or suffix) else 0
        # Start of the chain: section 1 is expected first, or the one after ``after``.
        start_gap = main - 1 + inserted if after is None else _missing_between(after, candidate)
        value, back = -GAP_COST * start_gap, -1
        if main > 0:
            found, where = query(main - 1)
            if where >= 0:
                gap_value = found - GAP_COST * (main - 1 + inserted)
                if gap_value > value:
                    value, back = gap_value, where
        for other in same_main[main]:
            # 60, 60/1 ... 60/46, then 60 จัตวา: a law may print its ทวิ/ตรี after its /n insertions.
            follows = keys[other] < keys[index] or (keys[other][1] > 0 and sub == 0 and suffix > 0)
            if follows and best[other] > value:
                value, back = best[other], other
        best.append(value + candidate.score)
        previous.append(back)
        same_main[main].append(index)
        update(candidate.last_main, (best[index] + GAP_COST * candidate.last_main, index))
    index = max(range(len(candidates)), key=lambda position: best[position])
    if best[index] <= 0:
        return []
    chain = []
    while index >= 0:
        chain.append(candidates[index])
        index = previous[index]
    return chain[::-1]


def _missing_between(before: HeadCandidate, after: HeadCandidate) -> int:
    main_before, (main_after, sub, suffix) = before.last_main, after.key
    if main_after <= main_before:
        return 0
    return main_after - main_before - 1 + (1 if sub or suffix else 0)


class _Region:
    """A stretch of lines holding one act's sections (the code, or the act that enacts it)."""

    def __init__(
        self,
        lines: Sequence[str],
        line_numbers: Sequence[int],
        start: int,
        end: int,
        candidates: list[HeadCandidate],
        paragraph_lines: bool = False,
    ):
        self.paragraph_lines = paragraph_lines
        self.lines = lines
        self.line_numbers = line_numbers
        self.start = start
        self.end = end
        self.candidates = candidates
        self.anomalies: list[str] = []
        self.notes: set[int] = set()
        self.rejected_in_text = 0
        self.levels = {("ส่วน" if kind == "ส่วนที่" else kind): level for kind, level in _DIVISION_LEVELS.items()}
        self._chain_blocks: list[tuple[int, int]] = []

    def _cut_lines(self) -> set[int]:
        """Lines after which the law proper stops: signatures, notes, the titles of other acts."""
        cuts = set()
        for index in range(self.start, self.end):
            line = self.lines[index]
            if _NOTE_RE.match(line):
                cuts.add(index)
                self.notes.add(index)
            elif _SIGNATURE_RE.match(line):
                cuts.add(index)
            elif line in ("ประกาศ", "สั่ง") and index + 1 < self.end and self.lines[index + 1].startswith("ณ"):
                cuts.add(index)  # "ประกาศ" / "ณ วันที่ ..." split over two lines
            elif _ACT_TITLE_RE.match(line) and len(line) < MAX_HEADING_CHARS and self._is_act_title(index):
                cuts.add(index)
        return cuts

    def _is_act_title(self, index: int) -> bool:
        """The title of another act: royal lines follow, or it ends (within 3 lines) with a footnote mark."""
        title_lines = self.lines[index : index + 3]
        for position, line in enumerate(title_lines):
            if not line:
                title_lines = title_lines[:position]
                break
        if title_lines and _TITLE_MARK_END_RE.search(title_lines[-1]):
            stands_alone = index == 0 or not self.lines[index - 1]
            if stands_alone or _YEAR_OR_ISSUE_RE.search(" ".join(title_lines)):
                return True
        return any(_ROYAL_LINE_RE.search(following) for following in self.lines[index + 1 : index + 12])

    def _chain(self, cuts: set[int]) -> tuple[list[HeadCandidate], set[int]]:
        """The kept section headings, and the cuts that turned out to sit inside a section.

        The cuts split the region into blocks. The first block with sections starts the chain; a
        later block joins it only if it goes on with the next number (a code's later books after
        the acts enacting them); otherwise it is history (amending acts, a repeated text).
        """
        boundaries = sorted(cut for cut in cuts if self.start <= cut < self.end)
        starts = [self.start, *boundaries]
        ends = [*boundaries, self.end]
        chain: list[HeadCandidate] = []
        inner_notes: set[int] = set()
        self._chain_blocks = []
        for block_start, block_end in zip(starts, ends, strict=True):
            in_block = [c for c in self.candidates if block_start <= c.line < block_end]
            last = chain[-1] if chain else None
            run = best_chain(in_block, after=last)
            if not run:
                continue
            if last is not None:
                missing = _missing_between(last, run[0])
                if missing > 2 or (missing > 0 and run[0].score < STRONG_SCORE):
                    continue
                # A block that first numbers from low again is another act (an amending act's
                # "มาตรา ๒ ... มาตรา ๖"), even if one of its numbers happens to come next.
                if any(c.line < run[0].line and c.key <= last.key and c.score >= STRONG_SCORE for c in in_block):
                    continue
                if block_start in self.notes and self._chain_blocks[-1][1] == block_start:
                    inner_notes.add(block_start)  # a note inside a section, the section goes on
            chain.extend(run)
            self._chain_blocks.append((block_start, block_end))
        return chain, inner_notes

    def _toc_range(self, first_head: int) -> range:
        """The table of contents (สารบาญ) before the first section: lines to skip."""
        for index in range(self.start, first_head):
            if not _TOC_RE.match(self.lines[index]):
                continue
            first_heading = None
            for position in range(index + 1, first_head):
                match = _DIVISION_RE.match(self.lines[position])
                if match is None:
                    continue
                key = (match["kind"], _division_number(match["num"]))
                if first_heading is None:
                    first_heading = key
                elif key == first_heading:
                    return range(index, position)
            return range(index, first_head)
        return range(0)

    def parse(self, kind: str, part: str, law: Law | None) -> tuple[list[Section], str, list[str]]:
        """Sections, preamble and history lines of this region; divisions go into ``law``."""
        cuts = self._cut_lines()
        chain, inner_notes = self._chain(cuts)
        cuts -= inner_notes
        heads = {candidate.line: candidate for candidate in chain}
        first_head = chain[0].line if chain else self.end
        toc = self._toc_range(first_head)
        last_head = chain[-1].line if chain else self.start
        body_end = min([cut for cut in cuts if cut > last_head] + [self.end])
        self.levels = self._division_levels(heads, toc, body_end)

        sections: list[Section] = []
        preamble_lines: list[str] = []
        history_lines: list[str] = []
        section_lines: list[str] = []
        current: HeadCandidate | None = None
        # Before a code's first section come the enacting act's signature and notes: history.
        in_history = self.start > 0
        division_index: int | None = None
        section_division: int | None = None
        index = self.start
        previous_was_heading = False

        def close_section() -> None:
            nonlocal current
            if current is not None:
                sections.append(
                    _make_section(current, section_lines, kind, section_division, part, self.paragraph_lines)
                )
            current = None

        while index < self.end:
            line = self.lines[index]
            if index in toc:
                index += 1
                continue
            if index >= body_end:
                close_section()
                history_lines.extend(self.lines[index : self.end])
                break
            if index in heads:
                close_section()
                current = heads[index]
                section_division = division_index
                section_lines = [current.rest]
                in_history = False
                previous_was_heading = False
                index += 1
                continue
            if index in cuts and index > first_head:
                close_section()
                in_history = True
            # Inside a section a heading needs a blank line before it, or a section right after it:
            # a wrapped "หมวด ๒ แห่ง..." is text.
            if law is not None and line:
                heading = self._division_at(index, law)
                loose = current is not None and index > 0 and self.lines[index - 1] and not previous_was_heading
                if heading is not None and loose and not self._heading_fits(index, heading[1], heads):
                    heading = None
                if heading is not None:
                    close_section()
                    division, index = heading
                    law.divisions.append(division)
                    division_index = len(law.divisions) - 1
                    in_history = False
                    previous_was_heading = True
                    continue
            previous_was_heading = False
            if current is not None:
                section_lines.append(line)
            elif in_history:
                history_lines.append(line)
            elif not sections:
                preamble_lines.append(line)
            index += 1
        close_section()
        chosen = {candidate.line for candidate in chain}
        self.rejected_in_text = sum(
            1
            for candidate in self.candidates
            if candidate.line not in chosen
            and first_head < candidate.line < body_end
            and any(start <= candidate.line < stop for start, stop in self._chain_blocks)
        )
        self._note_duplicates(chain, first_head, body_end, cuts)
        keep = self.paragraph_lines
        return sections, join_paragraphs(preamble_lines, keep), join_paragraphs(history_lines, keep).split("\n")

    def _division_levels(self, heads: dict[int, HeadCandidate], toc: range, body_end: int) -> dict[str, int]:
        """Levels of the division kinds; a law whose ส่วน hold หมวด (ส่วนที่ ๑ / หมวด ๑) ranks them so."""
        levels = {("ส่วน" if kind == "ส่วนที่" else kind): level for kind, level in _DIVISION_LEVELS.items()}
        previous_kind = last_other_kind = None
        seen_chapter = False
        for index in range(self.start, body_end):
            if index in heads:
                previous_kind = None
            elif index not in toc and (match := _DIVISION_RE.match(self.lines[index])):
                kind = "ส่วน" if match["kind"] == "ส่วนที่" else match["kind"]
                # ส่วน right above หมวด, or หมวด numbered from 1 again inside each ส่วน.
                restarts = kind == "หมวด" and seen_chapter and _division_number(match["num"]) == "1"
                if kind == "หมวด" and (previous_kind == "ส่วน" or (restarts and last_other_kind == "ส่วน")):
                    levels["ส่วน"], levels["หมวด"] = levels["หมวด"], levels["ส่วน"]
                    return levels
                seen_chapter = seen_chapter or kind == "หมวด"
                if kind != "หมวด":
                    last_other_kind = kind
                previous_kind = kind
        return levels

    def _heading_fits(self, index: int, after: int, heads: dict[int, HeadCandidate]) -> bool:
        """A heading inside a section's lines: the line before ends a sentence and a section follows."""
        if _LINE_RUNS_ON_RE.search(self.lines[index - 1]):
            return False
        following = after
        while following < self.end and not self.lines[following]:
            following += 1
        return following in heads or (following < self.end and bool(_DIVISION_RE.match(self.lines[following])))

    def _note_duplicates(self, chain: list[HeadCandidate], first: int, end: int, cuts: set[int]) -> None:
        """A rejected candidate that looks exactly like a heading and repeats a kept number."""
        kept = {candidate.number for candidate in chain}
        chosen = {candidate.line for candidate in chain}
        for candidate in self.candidates:
            if candidate.line in chosen or not first < candidate.line < end:
                continue
            if candidate.number in kept and candidate.score >= STRONG_SCORE + HEADING_FORM_SCORE:
                if any(start <= candidate.line < stop for start, stop in self._chain_blocks):
                    line_number = self.line_numbers[candidate.line]
                    self.anomalies.append(f"duplicate number {candidate.number} (line {line_number})")

    def _division_at(self, index: int, law: Law) -> tuple[Division, int] | None:
        """The division heading starting at ``index`` and the line after its title, if there is one."""
        line = self.lines[index]
        if not line or len(line) > MAX_HEADING_CHARS:
            return None
        if _TRANSITIONAL_RE.match(line):
            top = min((division.level for division in law.divisions), default=3)
            return self._division(law, "บทเฉพาะกาล", "", "บทเฉพาะกาล", top), index + 1
        match = _DIVISION_RE.match(line)
        if match is None:
            return None
        title = FOOTNOTE_MARK_RE.sub("", match["title"]).strip()
        if _DIVISION_TITLE_REJECT_RE.match(title):
            return None
        next_index = index + 1
        if not title:
            title_lines: list[str] = []
            # The title may sit after a blank line: "หมวด ๑" / "" / "ข้อความทั่วไป".
            while next_index < min(index + 3, self.end) and not self.lines[next_index]:
                next_index += 1
            while next_index < self.end and len(title_lines) < 3:
                following = self.lines[next_index]
                if not following or _DIVISION_RE.match(following) or _HEAD_RE["section"].match(following):
                    break
                title_lines.append(FOOTNOTE_MARK_RE.sub("", following).strip())
                next_index += 1
            title = " ".join(title_lines)
            if _DIVISION_TITLE_REJECT_RE.match(title):
                return None  # "บรรพ ๓" / "ที่ได้ตรวจชำระใหม่": the rest of an act's title, not a heading
        kind = "ส่วน" if match["kind"] == "ส่วนที่" else match["kind"]
        number = _division_number(match["num"])
        return self._division(law, kind, number, title, self.levels[kind]), next_index

    @staticmethod
    def _division(law: Law, kind: str, number: str, title: str, level: int) -> Division:
        parent = None
        for position in range(len(law.divisions) - 1, -1, -1):
            if law.divisions[position].level < level:
                parent = position
                break
        return Division(kind=kind, number=number, title=title, level=level, parent=parent)


def _division_number(raw_number: str) -> str:
    try:
        return canonical_section_number(raw_number)
    except ValueError:
        return to_arabic_digits(raw_number.strip())


def _make_section(
    head: HeadCandidate, lines: list[str], kind: str, division: int | None, part: str, paragraph_lines: bool
) -> Section:
    marks = list(head.marks)
    clean_lines = []
    for line in lines:
        marks.extend(to_arabic_digits(mark) for mark in FOOTNOTE_MARK_RE.findall(line))
        clean_lines.append(" ".join(FOOTNOTE_MARK_RE.sub("", line).split()))
    return Section(
        number=head.number,
        label=head.label,
        text=join_paragraphs(clean_lines, paragraph_lines),
        kind=kind,
        division=division,
        footnote_marks=marks,
        part=part,
    )


def join_paragraphs(lines: Iterable[str], paragraph_lines: bool = False) -> str:
    """Join lines broken mid-sentence; keep breaks before enumerations and at blank lines.

    Thai puts a space between phrases, so a joined line break becomes one space. With
    ``paragraph_lines`` every line is already a paragraph (the loader joined the source's wraps).
    """
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        line = " ".join(line.split())
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
        elif current and (paragraph_lines or _NEW_PARAGRAPH_RE.match(line) or _PARAGRAPH_ENDS_RE.search(current)):
            paragraphs.append(current)
            current = line
        else:
            current = f"{current} {line}" if current else line
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs)


def year_from_title(title: str) -> int | None:
    """The Buddhist-era year a title names (``พ.ศ. ๒๕๓๕``, ``พุทธศักราช 2464``, ``ฉบับที่ 83/2557``)."""
    match = _YEAR_RE.search(title) or _YEAR_IN_NUMBER_RE.search(title)
    if match:
        year = int(to_arabic_digits(match.group(1)))
    elif rattanakosin := _RATTANAKOSIN_RE.search(title):
        year = int(to_arabic_digits(rattanakosin.group(1))) + RATTANAKOSIN_TO_BE
    else:
        return None
    return year if 2400 <= year <= 2700 else None


def _year_from_lines(lines: Sequence[str]) -> int | None:
    return year_from_title(" ".join(lines))


def _year_from_date_line(lines: Sequence[str]) -> int | None:
    """The year of the first "ณ วันที่ ..." line: announcements are dated at their end."""
    match = _DATED_RE.search("\n".join(lines))
    return year_from_title(match.group(0)) if match else None


def _check_sections(law: Law) -> None:
    if not law.sections:
        law.anomalies.append("no sections found")
        return
    seen: set[str] = set()
    for section in law.sections:
        if section.number in seen:
            law.anomalies.append(f"duplicate number {section.number}")
        seen.add(section.number)
        if len(section.text) > LONG_SECTION_CHARS:
            law.anomalies.append(f"long section {section.number}: {len(section.text):,} characters")
    for before, after in zip(law.sections, law.sections[1:], strict=False):
        before_main, after_main = _last_main(before), section_sort_key(after.number)[0]
        if after_main - before_main > 1:
            law.anomalies.append(f"numbering gap: {before.number} -> {after.number}")


def _last_main(section: Section) -> int:
    """The last number a section heading covers (``มาตรา ๙๔ - ๑๐๒`` covers up to 102)."""
    _, dash, last = section.label.partition(" - ")
    digits = re.match(r"\d+", to_arabic_digits(last.strip())) if dash else None
    return int(digits.group()) if digits else section_sort_key(section.number)[0]


def mark_current(laws: Sequence[Law]) -> None:
    """Where one title has several texts, only the consolidated one (most amendments) stays current.

    Krisdika publishes an original text next to the consolidated one under another sysid; the
    consolidated text carries the amendment footnotes, so it has more of them.
    """
    by_title: dict[str, list[Law]] = defaultdict(list)
    for law in laws:
        by_title[law.title].append(law)
    for same_title in by_title.values():
        if len(same_title) < 2:
            continue
        current = max(same_title, key=lambda law: (len(law.footnotes), len(law.history), int(law.sysid)))
        for law in same_title:
            law.is_current = law is current
