from __future__ import annotations

from collections.abc import Callable

import icalendar
import pytest
import vobject
from django.test import Client

from mensch.accounts.models import User
from mensch.events import rounds, services
from mensch.events.models import Event

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
Login = Callable[[User], Client]


def _both(body: bytes) -> tuple[list[icalendar.Event], list[object]]:
    """Parse with icalendar and, independently, with vobject."""
    with_icalendar = list(icalendar.Calendar.from_ical(body).walk("VEVENT"))
    with_vobject = list(vobject.readOne(body.decode()).contents.get("vevent", []))
    return with_icalendar, with_vobject


def test_event_ics_has_stable_uid_and_rising_sequence(
    login_as: Login, event: Event, designer: User
) -> None:
    client = login_as(designer)
    first = client.get(f"/events/{event.pk}/event.ics")
    assert first["Content-Type"].startswith("text/calendar")
    ical_events, vobject_events = _both(first.content)
    assert len(ical_events) == len(vobject_events) == 1
    uid = str(ical_events[0]["UID"])
    assert uid == f"{event.uid}@mensch" == vobject_events[0].uid.value
    assert str(ical_events[0]["SUMMARY"]) == "Referral breakfast"
    assert ical_events[0].decoded("DTSTART") == event.starts_at
    assert vobject_events[0].dtstart.value == event.starts_at
    assert "talk: Pricing your services" in str(ical_events[0]["DESCRIPTION"])
    before = int(vobject_events[0].sequence.value)

    services.event_update(event=event, title="Referral breakfast, moved")
    services.event_cancel(event=event)
    ical_events, vobject_events = _both(client.get(f"/events/{event.pk}/event.ics").content)
    assert str(ical_events[0]["UID"]) == uid
    assert int(ical_events[0]["SEQUENCE"]) == before + 2 == int(vobject_events[0].sequence.value)
    assert str(ical_events[0]["STATUS"]) == "CANCELLED"
    assert vobject_events[0].summary.value == "Referral breakfast, moved"


def test_member_feed_lists_events_and_rounds(
    login_as: Login, event: Event, attendees: list[User], designer: User
) -> None:
    rounds.rounds_generate(event=event, rounds=1, table_size=3)
    feed = services.calendar_feed_regenerate(member=designer)
    response = Client().get(f"/events/calendar/{feed.token}.ics")
    ical_events, vobject_events = _both(response.content)
    summaries = sorted(str(e["SUMMARY"]) for e in ical_events)
    assert summaries == ["Referral breakfast", "Round 1, table 1 · Referral breakfast"]
    assert sorted(e.summary.value for e in vobject_events) == summaries
    round_entry = next(e for e in ical_events if "Round" in str(e["SUMMARY"]))
    assert str(round_entry["UID"]) == f"{event.uid}-round-1@mensch"
    assert str(round_entry["DESCRIPTION"]) in (
        "At your table: Ben, Dev.",
        "At your table: Dev, Ben.",
    )


def test_member_feed_leaves_out_other_peoples_events(
    event: Event, attendees: list[User], stranger: User
) -> None:
    feed = services.calendar_feed_regenerate(member=stranger)
    ical_events, vobject_events = _both(Client().get(f"/events/calendar/{feed.token}.ics").content)
    assert ical_events == []
    assert vobject_events == []


def test_feed_with_a_wrong_or_revoked_token_is_not_found(designer: User) -> None:
    feed = services.calendar_feed_regenerate(member=designer)
    assert Client().get("/events/calendar/guessed-token.ics").status_code == 404
    services.calendar_feed_revoke(member=designer)
    assert Client().get(f"/events/calendar/{feed.token}.ics").status_code == 404


def test_calendar_settings_page_regenerates_and_revokes(login_as: Login, designer: User) -> None:
    client = login_as(designer)
    assert "Create my private address" in client.get("/events/calendar/").content.decode()
    client.post("/events/calendar/regenerate/")
    token = designer.calendar_feed.token
    assert f"/events/calendar/{token}.ics" in client.get("/events/calendar/").content.decode()
    client.post("/events/calendar/revoke/")
    assert "Create my private address" in client.get("/events/calendar/").content.decode()
