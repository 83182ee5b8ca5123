"""The event page reads the event, the viewer's RSVP, "may they book", the agenda and the
topic tables as written-out statements (``mensch.events.rows``): they must answer what
the querysets they replaced answered (``selectors.event_for_viewer``, ``own_rsvp``,
``slots.bookable``, ``topics_of``), keep drafts to their organizer, and cost the same
queries whatever the number of agenda items, topics and meetings booked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mensch.accounts.models import User
from mensch.events import rows, selectors, services, slots
from mensch.events.models import Event, Rsvp
from tests.events.conftest import make_event
from tests.events.slot_setup import slot_event
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

Login = Callable[[User], Client]


def _as_read(event: Event) -> tuple[Any, ...]:
    """What the page shows of an event, as either read gives it."""
    return (
        event.pk,
        event.title,
        event.description,
        event.starts_at,
        event.ends_at,
        event.price,
        event.status,
        event.sponsor_list,
        event.organizer.name,
        event.going,  # type: ignore[attr-defined]
        event.educational,  # type: ignore[attr-defined]
    )


def test_the_event_page_reads_what_the_querysets_read(
    organizer: User, designer: User, bookkeeper: User
) -> None:
    event = make_event(organizer)
    services.rsvp_create(event=event, member=designer, goal="meet a printer", contact_consent=True)
    services.rsvp_create(event=event, member=bookkeeper)
    pricing = services.topic_post(event=event, member=designer, title="Pricing", side="share")
    services.topic_post(event=event, member=bookkeeper, title="Hiring", side="learn")
    services.topic_join(event=event, member=bookkeeper, topic_id=pricing.pk, side="learn")

    page = rows.event_page(viewer=designer, event_id=event.pk)
    loaded = selectors.event_for_viewer(viewer=designer, event_id=event.pk)
    own = selectors.own_rsvp(member=designer, event=event)
    assert own is not None
    assert page.rsvp is not None
    assert _as_read(page.event) == _as_read(loaded)
    assert page.agenda_titles == [item.title for item in loaded.agenda.all()]
    assert [item.kind for item in page.agenda] == [
        item.get_kind_display() for item in loaded.agenda.all()
    ]
    assert (page.rsvp.pk, page.rsvp.status, page.rsvp.goal, page.rsvp.contact_consent) == (
        own.pk,
        own.status,
        own.goal,
        own.contact_consent,
    )
    assert page.rsvp.topic_id == own.topic_id
    assert page.bookable is slots.bookable(event) is False
    assert page.has_topics is True
    assert page.has_bookings is False
    topics = rows.topic_rows(event, lambda pk: f"/join/{pk}/")
    assert [(t.pk, t.title, t.sharing, t.learning) for t in topics] == [
        (t.pk, t.title, t.sharing, t.learning)  # type: ignore[attr-defined]  # annotated
        for t in selectors.topics_of(event)
    ]
    assert topics[0].join_url == f"/join/{topics[0].pk}/"


def test_the_event_page_reads_no_rsvp_and_a_cancelled_one(organizer: User, designer: User) -> None:
    event = make_event(organizer)
    assert rows.event_page(viewer=designer, event_id=event.pk).rsvp is None
    services.rsvp_create(event=event, member=designer)
    services.rsvp_cancel(event=event, member=designer)
    rsvp = rows.event_page(viewer=designer, event_id=event.pk).rsvp
    assert rsvp is not None
    assert rsvp.status == Rsvp.Status.CANCELLED


def test_a_draft_is_its_organizers_alone(organizer: User, designer: User) -> None:
    draft = make_event(organizer, publish=False)
    assert rows.event_page(viewer=organizer, event_id=draft.pk).event.pk == draft.pk
    with pytest.raises(Event.DoesNotExist):
        rows.event_page(viewer=designer, event_id=draft.pk)
    with pytest.raises(Event.DoesNotExist):
        rows.event_page(viewer=designer, event_id=2**63)  # no row can hold it: not a 500


def test_an_event_with_hours_and_spots_is_bookable(organizer: User) -> None:
    event, people, _ = slot_event(organizer, attendees=3)
    page = rows.event_page(viewer=people[0], event_id=event.pk)
    assert page.bookable is True
    assert slots.bookable(event) is True
    assert page.has_topics is page.has_bookings is False
    starts = slots.slots_of(slots.hours_of(event))[0].starts_at
    slots.slot_book(event=event, booker=people[1], guest=people[0], starts_at=starts)
    # Either side of a meeting has it; a third attendee does not.
    assert rows.event_page(viewer=people[0], event_id=event.pk).has_bookings is True
    assert rows.event_page(viewer=people[1], event_id=event.pk).has_bookings is True
    assert rows.event_page(viewer=people[2], event_id=event.pk).has_bookings is False


def _page_queries(login_as: Login, organizer: User, count: int) -> int:
    """The event page's queries for a going member with ``count`` agenda items, topics
    and meetings booked."""
    event, people, _ = slot_event(organizer, attendees=2 * count + 1, spots=count, capacity=2)
    me = people[0]
    starts = slots.slots_of(slots.hours_of(event))
    for n in range(count):
        services.agenda_item_create(
            event=event, starts_at=event.starts_at, title=f"Talk {n}", kind="talk"
        )
        services.topic_post(event=event, member=people[n + 1], title=f"Topic {n}", side="share")
        slots.slot_book(event=event, booker=me, guest=people[n + 1], starts_at=starts[n].starts_at)
    client = login_as(me)
    client.get(f"/events/{event.pk}/")  # warm the session
    with CaptureQueriesContext(connection) as queries:
        html = client.get(f"/events/{event.pk}/").content.decode()
    assert html.count('class="slot-booking"') == count
    assert all(f"Topic {n}" in html for n in range(count))
    return len(queries)


def test_the_event_page_costs_the_same_queries_at_1_and_3_rows(
    login_as: Login, organizer: User
) -> None:
    assert _page_queries(login_as, organizer, 1) == _page_queries(login_as, organizer, 3)


def test_another_member_sees_the_page_without_the_viewers_rsvp(
    login_as: Login, organizer: User, designer: User
) -> None:
    event = make_event(organizer)
    services.rsvp_create(event=event, member=designer, goal="meet a printer")
    stranger = make_member("Sam")
    html = login_as(stranger).get(f"/events/{event.pk}/").content.decode()
    assert "meet a printer" not in html
    assert "You're going." not in html
