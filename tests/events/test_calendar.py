from __future__ import annotations

from collections.abc import Callable

import icalendar
import pytest
import vobject
from django.test import Client

from mensch.accounts.calendar_feed import feed_renew, feed_revoke
from mensch.accounts.models import User
from mensch.events import rounds, services
from mensch.events.calendar import calendar_entries
from mensch.events.models import Event
from tests.factories import make_member

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
    feed = feed_renew(member=designer)
    response = Client().get(f"/calendar/{feed.token}.ics")
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


def test_round_entry_sequence_rises_when_the_seating_is_generated_again(
    event: Event, attendees: list[User], designer: User
) -> None:
    rounds.rounds_generate(event=event, rounds=1, table_size=3)
    first = next(e for e in calendar_entries(designer) if "-round-" in e.uid)
    rounds.rounds_generate(event=event, rounds=1, table_size=3)
    again = next(e for e in calendar_entries(designer) if "-round-" in e.uid)
    assert again.uid == first.uid
    assert again.sequence > first.sequence


def test_waitlisted_and_organized_events_are_in_the_feed_tentative_or_confirmed(
    event: Event, designer: User
) -> None:
    event.capacity = 1
    event.save(update_fields=["capacity"])
    services.rsvp_create(event=event, member=designer, goal="")
    late = make_member("Lena")
    services.rsvp_create(event=event, member=late, goal="", waitlist=True)
    (waiting,) = calendar_entries(late)
    assert (waiting.summary, waiting.status) == ("Referral breakfast (waitlist)", "TENTATIVE")
    (organizing,) = calendar_entries(event.organizer)
    assert (organizing.summary, organizing.status) == ("Referral breakfast", "CONFIRMED")


def test_cancelled_rsvp_leaves_the_feed(event: Event, designer: User) -> None:
    services.rsvp_create(event=event, member=designer, goal="")
    assert [e.summary for e in calendar_entries(designer)] == ["Referral breakfast"]
    services.rsvp_cancel(event=event, member=designer)
    assert calendar_entries(designer) == []


def test_member_feed_leaves_out_other_peoples_events(
    event: Event, attendees: list[User], stranger: User
) -> None:
    feed = feed_renew(member=stranger)
    ical_events, vobject_events = _both(Client().get(f"/calendar/{feed.token}.ics").content)
    assert ical_events == []
    assert vobject_events == []


def test_feed_with_a_wrong_or_revoked_token_is_not_found(designer: User) -> None:
    feed = feed_renew(member=designer)
    assert Client().get("/calendar/guessed-token.ics").status_code == 404
    feed_revoke(member=designer)
    assert Client().get(f"/calendar/{feed.token}.ics").status_code == 404


def test_old_events_feed_address_moves_to_the_one_feed(designer: User) -> None:
    feed = feed_renew(member=designer)
    response = Client().get(f"/events/calendar/{feed.token}.ics")
    assert response.status_code == 301
    assert response["Location"] == f"/calendar/{feed.token}.ics"
    assert Client().get(f"/events/calendar/{feed.token}.ics", follow=True).status_code == 200
    old_page = Client().get("/events/calendar/")
    assert (old_page.status_code, old_page["Location"]) == (301, "/settings/calendar/")
