"""Attendees and confirmed meetings per attendee: one rule (events.selectors), the same
number on every page, API route and export that shows it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone

from mensch.accounts.models import User
from mensch.accounts.services import api_token_create
from mensch.events import selectors, services
from mensch.events.models import Event, Rsvp
from mensch.meetings.models import Meeting
from tests.events.conftest import make_event
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

Login = Callable[[User], Client]


def _api(user: User) -> Client:
    _, secret = api_token_create(user=user, name="tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def _held_event(organizer: User) -> tuple[Event, list[User]]:
    """A past event: 8 going, 1 waitlisted, 1 cancelled; 6 checked in; 4 meetings.

    Check-in happened, so the 6 checked in are the attendees: 2 × 4 / 6 = 1.3.
    """
    event = make_event(organizer, title="Past breakfast", capacity=8, starts_in=timedelta(hours=-1))
    guests = [make_member(f"Guest{n}") for n in range(10)]
    for guest in guests:
        services.rsvp_create(event=event, member=guest, waitlist=True)
    services.rsvp_cancel(event=event, member=guests[7])  # guest 8 moves up from the waitlist
    going = list(event.rsvps.filter(status=Rsvp.Status.GOING).order_by("pk"))
    assert (len(going), event.rsvps.filter(status=Rsvp.Status.WAITLISTED).count()) == (8, 1)
    for rsvp in going[:6]:
        services.rsvp_check_in(event=event, rsvp_id=rsvp.pk)
    people = [rsvp.member for rsvp in going]
    for a, b in [(0, 1), (0, 2), (3, 4), (5, 6)]:
        services.event_meeting_tick(event=event, member=people[a], other=people[b])
        services.event_meeting_tick(event=event, member=people[b], other=people[a])
    assert Meeting.objects.filter(event=event).count() == 4
    # The event is over now.
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=3),
    )
    event.refresh_from_db()
    return event, people


def _cell(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}">([^<]*)<', html)
    assert match is not None, element_id
    return match.group(1).strip()


def test_the_same_figures_on_every_page_and_endpoint(
    login_as: Login, organizer: User, designer: User
) -> None:
    event, people = _held_event(organizer)
    upcoming = make_event(organizer, title="Next breakfast")
    attendance = selectors.attendance_of(event)
    assert (attendance.attendees, attendance.meetings) == (6, 4)
    assert attendance.meetings_per_attendee == Decimal("1.3")
    figure, number = "1.3", 1.3

    # The organizer's manage page and analytics API.
    manage = login_as(organizer).get(f"/events/{event.pk}/manage/").content.decode()
    assert _cell(manage, "attendee-count") == "6"
    assert _cell(manage, "meetings-per-attendee") == figure
    analytics = login_as(organizer).get(f"/api/v1/events/{event.pk}/analytics").json()
    assert analytics["meetings_per_attendee"] == number

    # Fit ranking: the organizer's past meetings per attendee, on the event list, the
    # member's event page and the API.
    reason = f"{figure} confirmed meetings per attendee at this organizer's past events"
    member = login_as(designer)
    assert reason in unescape(member.get("/events/").content.decode())
    assert reason in unescape(member.get(f"/events/{upcoming.pk}/").content.decode())
    fits = member.get("/api/v1/events").json()
    assert [f["organizer_meetings_per_attendee"] for f in fits] == [number]
    assert reason in fits[0]["reasons"]

    # The organizer's ROI page and API.
    report = login_as(organizer).get("/roi/organizer/").content.decode()
    row = re.search(r'<tbody><tr><th scope="row">rounds</th>(.*?)</tr>', report)
    assert row is not None
    cells = re.findall(r"<td>([^<]*)</td>", row.group(1))
    assert (cells[2], cells[-1]) == ("6", figure)  # attendees, meetings per attendee
    body = _api(organizer).get("/api/v1/goals/roi/organizer").json()
    assert [e["attendees"] for e in body["events"]] == [6]
    assert [f["meetings_per_attendee"] for f in body["formats"]] == [number]

    # A member's ROI page and API for the event they attended.
    attendee = people[0]
    roi = login_as(attendee).get(f"/roi/events/{event.pk}/").content.decode()
    assert (_cell(roi, "attendee-count"), _cell(roi, "meetings-per-attendee")) == ("6", figure)
    outcome = _api(attendee).get(f"/api/v1/goals/roi/events/{event.pk}").json()
    assert (outcome["event_attendees"], outcome["event_meetings_per_attendee"]) == (6, number)


def test_before_check_in_everyone_going_counts(organizer: User) -> None:
    event = make_event(organizer)
    guests = [make_member(f"Guest{n}") for n in range(4)]
    for guest in guests:
        services.rsvp_create(event=event, member=guest)
    services.rsvp_cancel(event=event, member=guests[3])
    assert selectors.attendance_of(event).attendees == 3
    rsvp = Rsvp.objects.get(event=event, member=guests[0])
    services.rsvp_check_in(event=event, rsvp_id=rsvp.pk)
    assert selectors.attendance_of(event).attendees == 1
    services.event_cancel(event=event)
    assert selectors.attendance_of(event).attendees == 0


@pytest.mark.parametrize(
    ("meetings", "attendees", "expected"),
    [(0, 0, "0.0"), (1, 1, "2.0"), (4, 6, "1.3"), (1, 8, "0.3"), (41, 20, "4.1"), (82, 20, "8.2")],
)
def test_one_rounding_rule(meetings: int, attendees: int, expected: str) -> None:
    assert selectors.per_attendee(meetings, attendees) == Decimal(expected)
    assert str(selectors.per_attendee(meetings, attendees)) == expected
