"""A declined introduction at an event: not in "who to meet", seated apart where possible."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from mensch.accounts.models import User
from mensch.events import rounds, services
from mensch.events.fit import event_fit
from mensch.events.models import Event, Seat
from mensch.events.selectors import who_to_meet
from mensch.introductions.services import introduction_decline, introduction_request
from mensch.matching.services import matches_recompute
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

REASON = "You keep books for studios and I design brands; we should compare notes."


def _decline(requester: User, recipient: User) -> None:
    introduction = introduction_request(requester=requester, recipient=recipient, reason=REASON)
    introduction_decline(introduction_id=introduction.pk, member=recipient)


def _together(event: Event, first: User, second: User) -> bool:
    """The two share a table in some round."""
    return any(
        Seat.objects.filter(event=event, member=second, round_number=r, table_number=t).exists()
        for r, t in Seat.objects.filter(event=event, member=first).values_list(
            "round_number", "table_number"
        )
    )


def test_who_to_meet_leaves_out_a_declined_member_either_way(
    login_as: Callable[[User], Client],
    event: Event,
    attendees: list[User],
    designer: User,
    bookkeeper: User,
) -> None:
    matches_recompute()  # the worker's run after the RSVPs: "who to meet" reads its answer
    assert who_to_meet(viewer=designer, event=event)[0].profile.user == bookkeeper
    _decline(designer, bookkeeper)
    assert bookkeeper not in [p.profile.user for p in who_to_meet(viewer=designer, event=event)]
    assert designer not in [p.profile.user for p in who_to_meet(viewer=bookkeeper, event=event)]
    html = login_as(designer).get(f"/events/{event.pk}/").content.decode()
    assert "Ben Books" not in html[html.index("Who to meet here") :]
    api = login_as(bookkeeper).get(f"/api/v1/events/{event.pk}/who-to-meet").json()
    assert "Dora Designer" not in [row["name"] for row in api]


def test_rounds_seat_a_declined_pair_apart_when_they_can_and_still_seat_them_when_not(
    event: Event, attendees: list[User], designer: User, bookkeeper: User
) -> None:
    guests = []
    for n in range(3):
        member = make_member(
            f"Guest{n}",
            asks=[("client", f"clients for service number {n}")],
            offers=[("other", f"help with topic number {n}")],
        )
        services.rsvp_create(event=event, member=member)
        guests.append(member)
    rounds.rounds_generate(event=event, rounds=1, table_size=3)
    assert _together(event, designer, bookkeeper)  # the best match, so seated together
    _decline(bookkeeper, designer)
    rounds.rounds_generate(event=event, rounds=1, table_size=3)
    assert not _together(event, designer, bookkeeper)
    assert Seat.objects.filter(event=event).count() == 6
    # Three left, one table: the soft avoid never costs the seating.
    for guest in guests:
        services.rsvp_cancel(event=event, member=guest)
    event = rounds.rounds_generate(event=event, rounds=1, table_size=3)
    assert Seat.objects.filter(event=event).count() == 3
    assert _together(event, designer, bookkeeper)
    assert "declined" not in event.schedule_message
    # Seated together only because nothing else fitted: no "why you should meet" between them.
    seat = Seat.objects.get(event=event, member=designer)
    assert seat.reasons.get(str(bookkeeper.pk), "") == ""


def test_event_fit_stops_counting_a_declined_member_as_someone_to_meet(
    event: Event, attendees: list[User], designer: User, bookkeeper: User
) -> None:
    services.rsvp_cancel(event=event, member=designer)  # a member choosing whether to go
    matches_recompute()
    before = event_fit(designer, event)
    assert before is not None
    assert before.strong_matches >= 1
    assert any("you should meet" in reason for reason in before.reasons)
    _decline(designer, bookkeeper)
    after = event_fit(designer, event)
    assert after is not None
    assert after.strong_matches == before.strong_matches - 1
