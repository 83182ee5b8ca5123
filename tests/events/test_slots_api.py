"""1:1 meeting slots through the API: the same rules as the pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client

from mensch.accounts.models import User
from mensch.events import slots
from mensch.events.models import MeetingSpot, SlotBooking
from tests.events.conftest import make_organizer
from tests.events.slot_setup import slot_event
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

API = "/api/v1/events"
Login = Callable[[User], Client]


def test_book_accept_and_read_the_grid_through_the_api(login_as: Login, organizer: User) -> None:
    event, (ana, ben), _ = slot_event(organizer, attendees=2)
    client = login_as(ana)
    free = client.get(f"{API}/{event.pk}/slots/free/{ben.profile.pk}").json()
    assert len(free) == 4
    made = client.post(
        f"{API}/{event.pk}/slot-bookings",
        {"profile_id": ben.profile.pk, "starts_at": free[1]["starts_at"]},
        content_type="application/json",
    )
    assert made.status_code == 201, made.json()
    body = made.json()
    assert (body["status"], body["guest_profile_id"]) == ("requested", ben.profile.pk)
    answered = login_as(ben).post(f"{API}/{event.pk}/slot-bookings/{body['id']}/accept")
    assert answered.json()["status"] == "accepted"
    grid = login_as(organizer).get(f"{API}/{event.pk}/slots/grid").json()
    assert (grid["booked"], grid["capacity"], grid["percent"]) == (1, 8, 12)
    assert [row["booked"] for row in grid["rows"]] == [[0, 1, 0, 0], [0, 0, 0, 0]]


def test_the_organizer_sets_hours_and_spots_with_field_errors(
    login_as: Login, organizer: User
) -> None:
    event, _, _ = slot_event(organizer)
    client = login_as(organizer)
    spot = client.post(
        f"{API}/{event.pk}/slots/spots",
        {"name": "Room B", "capacity": 3},
        content_type="application/json",
    )
    assert spot.status_code == 201
    assert MeetingSpot.objects.get(pk=spot.json()["id"]).capacity == 3
    late = event.ends_at + timedelta(hours=1)
    refused = client.post(
        f"{API}/{event.pk}/slots/hours",
        {"starts_at": late.isoformat(), "ends_at": (late + timedelta(hours=1)).isoformat()},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "Meeting hours must fall within the event" in str(refused.json())
    assert len(slots.hours_of(event)) == 1


def test_a_booking_outside_the_hours_is_a_400_with_the_reason(
    login_as: Login, organizer: User
) -> None:
    event, (ana, ben), _ = slot_event(organizer, attendees=2)
    response = login_as(ana).post(
        f"{API}/{event.pk}/slot-bookings",
        {"profile_id": ben.profile.pk, "starts_at": event.starts_at.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "There is no meeting slot at" in str(response.json())
    assert not SlotBooking.objects.exists()


def test_strangers_get_nothing_through_the_api(login_as: Login, organizer: User) -> None:
    event, (ana, ben), (table, _) = slot_event(organizer, attendees=2)
    start = slots.slots_of(slots.hours_of(event))[0].starts_at
    booking = slots.slot_book(event=event, booker=ana, guest=ben, starts_at=start)
    other = make_organizer("Otto")
    stranger = make_member("Sam")
    assert login_as(other).get(f"{API}/{event.pk}/slots/grid").status_code == 404
    assert login_as(ana).get(f"{API}/{event.pk}/slots/grid").status_code == 403
    assert (
        login_as(other)
        .post(
            f"{API}/{event.pk}/slots/spots",
            {"name": "Sneaky", "capacity": 1},
            content_type="application/json",
        )
        .status_code
        == 404
    )
    client = login_as(stranger)
    for action in ("accept", "decline", "cancel"):
        assert (
            client.post(f"{API}/{event.pk}/slot-bookings/{booking.pk}/{action}").status_code == 404
        )
    assert client.get(f"{API}/{event.pk}/slot-bookings").json() == []
    refused = client.post(
        f"{API}/{event.pk}/slot-bookings",
        {"profile_id": ana.profile.pk, "starts_at": start.isoformat(), "spot_id": table.pk},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "Only attendees who are going can book meetings here." in str(refused.json())
    booking.refresh_from_db()
    assert booking.status == SlotBooking.Status.REQUESTED
    assert SlotBooking.objects.count() == 1
    assert [s.name for s in slots.spots_of(event)] == ["Table 1", "Table 2"]


def test_a_time_without_a_zone_is_a_400_not_a_500(login_as: Login, organizer: User) -> None:
    event, (ana, ben), _ = slot_event(organizer, attendees=2)
    start = slots.slots_of(slots.hours_of(event))[0].starts_at
    response = login_as(ana).post(
        f"{API}/{event.pk}/slot-bookings",
        {"profile_id": ben.profile.pk, "starts_at": start.replace(tzinfo=None).isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Give the time with its time zone" in str(response.json())
    hours = login_as(organizer).post(
        f"{API}/{event.pk}/slots/hours",
        {"starts_at": "2031-03-04T10:00:00", "ends_at": "2031-03-04T11:00:00"},
        content_type="application/json",
    )
    assert hours.status_code == 400
    assert not SlotBooking.objects.exists()
