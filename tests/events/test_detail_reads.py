"""The event page reads the event once: its fit comes from the row already loaded (agenda
and counts in hand) and the member's RSVP already read, and the people to meet load only
what is shown; what the page says stays what a fresh read says."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mensch.accounts.models import User
from mensch.events import services
from mensch.events.fit import event_fit, events_for_member
from mensch.events.models import Event
from mensch.events.selectors import event_for_viewer, who_to_meet
from mensch.matching.models import Recommendation
from tests.events.conftest import make_event
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

Login = Callable[[User], Client]


def _fit_words(member: User, event: Event) -> tuple[str, list[str], str]:
    fit = event_fit(member, event_for_viewer(viewer=member, event_id=event.pk))
    assert fit is not None
    return fit.level, fit.reasons, fit.rsvp_status


def test_fit_of_the_loaded_event_equals_the_lists_and_reads_no_event(
    organizer: User, designer: User
) -> None:
    member = make_member("Mia", goals="Meet bookkeepers over breakfast")
    member.profile.asks.create(kind="client", text="Pricing advice for my studio")
    event = make_event(organizer, title="Bookkeepers breakfast")
    services.rsvp_create(event=event, member=member)
    loaded = event_for_viewer(viewer=member, event_id=event.pk)
    with CaptureQueriesContext(connection) as reads:
        fit = event_fit(member, loaded, rsvp_status="going")
    assert not any('FROM "events_event"' in q["sql"].split(" WHERE ")[0] for q in reads)
    assert not any("events_agendaitem" in q["sql"] for q in reads)
    listed = next(f for f in events_for_member(member) if f.event.pk == event.pk)
    assert fit is not None
    assert (fit.level, fit.reasons, fit.rsvp_status, fit.score) == (
        listed.level,
        listed.reasons,
        listed.rsvp_status,
        listed.score,
    )
    assert "bookkeepers" in " ".join(fit.reasons)
    assert "pricing" in " ".join(fit.reasons)
    # Without the caller's RSVP, it is read: the same answer.
    assert _fit_words(member, event) == (listed.level, listed.reasons, "going")


def test_no_fit_for_a_loaded_event_that_is_not_open(organizer: User, designer: User) -> None:
    draft = make_event(organizer, title="Draft breakfast", publish=False)
    assert event_fit(organizer, event_for_viewer(viewer=organizer, event_id=draft.pk)) is None
    over = make_event(organizer, title="Past breakfast")
    Event.objects.filter(pk=over.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
    )
    assert event_fit(designer, event_for_viewer(viewer=designer, event_id=over.pk)) is None
    cancelled = make_event(organizer, title="Off breakfast")
    services.event_cancel(event=cancelled, undo_minutes=0)
    assert event_fit(designer, event_for_viewer(viewer=designer, event_id=cancelled.pk)) is None
    assert events_for_member(designer, event_id=cancelled.pk) == []


def test_page_fit_follows_the_members_own_rsvp_and_goals(
    login_as: Login, organizer: User, designer: User
) -> None:
    event = make_event(organizer, title="Brand design breakfast")
    client = login_as(designer)
    before = client.get(f"/events/{event.pk}/").content.decode()
    assert "Why it may fit you" in before
    designer.profile.goals = "Find a breakfast about brand identity"
    designer.profile.save()
    after = client.get(f"/events/{event.pk}/").content.decode()
    assert "brand" not in before.split("Why it may fit you")[1].split("</ul>")[0]
    assert "about brand, breakfast" in after.split("Why it may fit you")[1].split("</ul>")[0]
    response = client.post(f"/events/{event.pk}/rsvp/", {"goal": "Meet a printer"})
    assert response.status_code in (302, 303)
    assert "You're going." in client.get(f"/events/{event.pk}/").content.decode()


def test_people_to_meet_load_only_what_is_shown_and_read_no_more(
    organizer: User, designer: User
) -> None:
    event = make_event(organizer)
    guests = [make_member(f"Guest{n}", headline=f"Headline {n}") for n in range(3)]
    for n, guest in enumerate(guests):
        services.rsvp_create(event=event, member=guest)
        Recommendation.objects.create(
            member=designer,
            candidate=guest,
            rank=n + 1,
            score=0.9 - n / 10,
            reason=f"Reason {n}.",
            computed_at=timezone.now(),
        )
    people = who_to_meet(viewer=designer, event=event)
    with CaptureQueriesContext(connection) as reads:
        shown = [(p.profile.pk, p.profile.name, p.profile.headline, p.reason) for p in people]
    assert len(reads) == 0
    assert shown == [
        (g.profile.pk, g.name, f"Headline {n}", f"Reason {n}.") for n, g in enumerate(guests)
    ]


def test_alike_attendees_load_only_what_is_shown_and_read_no_more(organizer: User) -> None:
    viewer = make_member("Vera", industry="Bookkeeping", location="Lisbon")
    event = make_event(organizer)
    guest = make_member("Gil", headline="Books for studios", industry="bookkeeping")
    services.rsvp_create(event=event, member=guest)
    people = who_to_meet(viewer=viewer, event=event)
    with CaptureQueriesContext(connection) as reads:
        shown = [(p.profile.pk, p.profile.name, p.profile.headline, p.reason) for p in people]
    assert len(reads) == 0
    assert shown == [
        (guest.profile.pk, guest.name, "Books for studios", "You both work in Bookkeeping.")
    ]
