"""1:1 meetings in slots at a spot: the services (mensch.events.slots)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from mensch.accounts.models import User
from mensch.connections.services import member_block
from mensch.events import services, slots
from mensch.events.calendar import calendar_entries
from mensch.events.models import Event, SlotBooking, SlotHold
from mensch.introductions.services import introduction_decline, introduction_request
from mensch.notifications.models import Notification
from tests.events.slot_setup import slot_event

pytestmark = pytest.mark.integration

REASON = "You keep the books for design studios and I run one that needs exactly that."


def _messages(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(exc.value.messages)


def test_booking_500_random_meetings_never_double_books_a_person_or_a_spot(
    organizer: User, settings: object
) -> None:
    # The guests' notification emails are queued, not sent: 500 of them are another test's.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}  # type: ignore[attr-defined]
    # 20 spots × 4 meetings at once × 8 slots: 640 places for the 500 meetings, so both
    # limits (a person, a spot) are hit by the random draws.
    event, members, spots = slot_event(organizer, attendees=200, spots=20, capacity=4, slot_count=8)
    starts = [s.starts_at for s in slots.slots_of(slots.hours_of(event))]
    assert len(starts) == 8
    rng = random.Random(16)
    made = refused = 0
    full = Counter[str]()
    for _ in range(20_000):  # a bound, so a bug can't loop for ever
        if made == 500:
            break
        booker, guest = rng.sample(members, 2)
        try:
            slots.slot_book(
                event=event,
                booker=booker,
                guest=guest,
                starts_at=rng.choice(starts),
                spot=rng.choice([None, rng.choice(spots)]),
            )
        except ValidationError as exc:
            refused += 1
            full["spot" if "full at" in " ".join(exc.messages) else "person"] += 1
        else:
            made += 1
    bookings = list(SlotBooking.objects.filter(event=event, status__in=SlotBooking.HOLDING))
    assert len(bookings) == 500
    people: Counter[tuple[int, object]] = Counter()
    places: Counter[tuple[int, object]] = Counter()
    seats: Counter[tuple[int, object, int]] = Counter()
    for b in bookings:
        people[(b.booker_id, b.starts_at)] += 1
        people[(b.guest_id, b.starts_at)] += 1
        places[(b.spot_id, b.starts_at)] += 1
        seats[(b.spot_id, b.starts_at, b.place)] += 1
    assert max(people.values()) == 1  # nobody in two meetings at once
    assert max(places.values()) == 4  # no spot holds more than its 4 at a time...
    assert max(seats.values()) == 1  # ...each in a place of its own
    assert all(b.booker_id != b.guest_id for b in bookings)
    assert SlotHold.objects.filter(event=event).count() == 1000
    assert made == 500
    # The random draws did hit both people already meeting and full spots.
    assert full["person"] > 0
    assert full["spot"] > 0


def test_accepting_books_the_meeting_and_tells_the_booker(organizer: User, event: Event) -> None:
    event, (ana, ben), _ = slot_event(organizer, attendees=2)
    start = slots.slots_of(slots.hours_of(event))[0].starts_at
    booking = slots.slot_book(event=event, booker=ana, guest=ben, starts_at=start)
    assert booking.status == SlotBooking.Status.REQUESTED
    assert Notification.objects.filter(recipient=ben, kind="slot_requested").exists()
    slots.slot_accept(booking=booking, member=ben)
    booking.refresh_from_db()
    assert booking.status == SlotBooking.Status.ACCEPTED
    assert Notification.objects.filter(recipient=ana, kind="slot_accepted").exists()
    assert [b.pk for b in slots.bookings_of(member=ana, event=event)] == [booking.pk]
    assert [b.pk for b in slots.bookings_of(member=ben, event=event)] == [booking.pk]


def test_a_decline_frees_the_slot_for_both(organizer: User) -> None:
    event, (ana, ben, cy), _ = slot_event(organizer, attendees=3, spots=1)
    start = slots.slots_of(slots.hours_of(event))[0].starts_at
    booking = slots.slot_book(event=event, booker=ana, guest=ben, starts_at=start)
    slots.slot_decline(booking=booking, member=ben)
    assert not SlotHold.objects.filter(booking=booking).exists()
    again = slots.slot_book(event=event, booker=ana, guest=cy, starts_at=start)
    assert again.place == 1


def test_the_booker_cannot_accept_their_own_request(organizer: User) -> None:
    event, (ana, ben), _ = slot_event(organizer, attendees=2)
    start = slots.slots_of(slots.hours_of(event))[0].starts_at
    booking = slots.slot_book(event=event, booker=ana, guest=ben, starts_at=start)
    with pytest.raises(ValidationError) as exc:
        slots.slot_accept(booking=booking, member=ana)
    assert _messages(exc) == "Only the person asked can accept this meeting."
    booking.refresh_from_db()
    assert booking.status == SlotBooking.Status.REQUESTED


# -- bad input: a clear message, nothing written -------------------------------------


def test_a_slot_outside_the_meeting_hours_is_refused_with_the_hours(organizer: User) -> None:
    event, (ana, ben), _ = slot_event(organizer, attendees=2)
    off = event.starts_at + timedelta(minutes=10)
    with pytest.raises(ValidationError) as exc:
        slots.slot_book(event=event, booker=ana, guest=ben, starts_at=off)
    assert "There is no meeting slot at" in _messages(exc)
    assert "in slots of 15 minutes" in _messages(exc)
    assert not SlotBooking.objects.exists()


def test_a_spot_at_capacity_is_refused_and_named(organizer: User) -> None:
    event, (a, b, c, d), (table, _) = slot_event(organizer, attendees=4, spots=2)
    start = slots.slots_of(slots.hours_of(event))[0].starts_at
    slots.slot_book(event=event, booker=a, guest=b, starts_at=start, spot=table)
    with pytest.raises(ValidationError) as exc:
        slots.slot_book(event=event, booker=c, guest=d, starts_at=start, spot=table)
    assert "Table 1 is full at" in _messages(exc)
    assert "all 1 of its place is booked" in _messages(exc)
    assert SlotBooking.objects.count() == 1


def test_any_spot_takes_the_next_with_room_then_says_all_are_full(organizer: User) -> None:
    event, people, _ = slot_event(organizer, attendees=6, spots=2)
    start = slots.slots_of(slots.hours_of(event))[0].starts_at
    first = slots.slot_book(event=event, booker=people[0], guest=people[1], starts_at=start)
    second = slots.slot_book(event=event, booker=people[2], guest=people[3], starts_at=start)
    assert {first.spot.name, second.spot.name} == {"Table 1", "Table 2"}
    with pytest.raises(ValidationError) as exc:
        slots.slot_book(event=event, booker=people[4], guest=people[5], starts_at=start)
    assert "Every spot is full at" in _messages(exc)
    assert SlotBooking.objects.count() == 2


def test_booking_yourself_is_refused(organizer: User) -> None:
    event, (ana,), _ = slot_event(organizer, attendees=1)
    start = slots.slots_of(slots.hours_of(event))[0].starts_at
    with pytest.raises(ValidationError) as exc:
        slots.slot_book(event=event, booker=ana, guest=ana, starts_at=start)
    assert _messages(exc) == "You can't book a meeting with yourself."
    assert not SlotBooking.objects.exists()


def test_a_person_already_meeting_someone_in_that_slot_is_refused(organizer: User) -> None:
    event, (ana, ben, cy), _ = slot_event(organizer, attendees=3)
    start = slots.slots_of(slots.hours_of(event))[0].starts_at
    slots.slot_book(event=event, booker=ana, guest=ben, starts_at=start)
    with pytest.raises(ValidationError) as exc:
        slots.slot_book(event=event, booker=cy, guest=ana, starts_at=start)
    assert "Guest0 already has a meeting at" in _messages(exc)
    with pytest.raises(ValidationError) as exc:
        slots.slot_book(event=event, booker=ben, guest=cy, starts_at=start)
    assert "You already have a meeting at" in _messages(exc)
    assert SlotBooking.objects.count() == 1


def test_someone_not_going_cannot_book_or_be_booked(organizer: User, designer: User) -> None:
    event, (ana,), _ = slot_event(organizer, attendees=1)
    start = slots.slots_of(slots.hours_of(event))[0].starts_at
    with pytest.raises(ValidationError) as exc:
        slots.slot_book(event=event, booker=designer, guest=ana, starts_at=start)
    assert _messages(exc) == "Only attendees who are going can book meetings here."
    with pytest.raises(ValidationError) as exc:
        slots.slot_book(event=event, booker=ana, guest=designer, starts_at=start)
    assert _messages(exc) == "This person is not going to the event."
    assert not SlotBooking.objects.exists()


def test_a_block_either_way_refuses_the_booking_without_saying_why(organizer: User) -> None:
    event, (ana, ben), _ = slot_event(organizer, attendees=2)
    start = slots.slots_of(slots.hours_of(event))[0].starts_at
    member_block(blocker=ben, blocked=ana)
    with pytest.raises(ValidationError) as exc:
        slots.slot_book(event=event, booker=ana, guest=ben, starts_at=start)
    assert _messages(exc) == "You can't book a meeting with this attendee."
    assert not SlotBooking.objects.exists()


def test_a_declined_introduction_refuses_the_booking_while_it_cools(organizer: User) -> None:
    event, (ana, ben), _ = slot_event(organizer, attendees=2)
    start = slots.slots_of(slots.hours_of(event))[0].starts_at
    intro = introduction_request(requester=ana, recipient=ben, reason=REASON)
    introduction_decline(introduction_id=intro.pk, member=ben)
    with pytest.raises(ValidationError) as exc:
        slots.slot_book(event=event, booker=ana, guest=ben, starts_at=start)
    assert _messages(exc) == "You can't book a meeting with this attendee."
    assert not SlotBooking.objects.exists()


def test_meeting_hours_outside_the_event_or_overlapping_are_refused(organizer: User) -> None:
    event, _, _ = slot_event(organizer)
    with pytest.raises(ValidationError) as exc:
        slots.meeting_hours_add(
            event=event,
            starts_at=event.ends_at - timedelta(minutes=30),
            ends_at=event.ends_at + timedelta(minutes=30),
            slot_minutes=15,
        )
    assert "Meeting hours must fall within the event" in _messages(exc)
    with pytest.raises(ValidationError) as exc:
        slots.meeting_hours_add(
            event=event,
            starts_at=event.starts_at + timedelta(hours=1, minutes=30),
            ends_at=event.starts_at + timedelta(hours=2, minutes=30),
            slot_minutes=15,
        )
    assert "These hours overlap the meeting hours" in _messages(exc)
    with pytest.raises(ValidationError) as exc:
        slots.meeting_hours_add(
            event=event,
            starts_at=event.starts_at,
            ends_at=event.starts_at + timedelta(minutes=10),
            slot_minutes=15,
        )
    assert "Not one slot of 15 minutes fits" in _messages(exc)
    assert len(slots.hours_of(event)) == 1


def test_a_spot_needs_a_new_name_and_room(organizer: User) -> None:
    event, _, _ = slot_event(organizer)
    with pytest.raises(ValidationError) as exc:
        slots.meeting_spot_add(event=event, name="table 1", capacity=0)
    errors = exc.value.message_dict
    assert errors["name"] == ["There is already a spot called “table 1”."]
    assert errors["capacity"] == ["A spot holds 1 to 200 meetings at once, not 0."]
    assert len(slots.spots_of(event)) == 2


def test_a_spot_with_meetings_cannot_be_removed(organizer: User) -> None:
    event, (ana, ben), (table, _) = slot_event(organizer, attendees=2)
    start = slots.slots_of(slots.hours_of(event))[0].starts_at
    slots.slot_book(event=event, booker=ana, guest=ben, starts_at=start, spot=table)
    with pytest.raises(ValidationError) as exc:
        slots.meeting_spot_remove(event=event, spot_id=table.pk)
    assert _messages(exc) == "1 meeting is booked at Table 1: they must be cancelled first."
    assert len(slots.spots_of(event)) == 2


def test_the_grid_counts_bookings_per_spot_and_slot(organizer: User) -> None:
    event, people, (t1, t2) = slot_event(organizer, attendees=4, capacity=2)
    start = slots.slots_of(slots.hours_of(event))[0].starts_at
    slots.slot_book(event=event, booker=people[0], guest=people[1], starts_at=start, spot=t1)
    slots.slot_book(event=event, booker=people[2], guest=people[3], starts_at=start, spot=t1)
    grid = slots.slot_grid(event)
    assert [c.booked for c in grid.rows[0].cells] == [2, 0, 0, 0]
    assert [c.booked for c in grid.rows[1].cells] == [0, 0, 0, 0]
    assert grid.rows[0].cells[0].full
    assert (grid.booked, grid.capacity, grid.percent) == (2, 16, 12)


def test_cancelling_the_rsvp_cancels_the_members_meetings_and_tells_the_other(
    organizer: User,
) -> None:
    event, (ana, ben, cy), _ = slot_event(organizer, attendees=3)
    first, second = slots.slots_of(slots.hours_of(event))[:2]
    one = slots.slot_book(event=event, booker=ana, guest=ben, starts_at=first.starts_at)
    two = slots.slot_book(event=event, booker=cy, guest=ana, starts_at=second.starts_at)
    services.rsvp_cancel(event=event, member=ana)
    assert set(
        SlotBooking.objects.filter(pk__in=(one.pk, two.pk)).values_list("status", flat=True)
    ) == {"cancelled"}
    assert not SlotHold.objects.filter(event=event).exists()
    assert Notification.objects.filter(recipient=ben, kind="slot_cancelled").count() == 1
    assert Notification.objects.filter(recipient=cy, kind="slot_cancelled").count() == 1


def test_a_booked_meeting_is_in_both_calendar_feeds_a_request_is_not(organizer: User) -> None:
    event, (ana, ben), _ = slot_event(organizer, attendees=2)
    start = slots.slots_of(slots.hours_of(event))[0].starts_at
    booking = slots.slot_book(event=event, booker=ana, guest=ben, starts_at=start)
    assert not [e for e in calendar_entries(ana) if "-meeting-" in e.uid]
    slots.slot_accept(booking=booking, member=ben)
    for member, other in ((ana, "Guest1"), (ben, "Guest0")):
        (entry,) = [e for e in calendar_entries(member) if "-meeting-" in e.uid]
        assert entry.summary == f"Meeting with {other} Attendee · {event.title}"
        assert (entry.start, entry.location) == (start, "Table 1")
        assert entry.uid == f"{event.uid}-meeting-{booking.pk}"
