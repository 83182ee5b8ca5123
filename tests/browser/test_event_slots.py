"""Issue 16 at events, on a phone: the organizer adds a meeting spot, an attendee books a
slot with someone from "Who to meet here", the guest accepts, both see the meeting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mensch.events import services, slots
from mensch.events.models import Event, SlotBooking
from tests.browser.conftest import screenshot
from tests.browser.test_events import _log_in
from tests.factories import make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_an_attendee_books_a_slot_from_who_to_meet_and_the_guest_accepts(
    live_server: object, page: object
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    organizer = make_member("Olga", last_name="Organizer")
    organizer.is_organizer = True
    organizer.save(update_fields=["is_organizer"])
    dora = make_member("Dora", last_name="Designer", industry="Design")
    ben = make_member("Ben", last_name="Books", industry="Design")
    starts = timezone.now().replace(second=0, microsecond=0) + timedelta(days=1)
    event = services.event_create(
        organizer=organizer,
        title="Studio owners breakfast",
        description="Meet one to one.",
        venue="The Workshop Rooms",
        address="",
        sponsors="",
        price="0",
        currency="EUR",
        capacity=20,
        time_zone="UTC",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    services.event_publish(event=event)
    event = Event.objects.get(pk=event.pk)
    for member in (dora, ben):
        services.rsvp_create(event=event, member=member)
    slots.meeting_hours_add(
        event=event, starts_at=starts, ends_at=starts + timedelta(hours=1), slot_minutes=20
    )
    page.set_viewport_size(PHONE)  # type: ignore[attr-defined]

    # The organizer adds a table for two meetings at once, typing as a person does.
    _log_in(page, base, organizer)
    page.goto(f"{base}/events/{event.pk}/slots/")  # type: ignore[attr-defined]
    form = page.locator("#spot-form")  # type: ignore[attr-defined]
    form.get_by_label("Spot name").press_sequentially("Window table", delay=20)
    form.get_by_label("Meetings at once").fill("")
    form.get_by_label("Meetings at once").press_sequentially("2", delay=20)
    form.get_by_role("button", name="Add spot").click()
    page.get_by_text("Spot added.").wait_for()  # type: ignore[attr-defined]
    screenshot(page, "event-slot-grid-phone")
    assert page.get_by_text("0% of places used: 0 of 6 meeting places").is_visible()  # type: ignore[attr-defined]

    # Dora books a slot with Ben, from "Who to meet here".
    _log_in(page, base, dora)
    page.goto(f"{base}/events/{event.pk}/")  # type: ignore[attr-defined]
    page.get_by_role("link", name="Book a slot with Ben Books").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Book a meeting with Ben Books").wait_for()  # type: ignore[attr-defined]
    page.get_by_label("Time").select_option(index=1)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Ask to meet").click()  # type: ignore[attr-defined]
    page.get_by_text("Asked Ben Books: the slot is held until they answer.").wait_for()  # type: ignore[attr-defined]
    booking = SlotBooking.objects.get()
    assert (booking.booker, booking.guest, booking.status) == (dora, ben, "requested")
    assert booking.starts_at == starts + timedelta(minutes=20)

    # Ben accepts on his event page.
    _log_in(page, base, ben)
    page.goto(f"{base}/events/{event.pk}/")  # type: ignore[attr-defined]
    mine = page.locator("#my-meetings")  # type: ignore[attr-defined]
    assert mine.get_by_text("Dora asks to meet you").is_visible()
    mine.get_by_role("button", name="Accept the meeting with Dora Designer").click()
    page.get_by_text("Booked: it's in both your meetings here.").wait_for()  # type: ignore[attr-defined]
    booking.refresh_from_db()
    assert booking.status == SlotBooking.Status.ACCEPTED
    # The section fits the phone: nothing sticks out to the right.
    box = page.locator("#my-meetings").bounding_box()  # type: ignore[attr-defined]
    assert box["x"] + box["width"] <= PHONE["width"]
    screenshot(page, "event-slot-accepted-phone")

    # Dora sees it booked.
    _log_in(page, base, dora)
    page.goto(f"{base}/events/{event.pk}/")  # type: ignore[attr-defined]
    text = page.locator("#my-meetings").inner_text()  # type: ignore[attr-defined]
    assert "with Ben Books at Window table" in text
    assert "booked" in text.lower()  # a tag, shown in capitals
    assert page.problems == []  # type: ignore[attr-defined]
