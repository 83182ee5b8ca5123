from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from mensch.core.calendars import Entry, calendar_bytes

pytestmark = pytest.mark.unit

LISBON = ZoneInfo("Europe/Lisbon")
NOON = datetime(2026, 7, 1, 12, 0, tzinfo=LISBON)


def _parse(body: bytes) -> tuple[icalendar.Calendar, list[icalendar.Event]]:
    calendar = icalendar.Calendar.from_ical(body)
    return calendar, list(calendar.walk("VEVENT"))


def test_calendar_has_the_headers_every_app_needs() -> None:
    calendar, events = _parse(calendar_bytes("Mensch · Dora", []))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//Mensch//Mensch calendar//EN"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["X-WR-CALNAME"]) == "Mensch · Dora"
    assert "REFRESH-INTERVAL" not in calendar
    assert events == []


def test_feed_tells_calendar_apps_how_often_to_fetch_it() -> None:
    body = calendar_bytes("Feed", [], refresh=timedelta(hours=1))
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in body
    assert b"X-PUBLISHED-TTL:PT1H" in body


def test_timed_entry_is_written_in_utc_with_uid_sequence_and_stamp() -> None:
    changed = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)
    entry = Entry(
        uid="event-12",
        summary="Breakfast, with rounds; and talks",
        start=NOON,
        end=NOON + timedelta(hours=2),
        description="Line one\nLine two",
        url="https://mensch.example/events/12/",
        location="The Workshop Rooms",
        sequence=3,
        status="CANCELLED",
        changed_at=changed,
    )
    body = calendar_bytes("One event", [entry])
    assert b"DTSTART:20260701T110000Z" in body  # noon in Lisbon (summer) is 11:00 UTC
    (event,) = _parse(body)[1]
    assert str(event["UID"]) == "event-12@mensch"
    assert int(event["SEQUENCE"]) == 3
    assert event.decoded("DTSTAMP") == changed
    assert event.decoded("DTSTART") == NOON
    assert event.decoded("DTEND") == NOON + timedelta(hours=2)
    assert str(event["SUMMARY"]) == "Breakfast, with rounds; and talks"
    assert str(event["DESCRIPTION"]) == "Line one\nLine two"
    assert str(event["LOCATION"]) == "The Workshop Rooms"
    assert str(event["URL"]) == "https://mensch.example/events/12/"
    assert str(event["STATUS"]) == "CANCELLED"
    assert "TRANSP" not in event


def test_all_day_entry_lasts_one_day_and_does_not_block_time() -> None:
    (event,) = _parse(
        calendar_bytes("Tasks", [Entry(uid="followup-1", summary="Call", start=date(2026, 7, 1))])
    )[1]
    assert event.decoded("DTSTART") == date(2026, 7, 1)
    assert event.decoded("DTEND") == date(2026, 7, 2)
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert int(event["SEQUENCE"]) == 0
    assert "DTSTAMP" in event
    assert "STATUS" not in event
    assert "DESCRIPTION" not in event


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Entry(uid="a@b", summary="x", start=NOON), "without '@'"),
        (lambda: Entry(uid="", summary="x", start=NOON), "without '@'"),
        (lambda: Entry(uid="x", summary="x", start=datetime(2026, 7, 1, 12)), "time zone"),
        (
            lambda: Entry(uid="x", summary="x", start=NOON, end=date(2026, 7, 2)),
            "both be dates or times",
        ),
        (
            lambda: Entry(uid="x", summary="x", start=date(2026, 7, 2), end=date(2026, 7, 1)),
            "before the start",
        ),
    ],
)
def test_entry_refuses_what_no_calendar_could_show(make: Callable[[], Entry], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()
