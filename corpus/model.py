"""The parsed shape of a law: what the parser produces and the database stores."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RawLaw:
    """One law as it comes from a source file, before parsing.

    ``origin`` names where it came from (``file.jsonl.gz:12``) so errors can point at it.
    ``paragraph_lines`` is true when the source marked its soft line wraps and the loader joined
    them, so every line of ``text`` is a paragraph; otherwise the parser guesses which breaks to join.
    """

    sysid: str
    title: str
    law_type: str
    text: str
    groups: tuple[str, ...] = ()
    source_url: str = ""
    origin: str = ""
    paragraph_lines: bool = False


@dataclass
class Footnote:
    """A footnote of the official text: ``[๑]`` in a section points at footnote ``"1"``."""

    mark: str
    text: str


@dataclass
class Division:
    """A heading above sections: ภาค, ลักษณะ, หมวด, ส่วน (or บทเฉพาะกาล).

    ``level`` orders the kinds (ภาค 1 ... ส่วน 4); ``parent`` is the index of the enclosing
    division in ``Law.divisions``, or ``None`` at the top.
    """

    kind: str
    number: str
    title: str
    level: int
    parent: int | None = None


@dataclass
class Section:
    """One section (มาตรา) or clause (ข้อ) of a law.

    ``number`` is canonical (``"335ทวิ"``, ``"135/1"``, ``"0"`` for the preamble); ``label`` is
    the heading as printed (``"มาตรา ๓๓๕ ทวิ"``). ``division`` indexes ``Law.divisions``.
    ``part`` is ``"main"`` for the law itself and ``"enacting"`` for the sections of the act
    that enacts a code, which are kept apart because their numbers collide with the code's.
    """

    number: str
    label: str
    text: str
    kind: str = "section"  # "section" (มาตรา), "clause" (ข้อ) or "preamble"
    division: int | None = None
    footnote_marks: list[str] = field(default_factory=list)
    part: str = "main"


@dataclass
class Law:
    """A parsed law: its metadata, divisions, sections, footnotes and amendment history."""

    sysid: str
    title: str
    law_type: str
    groups: tuple[str, ...] = ()
    source_url: str = ""
    year_be: int | None = None
    is_current: bool = True
    preamble: str = ""
    sections: list[Section] = field(default_factory=list)
    enacting_sections: list[Section] = field(default_factory=list)
    divisions: list[Division] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    history: str = ""
    anomalies: list[str] = field(default_factory=list)

    @property
    def year_ce(self) -> int | None:
        """The Common Era year (พ.ศ. minus 543)."""
        return self.year_be - 543 if self.year_be else None
