from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.connections.services import connection_create
from mensch.events.models import Event
from mensch.meetings.models import Meeting
from mensch.meetings.services import meeting_tick
from mensch.trust.directory import clear_cache
from tests.factories import make_member


def meet(a: User, b: User, event: object | None = None) -> Meeting:
    """A meeting both confirmed (outside events they must be connected first)."""
    if event is None:
        connection_create(member=a, other=b, source=Connection.Source.EVENT)
    meeting_tick(member=a, other=b, event=event)
    meeting = meeting_tick(member=b, other=a, event=event)
    assert meeting is not None
    return meeting


def make_organizer(first_name: str = "Olga", **fields: object) -> User:
    user = make_member(first_name, **fields)
    user.is_organizer = True
    user.save(update_fields=["is_organizer"])
    return user


@pytest.fixture
def organizer(db: None) -> User:
    return make_organizer("Olga", last_name="Organizer", email="olga@example.org")


@pytest.fixture
def bookkeeper(db: None) -> User:
    return make_member(
        "Bea",
        last_name="Books",
        email="bea@example.org",
        headline="Bookkeeper for small design studios",
        location="Lisbon, Portugal",
        languages="English, Portuguese",
        offers=[
            ("supplier", "bookkeeping and VAT returns for small studios"),
            ("advice", "a free hour on pricing your services"),
        ],
        asks=[("client", "design studios that need their books kept")],
    )


@pytest.fixture(autouse=True)
def _fresh_directory_engine() -> None:
    clear_cache()


def make_event(organizer: User, *, title: str = "Lisbon Founders", days_ago: int = 10) -> Event:
    """A published event that already took place, made directly: only its rows matter here."""
    starts = timezone.now() - timedelta(days=days_ago)
    return Event.objects.create(
        organizer=organizer,
        title=title,
        capacity=40,
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        status="published",
    )
