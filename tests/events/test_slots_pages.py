"""1:1 meeting slots in the browser's pages: the organizer's grid, booking from the event
page, answering, and what strangers can't do."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mensch.accounts.models import User
from mensch.events import slots
from mensch.events.models import Event, MeetingHours, MeetingSpot, SlotBooking
from tests.events.conftest import make_organizer
from tests.events.slot_setup import going, slot_event
from tests.factories import make_member
from tests.sentences import page_text, problems_in

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

Login = Callable[[User], Client]


def _first_slot(event: Event) -> slots.Slot:
    return slots.slots_of(slots.hours_of(event))[0]


def _book_pairs(event: Event, people: list[User], pairs: int) -> None:
    starts = slots.slots_of(slots.hours_of(event))
    for n in range(pairs):
        a, b = people[2 * n], people[2 * n + 1]
        slots.slot_book(event=event, booker=a, guest=b, starts_at=starts[n % len(starts)].starts_at)


def _grid_queries(login_as: Login, organizer: User, attendees: int, pairs: int) -> int:
    event, people, _ = slot_event(organizer, attendees=attendees, spots=5, capacity=3)
    _book_pairs(event, people, pairs)
    client = login_as(organizer)
    client.get(f"/events/{event.pk}/slots/")  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/events/{event.pk}/slots/")
    assert response.status_code == 200
    text = page_text(response.content.decode())
    assert f"of places used: {pairs} of 60 meeting places requested or booked." in text
    return len(queries)


def test_the_grid_page_costs_the_same_queries_at_10_and_200_attendees(
    login_as: Login, organizer: User
) -> None:
    small = _grid_queries(login_as, organizer, attendees=10, pairs=3)
    large = _grid_queries(login_as, organizer, attendees=200, pairs=60)
    assert small == large


def test_the_grid_shows_each_spot_and_its_use(login_as: Login, organizer: User) -> None:
    event, people, _ = slot_event(organizer, attendees=4, spots=2)
    _book_pairs(event, people, 1)
    response = login_as(organizer).get(f"/events/{event.pk}/slots/")
    text = page_text(response.content.decode())
    assert "25%" not in text  # 1 of 8 places: 12%
    assert "12% of places used: 1 of 8 meeting places requested or booked." in text
    assert "Table 1 (1 at once)" in text
    assert "1 of 1" in text
    assert problems_in(text) == []


def test_the_organizer_adds_hours_and_a_spot_with_clear_errors(
    login_as: Login, organizer: User
) -> None:
    event, _, _ = slot_event(organizer)
    client = login_as(organizer)
    response = client.post(f"/events/{event.pk}/slots/spots/", {"name": "Table 1", "capacity": "2"})
    assert response.status_code == 422
    assert "There is already a spot called “Table 1”." in page_text(response.content.decode())
    response = client.post(f"/events/{event.pk}/slots/spots/", {"name": "Room B", "capacity": "2"})
    assert response.status_code == 302
    assert MeetingSpot.objects.filter(event=event, name="Room B", capacity=2).exists()
    response = client.post(
        f"/events/{event.pk}/slots/hours/",
        {"starts_at": "2001-01-01T10:00", "ends_at": "2001-01-01T11:00", "slot_minutes": "20"},
    )
    assert response.status_code == 422
    text = page_text(response.content.decode())
    assert "Meeting hours must fall within the event" in text
    assert problems_in(text) == []
    assert MeetingHours.objects.filter(event=event).count() == 1


# -- attendees -------------------------------------------------------------------------


def test_an_attendee_books_a_slot_and_the_guest_accepts(login_as: Login, organizer: User) -> None:
    event, (ana, ben), _ = slot_event(organizer, attendees=2)
    slot = _first_slot(event)
    client = login_as(ana)
    form = client.get(f"/events/{event.pk}/slots/book/{ben.profile.pk}/")
    assert "Book a meeting with Guest1 Attendee" in page_text(form.content.decode())
    response = client.post(
        f"/events/{event.pk}/slots/book/{ben.profile.pk}/",
        {"starts_at": slot.starts_at.isoformat(), "spot": ""},
    )
    assert response.status_code == 302
    booking = SlotBooking.objects.get()
    assert (booking.booker, booking.guest, booking.status) == (ana, ben, "requested")
    guest = login_as(ben)
    page = page_text(guest.get(f"/events/{event.pk}/").content.decode())
    assert "Your meetings here" in page
    assert "Guest0 asks to meet you" in page
    assert problems_in(page) == []
    guest.post(f"/events/{event.pk}/slots/{booking.pk}/accept/")
    booking.refresh_from_db()
    assert booking.status == "accepted"
    mine = page_text(client.get(f"/events/{event.pk}/").content.decode())
    assert "with Guest1 Attendee at Table 1" in mine
    assert problems_in(mine) == []


def test_who_to_meet_offers_book_a_slot_to_attendees(login_as: Login, organizer: User) -> None:
    event, _, _ = slot_event(organizer)
    ana = make_member("Ana", industry="Design")
    ben = make_member("Ben", industry="Design")
    going(event, [ana, ben])
    html = login_as(ana).get(f"/events/{event.pk}/").content.decode()
    assert f"/events/{event.pk}/slots/book/{ben.profile.pk}/" in html
    assert "Book a slot" in page_text(html)


def test_booking_a_slot_taken_meanwhile_says_so(login_as: Login, organizer: User) -> None:
    event, (ana, ben, cy), _ = slot_event(organizer, attendees=3)
    slot = _first_slot(event)
    slots.slot_book(event=event, booker=ben, guest=cy, starts_at=slot.starts_at)
    response = login_as(ana).post(
        f"/events/{event.pk}/slots/book/{ben.profile.pk}/",
        {"starts_at": slot.starts_at.isoformat(), "spot": ""},
    )
    assert response.status_code == 422
    text = page_text(response.content.decode())
    assert "Guest1 already has a meeting at" in text
    assert problems_in(text) == []
    assert SlotBooking.objects.count() == 1


def test_a_made_up_time_is_refused_with_a_message(login_as: Login, organizer: User) -> None:
    event, (ana, ben), _ = slot_event(organizer, attendees=2)
    response = login_as(ana).post(
        f"/events/{event.pk}/slots/book/{ben.profile.pk}/", {"starts_at": "tea time"}
    )
    assert response.status_code == 422
    assert "Pick a time from the list." in page_text(response.content.decode())
    assert not SlotBooking.objects.exists()


# -- strangers -------------------------------------------------------------------------


def test_a_stranger_cannot_see_or_change_the_grid(login_as: Login, organizer: User) -> None:
    event, people, (table, _) = slot_event(organizer, attendees=2)
    _book_pairs(event, people, 1)
    other_organizer = make_organizer("Otto")
    attendee = people[0]
    hours = slots.hours_of(event)[0]
    for member, status in ((other_organizer, 404), (attendee, 403)):
        client = login_as(member)
        assert client.get(f"/events/{event.pk}/slots/").status_code == status
        assert (
            client.post(
                f"/events/{event.pk}/slots/spots/", {"name": "Sneaky", "capacity": "1"}
            ).status_code
            == status
        )
        assert (
            client.post(f"/events/{event.pk}/slots/spots/{table.pk}/remove/").status_code == status
        )
        assert (
            client.post(f"/events/{event.pk}/slots/hours/{hours.pk}/remove/").status_code == status
        )
    assert sorted(s.name for s in slots.spots_of(event)) == ["Table 1", "Table 2"]
    assert MeetingHours.objects.filter(event=event).count() == 1


def test_someone_not_going_cannot_book(login_as: Login, organizer: User) -> None:
    event, (ana,), _ = slot_event(organizer, attendees=1)
    stranger = make_member("Sam")
    slot = _first_slot(event)
    client = login_as(stranger)
    response = client.post(
        f"/events/{event.pk}/slots/book/{ana.profile.pk}/",
        {"starts_at": slot.starts_at.isoformat(), "spot": ""},
    )
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert "Only attendees who are going can book meetings here." in page_text(
        follow.content.decode()
    )
    assert not SlotBooking.objects.exists()


def test_nobody_answers_or_cancels_another_pairs_booking(login_as: Login, organizer: User) -> None:
    event, (ana, ben, cy), _ = slot_event(organizer, attendees=3)
    slot = _first_slot(event)
    booking = slots.slot_book(event=event, booker=ana, guest=ben, starts_at=slot.starts_at)
    for member in (cy, organizer):
        client = login_as(member)
        for action in ("accept", "decline", "cancel"):
            response = client.post(f"/events/{event.pk}/slots/{booking.pk}/{action}/")
            assert response.status_code == 404
    # The booker can't answer for the guest either.
    login_as(ana).post(f"/events/{event.pk}/slots/{booking.pk}/accept/")
    booking.refresh_from_db()
    assert booking.status == SlotBooking.Status.REQUESTED
    assert booking.holds.count() == 2


def test_a_draft_event_grid_is_hidden_from_attendees_of_other_events(
    login_as: Login, organizer: User
) -> None:
    event, (ana, ben), _ = slot_event(organizer, attendees=2)
    Event.objects.filter(pk=event.pk).update(status=Event.Status.DRAFT)
    response = login_as(ana).get(f"/events/{event.pk}/slots/book/{ben.profile.pk}/")
    assert response.status_code == 404
