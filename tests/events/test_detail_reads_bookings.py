"""The event page reads its "Your meetings here" list with only the fields it shows: the
list must render exactly as from whole bookings, with no query while it renders."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from mensch.accounts.models import User
from mensch.events import rows, slots
from mensch.events.models import Event, SlotBooking
from tests.events.slot_setup import slot_event

pytestmark = [pytest.mark.django_db]

_CSRF = re.compile(r'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]*">')


def _render(event: Event, member: User, bookings: list[SlotBooking]) -> str:
    request = RequestFactory().get(f"/events/{event.pk}/")
    request.user = member
    html = render_to_string(
        "events/slots/my_meetings.html",
        {"slot_bookings": bookings, "event": event, "request": request},
        request=request,
    )
    return _CSRF.sub("", html)


def test_meetings_here_render_as_from_whole_bookings(organizer: User) -> None:
    event, people, _ = slot_event(organizer, attendees=6, spots=2, capacity=2)
    me, ana, bo, cai, dev = people[:5]
    starts = [s.starts_at for s in slots.slots_of(slots.hours_of(event))]
    slots.slot_book(event=event, booker=me, guest=ana, starts_at=starts[0])
    asked = slots.slot_book(event=event, booker=bo, guest=me, starts_at=starts[1])
    slots.slot_book(event=event, booker=cai, guest=me, starts_at=starts[2])
    slots.slot_accept(booking=asked, member=me)
    cancelled = slots.slot_book(event=event, booker=me, guest=dev, starts_at=starts[3])
    slots.slot_cancel(booking=cancelled, member=me)

    whole = list(slots.bookings_of(member=me, event=event))
    with CaptureQueriesContext(connection) as queries:
        light = rows.page_bookings(member=me, event=event)
        shown = _render(event, me, light)
    assert len(queries) == 1
    assert [b.pk for b in light] == [b.pk for b in whole]
    assert len(light) == 3
    assert shown == _render(event, me, whole)
    for name in ("Guest1 Attendee", "Guest2 Attendee", "Guest3 Attendee"):
        assert name in shown
    # The other side sees the same bookings from theirs.
    assert _render(event, bo, rows.page_bookings(member=bo, event=event)) == _render(
        event, bo, list(slots.bookings_of(member=bo, event=event))
    )
