from __future__ import annotations

import pytest

from mensch.events.demo import load_demo
from mensch.events.models import Event, Rsvp, Seat
from mensch.meetings.models import Meeting
from tests.events.conftest import make_organizer
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_load_demo_adds_events_rounds_and_meetings_once() -> None:
    organizer = make_organizer("Olivia")
    members = [
        make_member(
            f"Demo{n}",
            asks=[("client", f"clients who need service {n % 4}")],
            offers=[("other", f"service {(n + 1) % 4} for small companies")],
        )
        for n in range(14)
    ]
    summary = load_demo(members=members, organizer=organizer, seed=7)
    past = Event.objects.get(title="Referral breakfast: pricing your services")
    assert past.agenda.filter(kind="talk").exists()
    assert Seat.objects.filter(event=past).exists()
    # Fewer members than the plan's guest list: everyone goes, the demo login first.
    assert Rsvp.objects.filter(event=past).exclude(goal="").count() == 14
    assert Rsvp.objects.get(event=past, member=members[0]).checked_in_at is not None
    assert Meeting.objects.filter(event=past, member_low=members[0]).exists()
    meetings = Meeting.objects.filter(event=past).count()
    assert meetings > 0
    assert summary.startswith("3 events (3 new)")
    again = load_demo(members=members, organizer=organizer, seed=7)
    assert again.startswith("3 events (0 new)")
    assert Event.objects.count() == 3
    assert Meeting.objects.filter(event=past).count() == meetings
