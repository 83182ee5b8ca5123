from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mensch.accounts.models import User
from mensch.events import services
from mensch.events.models import AgendaItem, Event
from tests.factories import make_member


def make_organizer(first_name: str = "Olga", **fields: object) -> User:
    user = make_member(first_name, **fields)
    user.is_organizer = True
    user.save(update_fields=["is_organizer"])
    return user


def make_event(
    organizer: User,
    *,
    title: str = "Referral breakfast",
    capacity: int = 10,
    starts_in: timedelta = timedelta(days=3),
    hours: int = 3,
    publish: bool = True,
    talk: bool = True,
) -> Event:
    starts = timezone.now() + starts_in
    event = services.event_create(
        organizer=organizer,
        title=title,
        description="Breakfast with a talk and rounds.",
        venue="The Workshop Rooms",
        address="12 Market Street, Lisbon",
        sponsors="Local Bank, Cowork",
        price="12.50",
        currency="EUR",
        capacity=capacity,
        time_zone="Europe/Lisbon",
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
    )
    if talk:
        services.agenda_item_create(
            event=event, starts_at=starts, title="Pricing your services", kind="talk"
        )
    services.agenda_item_create(
        event=event,
        starts_at=starts + timedelta(minutes=30),
        title="Networking rounds",
        kind=AgendaItem.Kind.ROUND,
    )
    if publish:
        services.event_publish(event=event)
    event.refresh_from_db()
    return event


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings: object) -> None:
    # Seating the rounds is a background job; here it runs as it is queued, so the page
    # that queued it already shows the seating (tests/browser runs the real worker).
    settings.TASKS = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }


@pytest.fixture
def organizer(db: None) -> User:
    return make_organizer("Olga", last_name="Organizer", email="olga@example.org")


@pytest.fixture
def other_organizer(db: None) -> User:
    return make_organizer("Otto", last_name="Other", email="otto@example.org")


@pytest.fixture
def event(organizer: User) -> Event:
    return make_event(organizer)


@pytest.fixture
def designer(db: None) -> User:
    return make_member(
        "Dora",
        last_name="Designer",
        headline="Brand designer for small studios",
        industry="Design",
        asks=[("supplier", "a bookkeeper for my small design studio")],
        offers=[("other", "brand identity design for young companies")],
    )


@pytest.fixture
def bookkeeper(db: None) -> User:
    return make_member(
        "Ben",
        last_name="Books",
        headline="Bookkeeper for creative studios",
        industry="Accounting",
        asks=[("client", "a brand identity designer for my practice")],
        offers=[("other", "bookkeeping for small design studios")],
    )


@pytest.fixture
def developer(db: None) -> User:
    return make_member(
        "Dev",
        last_name="Coder",
        headline="Web developer",
        industry="Software",
        asks=[("client", "small businesses that need a website")],
        offers=[("other", "websites for small companies")],
    )


@pytest.fixture
def attendees(event: Event, designer: User, bookkeeper: User, developer: User) -> list[User]:
    for member in (designer, bookkeeper, developer):
        services.rsvp_create(event=event, member=member, goal="meet two distributors")
    return [designer, bookkeeper, developer]
