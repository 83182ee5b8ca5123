"""Two bookings of one slot at the same instant (issue 16): of the same person, and of
the last place at a spot. Exactly one wins; the other is told why; never a 500."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from mensch.events import slots
from mensch.events.models import SlotBooking, SlotHold
from tests.events.conftest import make_organizer
from tests.events.slot_setup import going, slot_event
from tests.factories import make_member
from tests.races.conftest import Outcome, messages_of, race

pytestmark = [
    pytest.mark.race,
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
]

TRIALS = 8


def _one_wins(outcomes: list[Outcome]) -> Outcome:
    for outcome in outcomes:
        assert outcome.ok or isinstance(outcome.error, ValidationError), repr(outcome.error)
    assert sum(o.ok for o in outcomes) == 1, [messages_of(o) for o in outcomes if not o.ok]
    return next(o for o in outcomes if not o.ok)


def test_two_bookings_of_the_same_person_in_one_slot_leave_exactly_one() -> None:
    event, _, spots = slot_event(make_organizer("Olga"), spots=2, slot_count=TRIALS)
    for slot in slots.slots_of(slots.hours_of(event)):
        ana, ben, cy = make_member("Ana"), make_member("Ben"), make_member("Cy")
        going(event, [ana, ben, cy])
        outcomes = race(
            lambda ana=ana, ben=ben, slot=slot: slots.slot_book(
                event=event, booker=ana, guest=ben, starts_at=slot.starts_at, spot=spots[0]
            ),
            lambda ana=ana, cy=cy, slot=slot: slots.slot_book(
                event=event, booker=cy, guest=ana, starts_at=slot.starts_at, spot=spots[1]
            ),
        )
        refused = _one_wins(outcomes)
        assert "already has a meeting at" in messages_of(refused) or (
            "You already have a meeting at" in messages_of(refused)
        )
        assert SlotHold.objects.filter(member=ana, starts_at=slot.starts_at).count() == 1
    held = Counter((h.member_id, h.starts_at) for h in SlotHold.objects.filter(event=event))
    assert max(held.values()) == 1
    assert SlotBooking.objects.filter(event=event).count() == TRIALS


def test_two_bookings_of_the_last_place_at_a_spot_leave_exactly_one() -> None:
    event, _, (table,) = slot_event(make_organizer("Olga"), spots=1, slot_count=TRIALS)
    for slot in slots.slots_of(slots.hours_of(event)):
        a, b, c, d = (make_member() for _ in range(4))
        going(event, [a, b, c, d])
        outcomes = race(
            lambda a=a, b=b, slot=slot: slots.slot_book(
                event=event, booker=a, guest=b, starts_at=slot.starts_at, spot=table
            ),
            lambda c=c, d=d, slot=slot: slots.slot_book(
                event=event, booker=c, guest=d, starts_at=slot.starts_at, spot=table
            ),
        )
        refused = _one_wins(outcomes)
        assert "Table 1 is full at" in messages_of(refused)
        assert (
            SlotBooking.objects.filter(
                spot=table, starts_at=slot.starts_at, status__in=SlotBooking.HOLDING
            ).count()
            == 1
        )
