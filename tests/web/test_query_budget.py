"""A query budget per page: each member-facing page and list endpoint takes the same
number of queries with 300 rows as with 1 (no query per row), within a fixed budget.

Rows are bulk-inserted where a model is plain data, through the services where the rows
carry rules (ledger entries, events, goals). The cache is emptied before each measured
request, so what is measured is the cold request: the one that fills the cache.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from mensch.accounts.models import User
from mensch.accounts.services import api_token_create
from mensch.connections.models import Connection
from mensch.contacts.models import Contact
from mensch.events.models import Event, Rsvp
from mensch.followups.models import FollowUp
from mensch.goals import services as goal_services
from mensch.introductions.models import Introduction
from mensch.ledger import services as ledger_services
from mensch.matching.models import Recommendation
from mensch.meetings.models import Meeting, MeetingTick
from mensch.notifications.models import Notification
from mensch.profiles.models import Ask, Offer, Profile
from mensch.profiles.search import documents_refresh
from tests.events.conftest import make_event, make_organizer

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LISBON = "Lisbon, Portugal"
Seed = Callable[[User, int, int], None]


def _members(start: int, count: int) -> list[User]:
    """``count`` members in Lisbon, each with an ask and an offer, bulk-inserted."""
    users = User.objects.bulk_create(
        User(
            email=f"bulk{number}@example.org",
            first_name=f"Bulk{number}",
            last_name="Member",
            password="!",
        )
        for number in range(start, start + count)
    )
    profiles = Profile.objects.bulk_create(
        Profile(
            user=user,
            headline=f"Bookkeeper number {user.first_name}",
            industry="Bookkeeping",
            location=LISBON,
        )
        for user in users
    )
    Ask.objects.bulk_create(Ask(profile=p, kind="supplier", text="a designer") for p in profiles)
    Offer.objects.bulk_create(Offer(profile=p, kind="advice", text="bookkeeping") for p in profiles)
    return users


def _newcomers(owner: User, start: int, count: int) -> None:
    _members(start, count)


def _recommendations(owner: User, start: int, count: int) -> None:
    now = timezone.now()
    Recommendation.objects.bulk_create(
        Recommendation(
            member=owner,
            candidate=user,
            rank=start + rank + 1,
            score=0.5,
            reason=f"{user.first_name} offers bookkeeping, which you ask for.",
            computed_at=now,
        )
        for rank, user in enumerate(_members(start, count))
    )


def _introductions(owner: User, start: int, count: int) -> None:
    expires = timezone.now() + timedelta(days=7)
    Introduction.objects.bulk_create(
        Introduction(
            requester=user,
            recipient=owner,
            reason="We both work with small studios; I would like to compare notes.",
            expires_at=expires,
        )
        for user in _members(start, count)
    )


def _connections(owner: User, start: int, count: int) -> None:
    Connection.objects.bulk_create(
        Connection(member_low=owner, member_high=user, source=Connection.Source.INTRODUCTION)
        for user in _members(start, count)
    )


def _meetings(owner: User, start: int, count: int) -> None:
    today = timezone.localdate()
    Meeting.objects.bulk_create(
        Meeting(member_low=owner, member_high=user, met_on=today) for user in _members(start, count)
    )


def _notifications(owner: User, start: int, count: int) -> None:
    Notification.objects.bulk_create(
        Notification(recipient=owner, kind="test", title=f"Note {number}", url="/dashboard/")
        for number in range(start, start + count)
    )


def _contacts(owner: User, start: int, count: int) -> None:
    Contact.objects.bulk_create(
        Contact(owner=owner, name=f"Person {number}", company="Studio")
        for number in range(start, start + count)
    )


def _followups(owner: User, start: int, count: int) -> None:
    contact = Contact.objects.filter(owner=owner).first() or Contact.objects.create(
        owner=owner, name="Rui Almeida"
    )
    today = timezone.localdate()
    FollowUp.objects.bulk_create(
        FollowUp(
            owner=owner, contact=contact, title=f"Task {n}", due_on=today, original_due_on=today
        )
        for n in range(start, start + count)
    )


def _ledger(owner: User, start: int, count: int) -> None:
    ben = User.objects.filter(email="ben@example.org").first() or _ben(owner)
    for number in range(start, start + count):
        ledger_services.ledger_entry_record(
            member=ben,
            kind="favour",
            direction="given",
            description=f"Favour {number}",
            counterpart=owner,
        )


def _ben(owner: User) -> User:
    ben = User.objects.create(email="ben@example.org", first_name="Ben", last_name="Adeyemi")
    Profile.objects.get_or_create(user=ben)
    Connection.objects.create(member_low=owner, member_high=ben, source="introduction")
    return ben


def _events(owner: User, start: int, count: int) -> None:
    organizer = User.objects.filter(email="olga@example.org").first() or make_organizer(
        "Olga", email="olga@example.org"
    )
    for number in range(start, start + count):
        make_event(organizer, title=f"Event {number}", talk=False)


def _goals(owner: User, start: int, count: int) -> None:
    for number in range(start, start + count):
        goal_services.goal_create(member=owner, title=f"Goal {number}", metric="meetings", target=3)


def _attended(owner: User, start: int, count: int) -> None:
    """Past events the member went to, one with their costs: the ROI pages' rows."""
    organizer = User.objects.filter(email="olga@example.org").first() or make_organizer(
        "Olga", email="olga@example.org"
    )
    begun = timezone.now() - timedelta(days=30)
    events = Event.objects.bulk_create(
        Event(
            organizer=organizer,
            title=f"Breakfast {number}",
            capacity=40,
            starts_at=begun + timedelta(hours=number),
            ends_at=begun + timedelta(hours=number + 1),
            status=Event.Status.PUBLISHED,
            price=25,
            currency="EUR",
        )
        for number in range(start, start + count)
    )
    Rsvp.objects.bulk_create(Rsvp(event=event, member=owner) for event in events)
    goal_services.event_cost_record(member=owner, event=events[0], ticket="25", hours="3")


def _searchable(owner: User, start: int, count: int) -> None:
    """Members the directory and the specialist search find (documents kept as on save)."""
    users = _members(start, count)
    documents_refresh(Profile.objects.filter(user__in=users).values_list("pk", flat=True))


def _dashboard(owner: User, start: int, count: int) -> None:
    """Everything the dashboard lists grows: newcomers in the city, suggestions,
    introductions and meetings waiting for an answer, notifications."""
    _recommendations(owner, start, count)
    _introductions(owner, 10_000 + start, count)
    ticks = _members(20_000 + start, count)
    MeetingTick.objects.bulk_create(MeetingTick(member=user, other=owner) for user in ticks)
    _notifications(owner, start, count)


@dataclass(frozen=True)
class Case:
    url: str
    seed: Seed
    budget: int
    who: str = "member"  # or "api" (a token) or "anonymous"

    def __str__(self) -> str:
        return self.url


# The dashboard, cold: session, user, own profile with asks and offers (1), what waits for
# an answer (1), people to meet (1), the four community figures, "New in <city>" (2), the
# cards of six apps (7), scheduled meetings, the unread badge; on PostgreSQL one more: the
# planner's estimates, read before the figures. Warm (figures and the city's list kept), 5
# or 6 fewer.
# The front page, cold: the figures (four counts; on PostgreSQL the estimates first).
CASES = [
    Case("/", _newcomers, 5, "anonymous"),
    Case("/dashboard/", _dashboard, 21),
    Case("/people-to-meet/", _recommendations, 4),
    Case("/api/v1/matches", _recommendations, 2, "api"),
    Case("/notifications/", _notifications, 5),
    Case("/api/v1/notifications", _notifications, 4, "api"),
    Case("/introductions/", _introductions, 10),
    Case("/api/v1/introductions", _introductions, 6, "api"),
    Case("/connections/", _connections, 8),
    Case("/api/v1/connections", _connections, 6, "api"),
    Case("/meetings/", _meetings, 8),
    Case("/api/v1/meetings", _meetings, 6, "api"),
    Case("/contacts/", _contacts, 7),
    Case("/api/v1/contacts", _contacts, 5, "api"),
    Case("/followups/", _followups, 4),
    Case("/api/v1/followups", _followups, 4, "api"),
    Case("/ledger/", _ledger, 5),
    Case("/api/v1/ledger/entries", _ledger, 4, "api"),
    Case("/events/", _events, 7),
    Case("/api/v1/events", _events, 5, "api"),
    Case("/goals/", _goals, 5),
    Case("/api/v1/goals", _goals, 2, "api"),
    Case("/roi/", _attended, 5),
    Case("/api/v1/goals/roi", _attended, 3, "api"),
    # The directory: session, user, the page, its capped count, each row's asks and
    # offers, the industries facet, the badge; searching, the same (on PostgreSQL the
    # ranked page, its count and its cards are one statement).
    Case("/members/", _searchable, 8),
    Case("/members/?q=bookkeeper", _searchable, 8),
    # Cold: the shared engine is built (members, asks, offers: 3) before the ranking.
    Case("/specialists/?need=someone+for+bookkeeping", _searchable, 10),
    Case("/api/v1/trust/specialists?need=someone+for+bookkeeping", _searchable, 8, "api"),
]


def _client(case: Case, owner: User, login_as: Callable[[User], Client]) -> Client:
    if case.who == "anonymous":
        return Client()
    if case.who == "api":
        _, secret = api_token_create(user=owner, name="budget")
        return Client(headers={"Authorization": f"Bearer {secret}"})
    return login_as(owner)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_same_queries_at_1_and_at_300_rows(
    case: Case,
    owner: User,
    login_as: Callable[[User], Client],
    django_assert_max_num_queries: Callable[..., Any],
    django_assert_num_queries: Callable[..., Any],
) -> None:
    client = _client(case, owner, login_as)
    case.seed(owner, 0, 1)
    client.get(case.url)  # the session's and the token's once-a-minute writes
    cache.clear()
    with django_assert_max_num_queries(case.budget) as at_one:
        response = client.get(case.url)
    assert response.status_code == 200
    case.seed(owner, 1, 299)
    cache.clear()
    with django_assert_num_queries(len(at_one)):
        response = client.get(case.url)
    assert response.status_code == 200
