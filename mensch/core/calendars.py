"""iCalendar for every app: an :class:`Entry` per calendar item, one writer (``icalendar``).

Apps describe what belongs in a member's calendar as entries; :func:`calendar_bytes` turns
them into a VCALENDAR. Each capability app with a module ``calendar`` defines
``calendar_entries(member) -> list[Entry]``; the member's private feed gathers them all
through :func:`mensch.core.registry.contributions` (see ``mensch.web.feed``).

Rules every entry follows:

* **Stable UIDs.** ``Entry.uid`` is a local name that never changes for the same item
  (``"followup-12"``, an event's UUID); the written UID is ``<uid>@mensch``, the form event
  UIDs always had, so entries already in people's calendars keep matching.
* **Rising SEQUENCE.** An entry whose time or text changes in a way people should notice
  carries a higher ``sequence``, so calendar apps replace it instead of adding a second one.
* **All-day items are VEVENTs.** Google Calendar and Outlook ignore VTODO in subscribed
  calendars and Apple shows them only through CalDAV, so reminders such as follow-ups are
  all-day VEVENTs (a ``date`` start), marked TRANSPARENT: they don't make anyone look busy.
* **Times in UTC.** Timed entries are written in UTC (no VTIMEZONE needed); calendar apps
  show them in the reader's own zone.

No Django model is imported here: this is a plain helper the apps stand on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vDuration
from icalendar import Event as VEvent

PRODID = "-//Mensch//Mensch calendar//EN"
UID_DOMAIN = "mensch"
CONTENT_TYPE = "text/calendar; charset=utf-8"

Status = Literal["CONFIRMED", "TENTATIVE", "CANCELLED"]
logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One item of a calendar.

    ``start`` is a ``datetime`` (aware) for a timed entry, a ``date`` for an all-day one;
    ``end`` is of the same kind and exclusive (an all-day entry without ``end`` lasts one
    day). ``changed_at`` is written as DTSTAMP (when the item last changed; now if unknown).
    """

    uid: str
    summary: str
    start: datetime | date
    end: datetime | date | None = None
    description: str = ""
    url: str = ""
    location: str = ""
    sequence: int = 0
    status: Status | None = None
    changed_at: datetime | None = None

    def __post_init__(self) -> None:
        if not self.uid or "@" in self.uid:
            raise ValueError(f"An entry's uid is a local name without '@': {self.uid!r}")
        for moment in (self.start, self.end, self.changed_at):
            if isinstance(moment, datetime) and timezone.is_naive(moment):
                raise ValueError(f"Entry {self.uid}: times must carry a time zone.")
        if self.end is not None:
            if isinstance(self.end, datetime) != isinstance(self.start, datetime):
                raise ValueError(f"Entry {self.uid}: start and end must both be dates or times.")
            if self.end < self.start:
                raise ValueError(f"Entry {self.uid}: the end comes before the start.")

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)


def site_url(path: str) -> str:
    """The absolute address of a path on this site (``SITE_URL`` + path)."""
    return settings.SITE_URL.rstrip("/") + path


def _moment(value: datetime | date) -> datetime | date:
    return value.astimezone(UTC) if isinstance(value, datetime) else value


def component(entry: Entry) -> VEvent:
    """The VEVENT of one entry."""
    event = VEvent()
    event.add("uid", f"{entry.uid}@{UID_DOMAIN}")
    event.add("sequence", entry.sequence)
    event.add("dtstamp", _moment(entry.changed_at or timezone.now()))
    event.add("dtstart", _moment(entry.start))
    end = entry.end
    if end is None and entry.all_day and entry.start < date.max:
        # One day. On the calendar's last day (9999-12-31) the next day cannot be written:
        # no DTEND then, which RFC 5545 reads as one day for a DATE start all the same.
        end = entry.start + timedelta(days=1)
    if end is not None:
        event.add("dtend", _moment(end))
    event.add("summary", entry.summary)
    if entry.description:
        event.add("description", entry.description)
    if entry.location:
        event.add("location", entry.location)
    if entry.status:
        event.add("status", entry.status)
    if entry.all_day:
        event.add("transp", "TRANSPARENT")
    if entry.url:
        event.add("url", entry.url)
    return event


def calendar_bytes(
    name: str, entries: Iterable[Entry], *, refresh: timedelta | None = None
) -> bytes:
    """A complete VCALENDAR named ``name`` holding ``entries``.

    ``refresh`` (for subscribed feeds) tells calendar apps how often to fetch it again
    (REFRESH-INTERVAL, and X-PUBLISHED-TTL for Outlook).
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    if refresh is not None:
        calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(refresh))
    for entry in entries:
        try:
            calendar.add_component(component(entry))
        except OverflowError:
            # A time that cannot be written in UTC (a row written around the services, at
            # the very end of year 9999): leave it out rather than fail the whole feed.
            logger.warning("Calendar entry %s left out: its time is out of range", entry.uid)
    return calendar.to_ical()
