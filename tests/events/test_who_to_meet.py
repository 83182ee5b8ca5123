"""One answer to "who should I meet here": the viewer's stored recommendations of members
going, blocks and declines left out in the same query, the page a constant number of
queries whatever the attendance (issue 14)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Block
from mensch.events import services
from mensch.events.models import Event, Rsvp
from mensch.events.selectors import who_to_meet
from mensch.introductions.services import introduction_decline, introduction_request
from mensch.matching.models import Recommendation
from mensch.profiles.models import Profile
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

Login = Callable[[User], Client]
API = "/api/v1/events"


def _crowd(event: Event, viewer: User, count: int, start: int = 0) -> list[User]:
    """``count`` members going to ``event``, each one of ``viewer``'s stored
    recommendations (made in bulk: the service path is not what is measured here)."""
    users = User.objects.bulk_create(
        [
            User(email=f"crowd{n}@example.org", first_name=f"Crowd{n}", last_name="Member")
            for n in range(start, start + count)
        ]
    )
    Profile.objects.bulk_create(
        [Profile(user=u, headline=f"Guest {u.first_name}", industry="Retail") for u in users]
    )
    Rsvp.objects.bulk_create([Rsvp(event=event, member=u) for u in users])
    now = timezone.now()
    Recommendation.objects.bulk_create(
        [
            Recommendation(
                member=viewer,
                candidate=u,
                rank=start + n + 1,
                score=round(0.9 - (start + n) / 1000, 4),
                reason=f"Stored reason for {u.first_name}.",
                computed_at=now,
            )
            for n, u in enumerate(users)
        ]
    )
    return users


def _recommend(member: User, candidate: User, score: float, reason: str) -> None:
    rank = Recommendation.objects.filter(member=member).count() + 1
    Recommendation.objects.create(
        member=member,
        candidate=candidate,
        rank=rank,
        score=score,
        reason=reason,
        computed_at=timezone.now(),
    )


def test_event_page_reads_the_stored_recommendations_of_attendees_best_score_first(
    login_as: Login, event: Event, attendees: list[User], designer: User, bookkeeper: User
) -> None:
    developer = attendees[2]
    outsider = make_member("Olaf", last_name="Outsider")  # recommended, but not going
    _recommend(designer, outsider, 0.99, "Olaf is not at this event.")
    _recommend(designer, bookkeeper, 0.4, "Ben keeps the books of design studios.")
    _recommend(designer, developer, 0.7, "Dev builds websites for studios like yours.")
    html = login_as(designer).get(f"/events/{event.pk}/").content.decode()
    section = html[html.index("Who to meet here") :]
    assert "Dev builds websites for studios like yours." in section
    assert "Ben keeps the books of design studios." in section
    assert section.index("Dev Coder") < section.index("Ben Books")
    assert "Olaf" not in section


def test_blocked_and_declined_members_are_left_out_of_the_stored_list(
    login_as: Login, event: Event, attendees: list[User], designer: User, bookkeeper: User
) -> None:
    developer = attendees[2]
    _recommend(designer, bookkeeper, 0.9, "Ben keeps the books of design studios.")
    _recommend(designer, developer, 0.7, "Dev builds websites for studios like yours.")
    Block.objects.create(blocker=developer, blocked=designer)
    introduction = introduction_request(
        requester=designer, recipient=bookkeeper, reason="We should compare notes on studios."
    )
    introduction_decline(introduction_id=introduction.pk, member=bookkeeper)
    people = login_as(designer).get(f"{API}/{event.pk}/who-to-meet").json()
    assert people == []


def test_without_stored_recommendations_attendees_in_the_same_industry_or_city(
    event: Event, attendees: list[User], designer: User
) -> None:
    printer = make_member("Pia", last_name="Printer", industry="Design", location="Porto")
    neighbour = make_member("Nuno", last_name="Neighbour", industry="Food", location="Lisbon")
    far = make_member("Fay", last_name="Faraway", industry="Mining", location="Perth")
    for member in (printer, neighbour, far):
        services.rsvp_create(event=event, member=member)
    Profile.objects.filter(user=designer).update(location="Lisbon")
    people = who_to_meet(viewer=designer, event=event)
    assert [(p.profile.name, p.reason) for p in people] == [
        ("Nuno Neighbour", "You are both in Lisbon."),
        ("Pia Printer", "You both work in Design."),
    ]


def test_a_new_attendee_without_recommendations_gets_them_from_the_worker(
    django_capture_on_commit_callbacks: Callable[..., object],
    event: Event,
    designer: User,
    bookkeeper: User,
) -> None:
    # Tasks run as they are queued here (tests/events/conftest.py): the worker's run
    # happens inside the RSVP's commit.
    _recommend(bookkeeper, designer, 0.5, "Hand-made: Dora designs brands.")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        services.rsvp_create(event=event, member=bookkeeper)
    assert Recommendation.objects.get(member=bookkeeper).reason.startswith("Hand-made")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        services.rsvp_create(event=event, member=designer)
    people = who_to_meet(viewer=designer, event=event)
    assert people[0].profile.user == bookkeeper
    assert "bookkeeping" in people[0].reason


def test_event_page_and_api_take_the_same_queries_at_1_and_at_300_attendees(
    login_as: Login,
    django_assert_num_queries: Callable[..., Any],
    event: Event,
    designer: User,
) -> None:
    Event.objects.filter(pk=event.pk).update(capacity=400)
    client = login_as(designer)
    _crowd(event, designer, 1)
    with CaptureQueriesContext(connection) as page_at_one:
        assert "Stored reason for Crowd0." in client.get(f"/events/{event.pk}/").content.decode()
    with CaptureQueriesContext(connection) as api_at_one:
        assert len(client.get(f"{API}/{event.pk}/who-to-meet").json()) == 1
    crowd = _crowd(event, designer, 299, start=1)
    Block.objects.create(blocker=crowd[0], blocked=designer)  # the second best: left out
    with django_assert_num_queries(len(page_at_one)):
        html = client.get(f"/events/{event.pk}/").content.decode()
    section = html[html.index("Who to meet here") :]
    assert "Crowd0 Member" in section
    assert "Crowd1 Member" not in section
    assert "Crowd5 Member" in section
    assert "Crowd6 Member" not in section
    with django_assert_num_queries(len(api_at_one)):
        people = client.get(f"{API}/{event.pk}/who-to-meet").json()
    assert [p["name"] for p in people] == [f"Crowd{n} Member" for n in (0, 2, 3, 4, 5)]
