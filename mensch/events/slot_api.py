"""1:1 meeting slots under /api/v1/events/{event_id}/…: the same services as the pages
(mensch.events.slots), the same rules."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status
from pydantic import Field

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.events import selectors, slots
from mensch.events.models import MeetingHours, MeetingSpot, SlotBooking
from mensch.profiles.selectors import profile_for_viewer

router = Router(tags=["events"])


class EventSlotHoursIn(Schema):
    starts_at: datetime
    ends_at: datetime
    slot_minutes: int = Field(20, description="Length of one meeting, 5 to 240 minutes.")


class EventSlotHoursOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    slot_minutes: int


class EventSlotSpotIn(Schema):
    name: str = Field(max_length=80)
    capacity: int = Field(1, description="Meetings at the same time.")


class EventSlotSpotOut(Schema):
    id: int
    name: str
    capacity: int


class EventSlotOut(Schema):
    starts_at: datetime
    ends_at: datetime


class EventSlotGridRowOut(Schema):
    spot: EventSlotSpotOut
    booked: list[int] = Field(description="Meetings held in each slot, in the slots' order.")


class EventSlotGridOut(Schema):
    slots: list[EventSlotOut]
    rows: list[EventSlotGridRowOut]
    booked: int
    capacity: int
    percent: int


class EventSlotBookingIn(Schema):
    profile_id: int = Field(description="The attendee you ask to meet.")
    starts_at: datetime
    spot_id: int | None = Field(None, description="None: any spot with room.")


class EventSlotBookingOut(Schema):
    id: int
    status: str
    starts_at: datetime
    ends_at: datetime
    spot: EventSlotSpotOut
    booker_profile_id: int
    guest_profile_id: int


def _hours_out(hours: MeetingHours) -> dict[str, object]:
    return {
        "id": hours.pk,
        "starts_at": hours.starts_at,
        "ends_at": hours.ends_at,
        "slot_minutes": hours.slot_minutes,
    }


def _spot_out(spot: MeetingSpot) -> dict[str, object]:
    return {"id": spot.pk, "name": spot.name, "capacity": spot.capacity}


def _booking_out(booking: SlotBooking) -> dict[str, object]:
    return {
        "id": booking.pk,
        "status": booking.status,
        "starts_at": booking.starts_at,
        "ends_at": booking.ends_at,
        "spot": _spot_out(booking.spot),
        "booker_profile_id": booking.booker.profile.pk,
        "guest_profile_id": booking.guest.profile.pk,
    }


@router.get("/{event_id}/slots/grid", response=EventSlotGridOut, summary="Meeting grid (organizer)")
def slot_grid(request: AuthenticatedHttpRequest, event_id: int) -> dict[str, object]:
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    grid = slots.slot_grid(event)
    return {
        "slots": [{"starts_at": s.starts_at, "ends_at": s.ends_at} for s in grid.slots],
        "rows": [
            {"spot": _spot_out(r.spot), "booked": [c.booked for c in r.cells]} for r in grid.rows
        ],
        "booked": grid.booked,
        "capacity": grid.capacity,
        "percent": grid.percent,
    }


@router.post(
    "/{event_id}/slots/hours",
    response={201: EventSlotHoursOut},
    summary="Add meeting hours (organizer)",
)
def hours_add(
    request: AuthenticatedHttpRequest, event_id: int, payload: EventSlotHoursIn
) -> Status:
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    hours = slots.meeting_hours_add(event=event, **payload.dict())
    return Status(201, _hours_out(hours))


@router.post(
    "/{event_id}/slots/spots",
    response={201: EventSlotSpotOut},
    summary="Add a meeting spot (organizer)",
)
def spot_add(request: AuthenticatedHttpRequest, event_id: int, payload: EventSlotSpotIn) -> Status:
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    spot = slots.meeting_spot_add(event=event, **payload.dict())
    return Status(201, _spot_out(spot))


@router.get(
    "/{event_id}/slots/free/{profile_id}",
    response=list[EventSlotOut],
    summary="Slots free for you and another attendee",
)
def free_slots(
    request: AuthenticatedHttpRequest, event_id: int, profile_id: int
) -> list[dict[str, object]]:
    event = selectors.event_for_viewer(viewer=request.user, event_id=event_id)
    if not selectors.is_going(member=request.user, event=event):
        raise ValidationError("Only attendees who are going can book meetings here.")
    guest = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    return [
        {"starts_at": s.starts_at, "ends_at": s.ends_at}
        for s in slots.free_slots(event=event, member=request.user, guest=guest.user)
    ]


@router.get(
    "/{event_id}/slot-bookings",
    response=list[EventSlotBookingOut],
    summary="Your meetings at the event",
)
def bookings(request: AuthenticatedHttpRequest, event_id: int) -> list[dict[str, object]]:
    event = selectors.event_for_viewer(viewer=request.user, event_id=event_id)
    return [_booking_out(b) for b in slots.bookings_of(member=request.user, event=event)]


@router.post(
    "/{event_id}/slot-bookings",
    response={201: EventSlotBookingOut},
    summary="Ask another attendee to a 1:1 meeting in a slot",
)
def booking_create(
    request: AuthenticatedHttpRequest, event_id: int, payload: EventSlotBookingIn
) -> Status:
    event = selectors.event_for_viewer(viewer=request.user, event_id=event_id)
    guest = profile_for_viewer(viewer=request.user, profile_id=payload.profile_id)
    spot = (
        MeetingSpot.objects.get(event=event, pk=payload.spot_id)
        if payload.spot_id is not None
        else None
    )
    booking = slots.slot_book(
        event=event, booker=request.user, guest=guest.user, starts_at=payload.starts_at, spot=spot
    )
    booking = slots.booking_for_member(member=request.user, event=event, booking_id=booking.pk)
    return Status(201, _booking_out(booking))


ACTIONS = {"accept": slots.slot_accept, "decline": slots.slot_decline, "cancel": slots.slot_cancel}


@router.post(
    "/{event_id}/slot-bookings/{booking_id}/{action}",
    response=EventSlotBookingOut,
    summary="Accept, decline or cancel a meeting (accept, decline: the guest)",
)
def booking_answer(
    request: AuthenticatedHttpRequest, event_id: int, booking_id: int, action: str
) -> dict[str, object]:
    event = selectors.event_for_viewer(viewer=request.user, event_id=event_id)
    booking = slots.booking_for_member(member=request.user, event=event, booking_id=booking_id)
    if action not in ACTIONS:
        raise SlotBooking.DoesNotExist
    ACTIONS[action](booking=booking, member=request.user)
    booking = slots.booking_for_member(member=request.user, event=event, booking_id=booking_id)
    return _booking_out(booking)
