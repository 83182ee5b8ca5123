"""1:1 meetings at an event: the organizer's meeting hours and spots, attendees booking
a slot with each other, and the organizer's grid.

A booking is a request the guest accepts or declines. From the moment it is made it
holds the slot for both people (a ``SlotHold`` each, unique per person and slot) and one
of the spot's places (``SlotBooking.place``, unique per spot and slot among holding
bookings): the database refuses a double booking even if two requests race, and the row
locks taken first (both attendees' RSVPs, then the spot, always in that order) make the
second request wait and get a readable refusal instead of an error.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.selectors import is_blocked_either_way
from mensch.events.models import Event, MeetingHours, MeetingSpot, Rsvp, SlotBooking, SlotHold
from mensch.introductions.cooldown import cooldown_between
from mensch.notifications.services import notify
from mensch.profiles.selectors import visible_profiles

MIN_SLOT_MINUTES = 5
MAX_SLOT_MINUTES = 240
MAX_SPOT_CAPACITY = 200


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime


def _clock(event: Event, moment: datetime) -> str:
    return f"{timezone.localtime(moment, ZoneInfo(event.time_zone)):%H:%M}"


def _day_clock(event: Event, moment: datetime) -> str:
    local = timezone.localtime(moment, ZoneInfo(event.time_zone))
    return f"{local:%a} {local.day} {local:%b} {local:%H:%M}"


# -- reads -------------------------------------------------------------------------


def hours_of(event: Event) -> list[MeetingHours]:
    return list(MeetingHours.objects.filter(event=event).order_by("starts_at", "pk"))


def spots_of(event: Event) -> list[MeetingSpot]:
    return list(MeetingSpot.objects.filter(event=event).order_by("name", "pk"))


def window_slots(hours: MeetingHours) -> list[Slot]:
    step = timedelta(minutes=hours.slot_minutes)
    slots, start = [], hours.starts_at
    while start + step <= hours.ends_at:
        slots.append(Slot(start, start + step))
        start += step
    return slots


def slots_of(hours: list[MeetingHours]) -> list[Slot]:
    """Every slot of the event's meeting hours, in time order."""
    return sorted((s for h in hours for s in window_slots(h)), key=lambda s: s.starts_at)


def _hours_words(event: Event, hours: list[MeetingHours]) -> str:
    if not hours:
        return "the organizer has not set meeting hours yet"
    parts = [
        f"{_clock(event, h.starts_at)}–{_clock(event, h.ends_at)} in slots of "
        f"{h.slot_minutes} minutes"
        for h in hours
    ]
    return "meeting hours are " + "; ".join(parts)


@dataclass(frozen=True)
class GridCell:
    slot: Slot
    booked: int
    capacity: int

    @property
    def full(self) -> bool:
        return self.booked >= self.capacity


@dataclass(frozen=True)
class GridRow:
    spot: MeetingSpot
    cells: list[GridCell]
    booked: int


@dataclass(frozen=True)
class Grid:
    slots: list[Slot]
    rows: list[GridRow]
    booked: int
    capacity: int

    @property
    def percent(self) -> int:
        return round(100 * self.booked / self.capacity) if self.capacity else 0


def slot_grid(event: Event) -> Grid:
    """Spots × slots with the meetings held in each (requested or booked) and the
    utilisation. Three queries, whatever the number of spots, slots or attendees."""
    slots = slots_of(hours_of(event))
    spots = spots_of(event)
    counts = {
        (spot_id, starts_at): n
        for spot_id, starts_at, n in SlotBooking.objects.filter(
            event=event, status__in=SlotBooking.HOLDING
        )
        .values_list("spot_id", "starts_at")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rows = []
    for spot in spots:
        cells = [GridCell(s, counts.get((spot.pk, s.starts_at), 0), spot.capacity) for s in slots]
        rows.append(GridRow(spot, cells, sum(c.booked for c in cells)))
    return Grid(
        slots=slots,
        rows=rows,
        booked=sum(r.booked for r in rows),
        capacity=sum(spot.capacity for spot in spots) * len(slots),
    )


def bookable(event: Event) -> bool:
    """The event has meeting hours and spots: "book a slot" makes sense."""
    return (
        event.status == Event.Status.PUBLISHED
        and MeetingHours.objects.filter(event=event).exists()
        and MeetingSpot.objects.filter(event=event).exists()
    )


def free_slots(*, event: Event, member: User, guest: User) -> list[Slot]:
    """Slots still ahead where neither person has a meeting and some spot has room.
    Four queries."""
    now = timezone.now()
    slots = [s for s in slots_of(hours_of(event)) if s.starts_at > now]
    taken = set(
        SlotHold.objects.filter(event=event, member__in=(member, guest)).values_list(
            "starts_at", flat=True
        )
    )
    room = sum(spot.capacity for spot in spots_of(event))
    used = dict(
        SlotBooking.objects.filter(event=event, status__in=SlotBooking.HOLDING)
        .values_list("starts_at")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [s for s in slots if s.starts_at not in taken and used.get(s.starts_at, 0) < room]


def bookings_of(*, member: User, event: Event) -> QuerySet[SlotBooking]:
    """The member's meetings here, requested or booked, with both people and the spot."""
    return (
        SlotBooking.objects.filter(Q(booker=member) | Q(guest=member), event=event)
        .filter(status__in=SlotBooking.HOLDING)
        .select_related("spot", "booker__profile", "guest__profile")
        .order_by("starts_at", "pk")
    )


def booking_for_member(*, member: User, event: Event, booking_id: int) -> SlotBooking:
    """One of the member's own bookings at the event; DoesNotExist for anyone else's."""
    return SlotBooking.objects.select_related("spot", "booker__profile", "guest__profile").get(
        Q(booker=member) | Q(guest=member), event=event, pk=booking_id
    )


# -- the organizer's set-up ----------------------------------------------------------


@transaction.atomic
def meeting_hours_add(
    *, event: Event, starts_at: datetime, ends_at: datetime, slot_minutes: int
) -> MeetingHours:
    """A window of meeting slots inside the event, overlapping no other window."""
    _require_aware(starts_at=starts_at, ends_at=ends_at)
    errors: dict[str, list[str]] = {}
    if not MIN_SLOT_MINUTES <= slot_minutes <= MAX_SLOT_MINUTES:
        errors["slot_minutes"] = [
            f"A slot lasts {MIN_SLOT_MINUTES} to {MAX_SLOT_MINUTES} minutes, not {slot_minutes}."
        ]
    if ends_at <= starts_at:
        errors["ends_at"] = ["Meeting hours must end after they start."]
    elif starts_at < event.starts_at or ends_at > event.ends_at:
        errors["starts_at"] = [
            f"Meeting hours must fall within the event, {_day_clock(event, event.starts_at)}"
            f"–{_clock(event, event.ends_at)}."
        ]
    elif not errors and starts_at + timedelta(minutes=slot_minutes) > ends_at:
        errors["slot_minutes"] = [
            f"Not one slot of {slot_minutes} minutes fits between "
            f"{_clock(event, starts_at)} and {_clock(event, ends_at)}."
        ]
    Event.objects.select_for_update().filter(pk=event.pk).first()
    overlap = MeetingHours.objects.filter(
        event=event, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).first()
    if overlap is not None and not errors:
        errors["starts_at"] = [
            f"These hours overlap the meeting hours {_clock(event, overlap.starts_at)}"
            f"–{_clock(event, overlap.ends_at)}."
        ]
    if errors:
        raise ValidationError(errors)
    hours = MeetingHours(
        event=event,
        starts_at=starts_at.replace(second=0, microsecond=0),
        ends_at=ends_at.replace(second=0, microsecond=0),
        slot_minutes=slot_minutes,
    )
    hours.full_clean()
    hours.save()
    return hours


def _holding_between(event: Event, starts_at: datetime, ends_at: datetime) -> int:
    return SlotBooking.objects.filter(
        event=event,
        status__in=SlotBooking.HOLDING,
        starts_at__gte=starts_at,
        starts_at__lt=ends_at,
    ).count()


@transaction.atomic
def meeting_hours_remove(*, event: Event, hours_id: int) -> None:
    hours = MeetingHours.objects.select_for_update().get(event=event, pk=hours_id)
    held = _holding_between(event, hours.starts_at, hours.ends_at)
    if held:
        raise ValidationError(
            f"{held} meeting{'s are' if held != 1 else ' is'} booked in these hours: "
            "they must be cancelled first."
        )
    hours.delete()


@transaction.atomic
def meeting_spot_add(*, event: Event, name: str, capacity: int) -> MeetingSpot:
    name = " ".join(name.split())
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = ["Give the spot a name, such as “Table 4” or “Room B”."]
    elif MeetingSpot.objects.filter(event=event, name__iexact=name).exists():
        errors["name"] = [f"There is already a spot called “{name}”."]
    if not 1 <= capacity <= MAX_SPOT_CAPACITY:
        errors["capacity"] = [
            f"A spot holds 1 to {MAX_SPOT_CAPACITY} meetings at once, not {capacity}."
        ]
    if errors:
        raise ValidationError(errors)
    spot = MeetingSpot(event=event, name=name, capacity=capacity)
    spot.full_clean()
    spot.save()
    return spot


@transaction.atomic
def meeting_spot_remove(*, event: Event, spot_id: int) -> None:
    spot = MeetingSpot.objects.select_for_update().get(event=event, pk=spot_id)
    held = SlotBooking.objects.filter(spot=spot, status__in=SlotBooking.HOLDING).count()
    if held:
        raise ValidationError(
            f"{held} meeting{'s are' if held != 1 else ' is'} booked at {spot.name}: "
            "they must be cancelled first."
        )
    spot.delete()


# -- attendees booking -----------------------------------------------------------------


def _require_aware(**moments: datetime) -> None:
    naive = [name for name, moment in moments.items() if timezone.is_naive(moment)]
    if naive:
        raise ValidationError(
            {
                name: ["Give the time with its time zone, e.g. 2031-03-04T10:00:00+01:00."]
                for name in naive
            }
        )


def _slot_at(event: Event, starts_at: datetime) -> Slot:
    _require_aware(starts_at=starts_at)
    hours = hours_of(event)
    for slot in slots_of(hours):
        if slot.starts_at == starts_at:
            return slot
    raise ValidationError(
        {
            "starts_at": [
                f"There is no meeting slot at {_day_clock(event, starts_at)}: "
                f"{_hours_words(event, hours)}."
            ]
        }
    )


def _check_people(event: Event, booker: User, guest: User) -> None:
    if booker.pk == guest.pk:
        raise ValidationError({"guest": ["You can't book a meeting with yourself."]})
    going = set(
        Rsvp.objects.filter(
            event=event, status=Rsvp.Status.GOING, member__in=(booker, guest)
        ).values_list("member_id", flat=True)
    )
    if booker.pk not in going:
        raise ValidationError("Only attendees who are going can book meetings here.")
    guest_seen = visible_profiles().filter(user_id=guest.pk).exists()
    if guest.pk not in going or not guest_seen:
        raise ValidationError({"guest": ["This person is not going to the event."]})
    if is_blocked_either_way(booker, guest) or cooldown_between(booker.pk, guest.pk):
        # The same words for a block and a recent "no": neither is the booker's to learn.
        raise ValidationError({"guest": ["You can't book a meeting with this attendee."]})


def _free_place(spot: MeetingSpot, starts_at: datetime) -> int | None:
    used = set(
        SlotBooking.objects.filter(
            spot=spot, starts_at=starts_at, status__in=SlotBooking.HOLDING
        ).values_list("place", flat=True)
    )
    return next((p for p in range(1, spot.capacity + 1) if p not in used), None)


def _check_free(event: Event, booker: User, guest: User, slot: Slot) -> None:
    held = set(
        SlotHold.objects.filter(
            event=event, starts_at=slot.starts_at, member__in=(booker, guest)
        ).values_list("member_id", flat=True)
    )
    when = _clock(event, slot.starts_at)
    if booker.pk in held:
        raise ValidationError({"starts_at": [f"You already have a meeting at {when}."]})
    if guest.pk in held:
        raise ValidationError(
            {"starts_at": [f"{guest.first_name or 'Your guest'} already has a meeting at {when}."]}
        )


@transaction.atomic
def slot_book(
    *,
    event: Event,
    booker: User,
    guest: User,
    starts_at: datetime,
    spot: MeetingSpot | None = None,
) -> SlotBooking:
    """Ask ``guest`` to a 1:1 meeting in the slot starting at ``starts_at``: at ``spot``,
    or, when none is given, at the first spot with room (the largest first, then by
    name)."""
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError("Meetings can be booked only at a published event.")
    _check_people(event, booker, guest)
    slot = _slot_at(event, starts_at)
    if slot.starts_at <= timezone.now():
        raise ValidationError({"starts_at": [f"The slot at {_clock(event, starts_at)} is over."]})
    # Row locks in one order for every booking (both RSVPs by id, then the spot): a second
    # booking of the same person or spot waits here and then sees the first one.
    list(
        Rsvp.objects.select_for_update()
        .filter(event=event, member__in=(booker, guest))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    _check_free(event, booker, guest, slot)
    spots = (
        [spot]
        if spot is not None
        else sorted(spots_of(event), key=lambda s: (-s.capacity, s.name, s.pk))
    )
    if not spots:
        raise ValidationError({"spot": ["The organizer has not set up meeting spots yet."]})
    if any(candidate.event_id != event.pk for candidate in spots):
        raise MeetingSpot.DoesNotExist
    # Spots that looked full are skipped without a lock; the rest are locked in one order
    # (the list's) and checked again once locked.
    used = Counter(
        SlotBooking.objects.filter(
            spot__in=spots, starts_at=slot.starts_at, status__in=SlotBooking.HOLDING
        ).values_list("spot_id", flat=True)
    )
    place = None
    for candidate in spots:
        if used[candidate.pk] >= candidate.capacity:
            continue
        locked = MeetingSpot.objects.select_for_update().get(pk=candidate.pk)
        place = _free_place(locked, slot.starts_at)
        if place is not None:
            spot = locked
            break
    if place is None or spot is None:
        when = _clock(event, slot.starts_at)
        if len(spots) == 1:
            full = spots[0]
            raise ValidationError(
                {
                    "spot": [
                        f"{full.name} is full at {when}: all {full.capacity} of its "
                        f"place{'s are' if full.capacity != 1 else ' is'} booked. "
                        "Pick another spot or time."
                    ]
                }
            )
        raise ValidationError({"starts_at": [f"Every spot is full at {when}: pick another time."]})
    booking = SlotBooking(
        event=event,
        spot=spot,
        place=place,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        booker=booker,
        guest=guest,
    )
    booking.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            booking.save()
            SlotHold.objects.bulk_create(
                SlotHold(booking=booking, event=event, member=m, starts_at=slot.starts_at)
                for m in (booker, guest)
            )
    except IntegrityError:
        # Only when a racing booking committed between our check and our insert (the
        # locks above make it rare): say what a fresh check says.
        _check_free(event, booker, guest, slot)
        raise ValidationError(
            {"starts_at": ["That slot was just taken: pick another time."]}
        ) from None
    notify(
        recipient=guest,
        kind="slot_requested",
        title=f"{booker.name} asks to meet you at {event.title}",
        body=f"{_day_clock(event, slot.starts_at)} at {spot.name}. Accept or decline on the "
        "event page.",
        url=reverse("event_detail", args=[event.pk]) + "#my-meetings",
    )
    return booking


def _locked(booking: SlotBooking) -> SlotBooking:
    return (
        SlotBooking.objects.select_for_update().select_related("event", "spot").get(pk=booking.pk)
    )


@transaction.atomic
def slot_accept(*, booking: SlotBooking, member: User) -> SlotBooking:
    booking = _locked(booking)
    if booking.guest_id != member.pk:
        raise ValidationError("Only the person asked can accept this meeting.")
    if booking.status != SlotBooking.Status.REQUESTED:
        raise ValidationError(f"This meeting is {booking.get_status_display()} already.")
    booking.status = SlotBooking.Status.ACCEPTED
    booking.decided_at = timezone.now()
    booking.save(update_fields=["status", "decided_at"])
    event = booking.event
    notify(
        recipient=booking.booker,
        kind="slot_accepted",
        title=f"{member.name} accepted: {_day_clock(event, booking.starts_at)}, "
        f"{booking.spot.name}",
        url=reverse("event_detail", args=[event.pk]) + "#my-meetings",
    )
    return booking


def _release(booking: SlotBooking, status: str, member: User) -> SlotBooking:
    booking.status = status
    booking.decided_at = timezone.now()
    booking.cancelled_by = member if status == SlotBooking.Status.CANCELLED else None
    booking.save(update_fields=["status", "decided_at", "cancelled_by"])
    SlotHold.objects.filter(booking=booking).delete()
    return booking


@transaction.atomic
def slot_decline(*, booking: SlotBooking, member: User) -> SlotBooking:
    booking = _locked(booking)
    if booking.guest_id != member.pk:
        raise ValidationError("Only the person asked can decline this meeting.")
    if booking.status != SlotBooking.Status.REQUESTED:
        raise ValidationError(f"This meeting is {booking.get_status_display()} already.")
    _release(booking, SlotBooking.Status.DECLINED, member)
    notify(
        recipient=booking.booker,
        kind="slot_declined",
        title=f"{member.name} can't meet at {_day_clock(booking.event, booking.starts_at)}",
        body="The slot is free again: ask someone else or pick another time.",
        url=reverse("event_detail", args=[booking.event_id]),
        email=False,
    )
    return booking


@transaction.atomic
def slot_cancel(*, booking: SlotBooking, member: User) -> SlotBooking:
    booking = _locked(booking)
    if member.pk not in (booking.booker_id, booking.guest_id):
        raise ValidationError("Only the two people meeting can cancel this meeting.")
    if booking.status not in SlotBooking.HOLDING:
        raise ValidationError(f"This meeting is {booking.get_status_display()} already.")
    _release(booking, SlotBooking.Status.CANCELLED, member)
    other = booking.guest if member.pk == booking.booker_id else booking.booker
    notify(
        recipient=other,
        kind="slot_cancelled",
        title=f"{member.name} cancelled your meeting at "
        f"{_day_clock(booking.event, booking.starts_at)}",
        url=reverse("event_detail", args=[booking.event_id]),
    )
    return booking


def slots_release_for(*, event: Event, member: User) -> int:
    """The member no longer goes: their meetings here are cancelled, each other person
    told, the slots and places freed. How many were cancelled."""
    bookings = list(
        SlotBooking.objects.select_for_update()
        .filter(Q(booker=member) | Q(guest=member), event=event, status__in=SlotBooking.HOLDING)
        .select_related("event", "booker", "guest")
        .order_by("pk")
    )
    for booking in bookings:
        _release(booking, SlotBooking.Status.CANCELLED, member)
        other = booking.guest if member.pk == booking.booker_id else booking.booker
        notify(
            recipient=other,
            kind="slot_cancelled",
            title=f"{member.name} is no longer going: your meeting at "
            f"{_day_clock(event, booking.starts_at)} is off",
            url=reverse("event_detail", args=[event.pk]),
        )
    return len(bookings)
