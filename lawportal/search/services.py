"""Search for the site and the API: read a request into a typed query, run the one search, explain.

The page and ``/api/v1/search`` call the same functions here; views only render. Bad input never
fails a search: every problem becomes a message for the reader and the search runs on what is usable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, current_app, url_for
from flask_babel import gettext
from flask_babel import gettext as _

from corpus.thai import split_section_id
from indexer.notices import Notice
from indexer.search import (
    MAX_PER_PAGE,
    MAX_QUERY_CHARS,
    SORTS,
    QueryError,
    SearchFilters,
    SearchIndex,
    SearchQuery,
    SearchResponse,
    search,
)
from indexer.store import IndexStore, SearchIndexCache
from indexer.suggest import complete_title
from lawportal.hearings.services import hearing_id_of_sysid

EXTENSION_KEY = "lawportal.search_index"
DEFAULT_PER_PAGE = 10
SUGGESTIONS = 8
# A year below this is read as Christian era (ค.ศ.) and converted: nobody means พ.ศ. 2017.
_BE_MIN = 2300
_CE_TO_BE = 543
# Notices of the search core that this module words itself, translated.
_REWORDED_NOTICES = ("คำค้นยาวเกิน", "ไม่มีมาตรา", "ไม่พบคำที่ค้นได้")


class IndexMissing(RuntimeError):
    """No index has been built yet (``lawportal index``)."""


@dataclass(frozen=True)
class SearchRequest:
    """A search as the reader asked for it, every field already checked."""

    text: str = ""
    law_type: str | None = None
    group: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    jump: bool = True
    situation: bool = True  # False (``plain=1``): keyword results for a described situation (issue 10)

    def to_query(self) -> SearchQuery:
        filters = SearchFilters(self.law_type, self.group, self.year_from, self.year_to)
        return SearchQuery(
            self.text,
            filters=filters,
            sort=self.sort,
            page=self.page,
            per_page=self.per_page,
            situation=self.situation,
        )

    def args(self, **changes: object) -> dict[str, object]:
        """Query-string arguments that reproduce this search (for pagination and sort links)."""
        values: dict[str, object] = {
            "q": self.text,
            "type": self.law_type,
            "group": self.group,
            "year_from": self.year_from,
            "year_to": self.year_to,
            "sort": self.sort if self.sort != "relevance" else None,
            "page": self.page if self.page != 1 else None,
            "plain": None if self.situation else 1,
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value not in (None, "")}


@dataclass
class Facets:
    """What the filters may be set to: law types, subject groups and the range of years."""

    law_types: list[tuple[str, int]] = field(default_factory=list)
    groups: list[tuple[str, int]] = field(default_factory=list)
    year_min: int | None = None
    year_max: int | None = None


@dataclass
class SearchOutcome:
    """Everything a page or the API shows for one search."""

    request: SearchRequest
    response: SearchResponse | None
    messages: list[str] = field(default_factory=list)
    jump_to: tuple[str, str] | None = None  # (sysid, number) of a cited section that exists
    missing_section: tuple[str, str, str] | None = None  # (sysid, number, law title) cited but absent
    title_matches: list[tuple[str, str]] = field(default_factory=list)  # (sysid, title)
    index_missing: bool = False


def _int_arg(args: Mapping[str, str], name: str, messages: list[str], label: str) -> int | None:
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        messages.append(_("ไม่เข้าใจ%(label)s “%(value)s” จึงไม่ใช้ค่านี้", label=label, value=raw[:20]))
        return None


def _year(value: int | None) -> int | None:
    """A year in พ.ศ.; one typed in ค.ศ. (below 2300) is converted."""
    if value is None:
        return None
    return value + _CE_TO_BE if value < _BE_MIN else value


def parse_request(args: Mapping[str, str], *, strict: bool = False) -> tuple[SearchRequest, list[str]]:
    """The search a query string asks for, and a message for every value that could not be used.

    With ``strict`` (the API), a malformed paging value raises ``ValueError`` for a 400 instead.
    """
    messages: list[str] = []
    text = args.get("q") or ""
    if len(text) > MAX_QUERY_CHARS:
        messages.append(
            _(
                "คำค้นยาวเกิน %(limit)d ตัวอักษร จึงค้นเฉพาะ %(limit)d ตัวอักษรแรก",
                limit=MAX_QUERY_CHARS,
            )
        )
    year_from = _year(_int_arg(args, "year_from", messages, _("ปีเริ่มต้น")))
    year_to = _year(_int_arg(args, "year_to", messages, _("ปีสิ้นสุด")))
    if year_from and year_to and year_from > year_to:
        year_from, year_to = year_to, year_from
        messages.append(_("ปีเริ่มต้นมากกว่าปีสิ้นสุด จึงสลับให้"))
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        messages.append(_("ไม่มีการเรียงแบบ “%(sort)s” จึงเรียงตามความเกี่ยวข้อง", sort=sort[:20]))
        sort = "relevance"
    paging_messages: list[str] = []
    page = _int_arg(args, "page", paging_messages, _("เลขหน้า"))
    page = 1 if page is None else page
    per_page = _int_arg(args, "per_page", paging_messages, _("จำนวนต่อหน้า"))
    per_page = DEFAULT_PER_PAGE if per_page is None else per_page
    if not 1 <= per_page <= MAX_PER_PAGE:
        paging_messages.append(_("จำนวนต่อหน้าต้องอยู่ระหว่าง 1 ถึง %(max)d", max=MAX_PER_PAGE))
    if page < 1:
        paging_messages.append(_("เลขหน้าต้องเป็น 1 ขึ้นไป"))
    if strict and paging_messages:
        raise ValueError(paging_messages[0])
    messages.extend(paging_messages)
    request = SearchRequest(
        text=text,
        law_type=(args.get("type") or "").strip() or None,
        group=(args.get("group") or "").strip() or None,
        year_from=year_from,
        year_to=year_to,
        sort=sort,
        page=max(page, 1),
        per_page=min(max(per_page, 1), MAX_PER_PAGE),
        jump=args.get("jump", "1") != "0",
        situation=args.get("plain", "0") != "1",
    )
    return request, messages


def init_app(app: Flask) -> None:
    """Keep one index cache per app; it reopens the index when ``lawportal index`` swaps it."""
    app.extensions[EXTENSION_KEY] = SearchIndexCache(IndexStore(Path(app.config["INDEX_DIR"])))
    app.add_template_global(law_url)
    app.add_template_global(section_url)


def law_url(sysid: str) -> str:
    """Where a hit's law is read: the act's page, or the hearing page of a draft under hearing."""
    hearing_id = hearing_id_of_sysid(sysid)
    if hearing_id is not None:
        return url_for("hearings.show", hearing_id=hearing_id)
    return url_for("laws.law", sysid=sysid)


def section_url(sysid: str, number: str) -> str:
    """Where a hit's section is read: its permalink, or its anchor on a draft's hearing page."""
    hearing_id = hearing_id_of_sysid(sysid)
    if hearing_id is not None:
        return url_for("hearings.show", hearing_id=hearing_id, _anchor=f"s-{number}")
    return url_for("laws.section", sysid=sysid, number=number)


def get_index() -> SearchIndex:
    """The app's current index; ``IndexMissing`` before the first build."""
    cache = current_app.extensions.get(EXTENSION_KEY)
    if cache is None:
        init_app(current_app)
        cache = current_app.extensions[EXTENSION_KEY]
    try:
        return cache.get()
    except FileNotFoundError as exc:
        raise IndexMissing(str(exc)) from exc


def facets(index: SearchIndex) -> Facets:
    """Filter choices with how many laws each holds, from the index's law metadata."""
    law_types = Counter(info.law_type for info in index.laws.values() if info.law_type)
    groups = Counter(group for info in index.laws.values() for group in info.groups)
    years = [info.year_be for info in index.laws.values() if info.year_be]
    return Facets(
        law_types=sorted(law_types.items(), key=lambda item: (-item[1], item[0])),
        groups=sorted(groups.items()),
        year_min=min(years, default=None),
        year_max=max(years, default=None),
    )


def reader_notice(notice: str) -> str:
    """A notice of the search core in the reader's language (its Thai template is a catalogue message)."""
    if isinstance(notice, Notice):
        return gettext(notice.template, **notice.values)
    return gettext(notice)


def _explain(outcome: SearchOutcome, index: SearchIndex) -> None:
    """Turn what the search did into messages for the reader, and find the section to jump to."""
    response = outcome.response
    assert response is not None
    if response.jump_to:
        sysid, number = split_section_id(response.jump_to)
        outcome.jump_to = (sysid, number)
    missing = next((hit.why["citation_missing"] for hit in response.hits if "citation_missing" in hit.why), None)
    if missing:
        sysid, number = split_section_id(missing)
        info = index.laws.get(sysid)
        title = info.title if info else sysid
        outcome.missing_section = (sysid, number, title)
        outcome.messages.append(_("ไม่มีมาตรา %(number)s ใน%(title)s", number=number, title=title))
    if response.mode == "empty" and response.query:
        outcome.messages.append(_("ไม่พบคำที่ค้นได้ในคำค้นนี้ ลองพิมพ์คำภาษาไทย ชื่อกฎหมาย หรือเลขมาตรา"))
    outcome.messages.extend(reader_notice(n) for n in response.notices if not n.startswith(_REWORDED_NOTICES))
    if response.mode not in ("empty", "citation") and response.total == 0:
        outcome.messages.append(_("ไม่พบกฎหมายที่ตรงกับคำค้น"))


def run_search(search_request: SearchRequest, messages: list[str] | None = None) -> SearchOutcome:
    """Run one search for the page or the API; never raises on what the reader typed."""
    outcome = SearchOutcome(search_request, None, list(messages or []))
    if not search_request.text.strip():
        if search_request.text:
            outcome.messages.append(_("กรุณาพิมพ์คำค้น"))
        return outcome
    try:
        index = get_index()
    except IndexMissing:
        outcome.index_missing = True
        outcome.messages.append(_("ยังไม่ได้สร้างดัชนีค้นหา ผู้ดูแลระบบต้องสั่ง lawportal index ก่อน"))
        return outcome
    try:
        query = search_request.to_query()
    except QueryError as exc:  # parse_request keeps values in range; this is a last guard
        outcome.messages.append(str(exc))
        return outcome
    outcome.response = search(index, query)
    _explain(outcome, index)
    if search_request.page == 1 and outcome.response.mode != "citation":
        outcome.title_matches = [
            (item.law, item.title) for item in complete_title(index, search_request.text[:200], limit=3)
        ]
    return outcome


def suggest_titles(prefix: str, limit: int = SUGGESTIONS) -> list[tuple[str, str]]:
    """Law titles completing what the reader has typed so far, as ``(sysid, title)``."""
    prefix = prefix[:200]
    if not prefix.strip():
        return []
    try:
        index = get_index()
    except IndexMissing:
        return []
    return [(item.law, item.title) for item in complete_title(index, prefix, limit=limit)]
