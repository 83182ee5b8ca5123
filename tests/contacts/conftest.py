from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from mensch.accounts.models import User
from mensch.accounts.services import api_token_create
from mensch.connections.models import Connection
from mensch.connections.services import connection_create
from mensch.contacts.models import Contact
from mensch.contacts.services import contact_create
from mensch.meetings.models import Meeting
from mensch.meetings.services import meeting_tick

FILES = Path(__file__).parent / "files"


@pytest.fixture
def api_for() -> Callable[[User], Client]:
    def _client(user: User) -> Client:
        _, secret = api_token_create(user=user, name="tests")
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return _client


@pytest.fixture
def rui(owner: User) -> Contact:
    """One of Dana's contacts, with a note worth keeping private."""
    contact = contact_create(
        owner=owner,
        name="Rui Almeida",
        company="Almeida & Filhos",
        role="Bookkeeper",
        email="rui@almeida.pt",
        tags="clients, Lisbon",
        facts="two kids\ncycles to work",
    )
    from mensch.contacts.services import note_add

    note_add(contact=contact, body="Wants to **hire** a designer in spring; secret budget 9000")
    return contact


def confirm_meeting(a: User, b: User) -> Meeting:
    """Connect two members and have both tick that they met: the meeting is confirmed."""
    connection_create(member=a, other=b, source=Connection.Source.INTRODUCTION)
    meeting_tick(member=a, other=b)
    meeting = meeting_tick(member=b, other=a)
    assert meeting is not None
    return meeting


def make_event(
    organizer: User, *, title: str = "Lisbon Founders Breakfast", days_ago: int = 2
) -> Any:
    """A published event that already took place (created directly: the events app
    owns its services; here only its row matters)."""
    from mensch.events.models import Event

    starts = timezone.now() - timedelta(days=days_ago)
    return Event.objects.create(
        organizer=organizer,
        title=title,
        capacity=30,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        status=Event.Status.PUBLISHED,
    )
