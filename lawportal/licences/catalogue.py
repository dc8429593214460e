"""The reviewed catalogue of business activities and the licences each needs, read from ``data/licences.json``.

Pure data and logic, no Flask and no database: the file is validated once when it is read (a bad entry
is a ``CatalogueError`` naming the file and the entry), and the conditions that refine a checklist are
evaluated here with three values: ``True`` (needed), ``False`` (not needed) and ``None`` (it depends on a
question the reader has not answered yet).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from corpus.thai import split_section_id, to_arabic_digits

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "licences.json"
DEMO_PATH = Path(__file__).resolve().parent / "data" / "demo-licences.json"
YES, NO = "yes", "no"
MAX_NUMBER = 10_000_000  # larger answers are typing mistakes, not businesses

QuestionKind = Literal["yesno", "number"]
Answer = str | int


class CatalogueError(ValueError):
    """The catalogue file is malformed; the message names the file and the entry."""


class UnknownActivity(LookupError):
    """No activity has the id asked for."""


class AnswerError(ValueError):
    """An answer is not a value its question accepts; the view turns it into a 400 in the reader's language."""

    def __init__(self, question: Question, value: str) -> None:
        expected = "yes or no" if question.kind == "yesno" else f"a whole number from 0 to {MAX_NUMBER:,}"
        super().__init__(f"{question.id}: expected {expected}, got {value[:40]!r}")
        self.question = question
        self.value = value[:40]


@dataclass(frozen=True)
class Text:
    """A text in Thai and English; Thai is the source and the fallback."""

    th: str
    en: str

    def __call__(self, locale: str) -> str:
        return self.en if locale == "en" and self.en else self.th


@dataclass(frozen=True)
class Question:
    """A short question that refines a checklist, e.g. the number of rooms of a hotel."""

    id: str
    kind: QuestionKind
    text: Text
    unit: Text | None = None


@dataclass(frozen=True)
class Leaf:
    """``question`` equals a yes/no answer, or its number is at least / at most a bound."""

    question: str
    equals: str | None = None
    at_least: int | None = None
    at_most: int | None = None


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Condition, ...]


Condition = Leaf | AllOf | AnyOf


@dataclass(frozen=True)
class Licence:
    """A licence, permit or registration, the sections of one law that require it and punish its absence."""

    id: str
    name: Text
    agency: Text
    sysid: str
    sections: tuple[str, ...]
    penalties: tuple[str, ...] = ()
    note: Text | None = None
    bizportal_path: str = "/"


@dataclass(frozen=True)
class Requirement:
    """A licence an activity needs, always or when ``when`` holds."""

    licence: Licence
    when: Condition | None = None


@dataclass(frozen=True)
class Activity:
    id: str
    name: Text
    requirements: tuple[Requirement, ...]
    note: Text | None = None
    demo: bool = False  # cites only the shipped demo acts; listed when they are loaded

    def sysids(self) -> set[str]:
        return {requirement.licence.sysid for requirement in self.requirements}

    def question_ids(self) -> list[str]:
        """The questions this activity's conditions ask, in the order they first appear."""
        seen: dict[str, None] = {}
        for requirement in self.requirements:
            for leaf in leaves(requirement.when):
                seen.setdefault(leaf.question, None)
        return list(seen)


@dataclass(frozen=True)
class Catalogue:
    laws: Mapping[str, Text]
    questions: Mapping[str, Question]
    licences: Mapping[str, Licence]
    activities: tuple[Activity, ...]
    reviewed: str = ""
    source: str = ""
    _by_id: Mapping[str, Activity] = field(default_factory=dict, repr=False)

    def activity(self, activity_id: str) -> Activity:
        try:
            return self._by_id[activity_id]
        except KeyError:
            raise UnknownActivity(activity_id) from None

    def questions_of(self, activity: Activity) -> list[Question]:
        return [self.questions[qid] for qid in activity.question_ids()]

    def section_ids(self) -> set[str]:
        """Every section the catalogue cites, requiring or penalty."""
        return {sid for licence in self.licences.values() for sid in (*licence.sections, *licence.penalties)}


def leaves(condition: Condition | None) -> Iterator[Leaf]:
    if isinstance(condition, Leaf):
        yield condition
    elif isinstance(condition, AllOf | AnyOf):
        for part in condition.parts:
            yield from leaves(part)


def evaluate(condition: Condition | None, answers: Mapping[str, Answer]) -> bool | None:
    """Does ``condition`` hold for ``answers``? ``None`` when it turns on an unanswered question."""
    if condition is None:
        return True
    if isinstance(condition, Leaf):
        answer = answers.get(condition.question)
        if answer is None:
            return None
        if condition.equals is not None:
            return answer == condition.equals
        assert isinstance(answer, int)
        return (condition.at_least is None or answer >= condition.at_least) and (
            condition.at_most is None or answer <= condition.at_most
        )
    results = [evaluate(part, answers) for part in condition.parts]
    if isinstance(condition, AllOf):
        return False if False in results else (None if None in results else True)
    return True if True in results else (None if None in results else False)


def parse_answers(catalogue: Catalogue, activity: Activity, raw: Mapping[str, str]) -> dict[str, Answer]:
    """The answers given in ``raw`` (a query string) to this activity's questions; blank means unanswered.

    Other keys (``lang`` and the like) are ignored; a value a question cannot take is an ``AnswerError``.
    """
    answers: dict[str, Answer] = {}
    for question in catalogue.questions_of(activity):
        value = (raw.get(question.id) or "").strip()
        if not value:
            continue
        if question.kind == "yesno":
            if value not in (YES, NO):
                raise AnswerError(question, value)
            answers[question.id] = value
        else:
            digits = to_arabic_digits(value).replace(",", "")
            if not digits.isascii() or not digits.isdigit() or int(digits) > MAX_NUMBER:
                raise AnswerError(question, value)
            answers[question.id] = int(digits)
    return answers


# --- reading and validating the file ---------------------------------------------------------------


def _text(entry: Mapping[str, Any], where: str, prefix: str = "", required: bool = True) -> Text | None:
    th, en = entry.get(f"{prefix}th"), entry.get(f"{prefix}en")
    if th is None and en is None and not required:
        return None
    if not isinstance(th, str) or not th.strip() or not isinstance(en, str) or not en.strip():
        raise CatalogueError(f"{where}: needs non-empty '{prefix}th' and '{prefix}en' texts")
    return Text(th.strip(), en.strip())


def _condition(raw: Any, questions: Mapping[str, Question], where: str) -> Condition:
    if not isinstance(raw, dict):
        raise CatalogueError(f"{where}: a condition must be an object, not {raw!r}")
    if "all" in raw or "any" in raw:
        key = "all" if "all" in raw else "any"
        parts = raw[key]
        if not isinstance(parts, list) or len(parts) < 2 or len(raw) != 1:
            raise CatalogueError(f"{where}: '{key}' needs a list of at least two conditions and nothing beside it")
        built = tuple(_condition(part, questions, where) for part in parts)
        return AllOf(built) if key == "all" else AnyOf(built)
    question = questions.get(raw.get("question", ""))
    if question is None:
        raise CatalogueError(f"{where}: condition on unknown question {raw.get('question')!r}")
    tests = {k: v for k, v in raw.items() if k != "question"}
    if question.kind == "yesno":
        if set(tests) != {"equals"} or tests["equals"] not in (YES, NO):
            raise CatalogueError(f"{where}: yes/no question {question.id!r} takes only equals: yes or no")
        return Leaf(question.id, equals=tests["equals"])
    if (
        not tests
        or set(tests) - {"at_least", "at_most"}
        or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in tests.values())
    ):
        raise CatalogueError(f"{where}: number question {question.id!r} takes at_least and/or at_most whole numbers")
    return Leaf(question.id, at_least=tests.get("at_least"), at_most=tests.get("at_most"))


def _licence(lid: str, raw: Mapping[str, Any], laws: Mapping[str, Text], where: str) -> Licence:
    sections = raw.get("sections")
    penalties = raw.get("penalties", [])
    if not isinstance(sections, list) or not sections or not isinstance(penalties, list):
        raise CatalogueError(f"{where}: 'sections' must be a non-empty list and 'penalties' a list")
    sysids = set()
    for sid in [*sections, *penalties]:
        try:
            sysid, number = split_section_id(str(sid))
        except ValueError as exc:
            raise CatalogueError(f"{where}: {exc}") from exc
        if f"{sysid}/{number}" != sid or not sysid.isascii():
            raise CatalogueError(f"{where}: section id {sid!r} is not canonical (Arabic digits, e.g. 443287/335ทวิ)")
        sysids.add(sysid)
    if len(sysids) != 1:
        raise CatalogueError(f"{where}: sections and penalties must all be of one law, got {sorted(sysids)}")
    sysid = sysids.pop()
    if sysid not in laws:
        raise CatalogueError(f"{where}: law {sysid} is not listed under 'laws'")
    path = raw.get("bizportal_path", "/")
    if not isinstance(path, str) or not path.startswith("/") or path.startswith("//"):
        raise CatalogueError(f"{where}: 'bizportal_path' must be a path on the Business Portal starting with /")
    name, agency = _text(raw, where), _text(raw, where, "agency_")
    assert name is not None and agency is not None
    return Licence(
        id=lid,
        name=name,
        agency=agency,
        sysid=sysid,
        sections=tuple(sections),
        penalties=tuple(penalties),
        note=_text(raw, where, "note_", required=False),
        bizportal_path=path,
    )


def _requirements(raw: Any, catalogue_parts: tuple[dict, dict], where: str) -> tuple[Requirement, ...]:
    licences, questions = catalogue_parts
    if not isinstance(raw, list):
        raise CatalogueError(f"{where}: requirements must be a list")
    built = []
    for i, entry in enumerate(raw):
        here = f"{where}[{i}]"
        if not isinstance(entry, dict) or entry.get("licence") not in licences:
            raise CatalogueError(
                f"{here}: unknown licence {entry.get('licence') if isinstance(entry, dict) else entry!r}"
            )
        when = _condition(entry["when"], questions, here) if "when" in entry else None
        built.append(Requirement(licences[entry["licence"]], when))
    return tuple(built)


def parse_catalogue(data: Any, source: str = "<data>") -> Catalogue:
    """Build and check a catalogue from the decoded JSON; errors name ``source`` and the entry."""
    if not isinstance(data, dict):
        raise CatalogueError(f"{source}: the top level must be an object")
    for key in ("laws", "questions", "licences", "activities"):
        if key not in data:
            raise CatalogueError(f"{source}: missing '{key}'")
    laws: dict[str, Text] = {}
    for sysid, raw in data["laws"].items():
        text = _text(raw, f"{source}: laws.{sysid}") if isinstance(raw, dict) else None
        if not sysid.isdigit() or text is None:
            raise CatalogueError(f"{source}: laws.{sysid}: a law is a numeric sysid with 'th' and 'en' titles")
        laws[sysid] = text
    questions: dict[str, Question] = {}
    for qid, raw in data["questions"].items():
        where = f"{source}: questions.{qid}"
        if not isinstance(raw, dict) or raw.get("kind") not in ("yesno", "number"):
            raise CatalogueError(f"{where}: 'kind' must be yesno or number")
        text = _text(raw, where)
        assert text is not None
        questions[qid] = Question(qid, raw["kind"], text, _text(raw, where, "unit_", required=False))
    licences = {lid: _licence(lid, raw, laws, f"{source}: licences.{lid}") for lid, raw in data["licences"].items()}
    common = _requirements(data.get("common", []), (licences, questions), f"{source}: common")
    activities: list[Activity] = []
    for i, raw in enumerate(data["activities"]):
        where = f"{source}: activities[{i}]"
        aid = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(aid, str) or not aid.replace("-", "").isalnum() or aid != aid.lower():
            raise CatalogueError(f"{where}: 'id' must be lower-case letters, digits and hyphens")
        if any(a.id == aid for a in activities):
            raise CatalogueError(f"{where}: duplicate activity id {aid!r}")
        name = _text(raw, f"{where} ({aid})")
        assert name is not None
        own = _requirements(raw.get("requirements"), (licences, questions), f"{where} ({aid}).requirements")
        if not own:
            raise CatalogueError(f"{where} ({aid}): needs at least one requirement")
        note = _text(raw, where, "note_", required=False)
        activities.append(Activity(aid, name, own + common, note, demo=data.get("demo") is True))
    return Catalogue(
        laws=laws,
        questions=questions,
        licences=licences,
        activities=tuple(activities),
        reviewed=str(data.get("reviewed", "")),
        source=source,
        _by_id={a.id: a for a in activities},
    )


def load_catalogue(path: Path) -> Catalogue:
    """Read and check the catalogue file at ``path``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise CatalogueError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from exc
    return parse_catalogue(data, str(path))


def merge_catalogues(first: Catalogue, second: Catalogue) -> Catalogue:
    """One catalogue from two files; an id both define differently is an error naming both files."""
    merged: dict[str, dict[str, Any]] = {}
    for name in ("laws", "questions", "licences"):
        mine, theirs = getattr(first, name), getattr(second, name)
        clashes = sorted(key for key in set(mine) & set(theirs) if mine[key] != theirs[key])
        if clashes:
            raise CatalogueError(f"{first.source} and {second.source} define {name} {clashes} differently")
        merged[name] = {**mine, **theirs}
    clashing = sorted({a.id for a in first.activities} & {a.id for a in second.activities})
    if clashing:
        raise CatalogueError(f"{first.source} and {second.source} both define activities {clashing}")
    activities = first.activities + second.activities
    return Catalogue(
        laws=merged["laws"],
        questions=merged["questions"],
        licences=merged["licences"],
        activities=activities,
        reviewed=first.reviewed,
        source=f"{first.source} + {second.source}",
        _by_id={a.id: a for a in activities},
    )


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    """The catalogue shipped with the site (the reviewed file and the demo one), read once per process."""
    return merge_catalogues(load_catalogue(DEFAULT_PATH), load_catalogue(DEMO_PATH))
