from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from mensch.accounts.models import User
from mensch.accounts.services import api_token_create
from mensch.connections.models import Connection
from mensch.connections.services import connection_create
from mensch.events.models import Event
from mensch.meetings.models import Meeting
from mensch.meetings.services import meeting_follow_up, meeting_tick
from tests.factories import make_member


@pytest.fixture
def ben(db: None) -> User:
    """A connection of the owner (Dana)."""
    return make_member("Ben", last_name="Adeyemi", email="ben@example.org")


@pytest.fixture
def connected(owner: User, ben: User) -> Connection:
    return connection_create(member=owner, other=ben, source=Connection.Source.INTRODUCTION)


@pytest.fixture
def organizer(db: None) -> User:
    user = make_member("Olga", last_name="Organiser", email="olga@example.org")
    user.is_organizer = True
    user.save(update_fields=["is_organizer"])
    return user


def make_event(
    organizer: User, title: str = "Lisbon Founders Breakfast", days_ago: int = 20
) -> Event:
    starts = timezone.now() - timedelta(days=days_ago)
    return Event.objects.create(
        organizer=organizer,
        title=title,
        capacity=40,
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        status=Event.Status.PUBLISHED,
        price=25,
        currency="EUR",
    )


@pytest.fixture
def event(organizer: User) -> Event:
    return make_event(organizer)


def meet(a: User, b: User, event: Event | None, *, follow_up: bool = True) -> Meeting:
    meeting_tick(member=a, other=b, event=event)
    meeting = meeting_tick(member=b, other=a, event=event)
    assert meeting is not None
    if follow_up:
        meeting_follow_up(member=a, meeting_id=meeting.pk, yes=True)
        meeting = meeting_follow_up(member=b, meeting_id=meeting.pk, yes=True)
    return meeting


@pytest.fixture
def met_at_event(owner: User, ben: User, event: Event) -> Meeting:
    """Dana and Ben met at the event and both said "follow up": they are connected."""
    return meet(owner, ben, event)


def api_client(user: User) -> Client:
    _, secret = api_token_create(user=user, name="tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})
