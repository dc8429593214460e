"""The hearings as an Atom feed (feedgen) and their closing dates as iCalendar events."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event

from lawportal.hearings.services import HearingListItem
from lawportal.models import Hearing


def atom(items: Sequence[HearingListItem], site_url: str, title: str, link: Callable[[Hearing], str]) -> bytes:
    feed = FeedGenerator()
    feed.id(site_url)
    feed.title(title)
    feed.link(href=site_url, rel="alternate")
    feed.language("th")
    for item in reversed(items):  # feedgen puts the last added entry first
        hearing = item.hearing
        entry = feed.add_entry()
        entry.id(link(hearing))
        entry.title(hearing.title)
        entry.link(href=link(hearing))
        entry.summary(hearing.summary or hearing.title)
        entry.published(hearing.published_at)
        entry.updated(hearing.report_published_at or hearing.closed_at or hearing.published_at)
        entry.author(name=hearing.agency.name)
    if not items:
        feed.updated(None)
    feed_bytes: bytes = feed.atom_str(pretty=True)
    return feed_bytes


def icalendar(items: Sequence[HearingListItem], summary_template: str, link: Callable[[Hearing], str]) -> bytes:
    """One event per hearing: its last hour, so calendars remind readers before it closes."""
    calendar = Calendar()
    calendar.add("prodid", "-//lawportal//hearings//TH")
    calendar.add("version", "2.0")
    for item in items:
        hearing = item.hearing
        event = Event()
        event.add("uid", f"hearing-{hearing.id}@lawportal")
        event.add("summary", summary_template % hearing.title)
        event.add("dtstart", hearing.ends_at - timedelta(hours=1))
        event.add("dtend", hearing.ends_at)
        event.add("dtstamp", hearing.published_at)
        event.add("url", link(hearing))
        event.add("description", hearing.summary)
        calendar.add_component(event)
    calendar_bytes: bytes = calendar.to_ical()
    return calendar_bytes
