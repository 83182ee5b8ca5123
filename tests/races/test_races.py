"""Two (or more) requests at the same instant, as two browser tabs or two members send them.

Each test repeats its race for a number of trials with fresh members, and asserts the
exact end state and that every refusal is a ValidationError a member can read (an
``OperationalError`` such as "deadlock detected" or an ``IntegrityError`` would be a 500).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from mensch.accounts.models import User
from mensch.chat.models import ChatMessage
from mensch.chat.services import chat_message_post
from mensch.connections.models import Connection
from mensch.connections.services import connection_create
from mensch.events import services as events
from mensch.events.models import Event, Rsvp
from mensch.introductions.models import Introduction
from mensch.introductions.services import (
    introduction_accept,
    introduction_broker,
    introduction_request,
)
from mensch.ledger import exchanges
from mensch.ledger.models import LedgerEntry, ReferralExchange
from mensch.meetings.models import Meeting, MeetingTick
from mensch.meetings.services import meeting_tick
from mensch.notifications.models import Notification
from tests.factories import make_member
from tests.races.conftest import Outcome, messages_of, race

pytestmark = [
    pytest.mark.race,
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
]

REASON = "You ask for bookkeeping and I keep the books for design studios like yours."
NOTE = "You two both work with small studios in Lisbon and should compare notes."

# Trials per race: enough that the unfixed code failed in most runs (see the report in
# issue 12), few enough that the whole file runs in well under a minute.
TRIALS = 20


def connected_pair() -> tuple[User, User]:
    a, b = make_member(), make_member()
    connection_create(member=a, other=b, source=Connection.Source.INTRODUCTION)
    return a, b


def assert_no_server_error(outcomes: list[Outcome]) -> None:
    """Every call either worked or was refused with a message (never a 500)."""
    for outcome in outcomes:
        assert outcome.ok or isinstance(outcome.error, ValidationError), repr(outcome.error)


def pending_between(a: User, b: User) -> int:
    return Introduction.objects.filter(
        Q(requester=a, recipient=b) | Q(requester=b, recipient=a),
        status=Introduction.Status.PENDING,
    ).count()


# -- meetings ------------------------------------------------------------------------


def test_both_sides_ticking_at_once_confirm_exactly_one_meeting() -> None:
    for _ in range(TRIALS):
        a, b = connected_pair()
        outcomes = race(
            lambda a=a, b=b: meeting_tick(member=a, other=b),
            lambda a=a, b=b: meeting_tick(member=b, other=a),
        )
        assert all(outcome.ok for outcome in outcomes), [o.error for o in outcomes]
        low, high = sorted((a.pk, b.pk))
        assert MeetingTick.objects.filter(member__in=(a, b)).count() == 2
        meetings = Meeting.objects.filter(member_low_id=low, member_high_id=high)
        assert meetings.count() == 1  # before the fix: both ticks stored, no meeting
        # The tick that came second confirmed it and says so; the first saw only its own.
        assert sorted(o.result is not None for o in outcomes) == [False, True]
        confirmed = Notification.objects.filter(kind="meeting_confirmed", recipient__in=(a, b))
        assert sorted(confirmed.values_list("recipient_id", flat=True)) == [low, high]


# -- introductions -------------------------------------------------------------------


def test_crossed_introduction_requests_leave_one_pending_and_refuse_the_other() -> None:
    for _ in range(TRIALS):
        p, q = make_member(), make_member()
        outcomes = race(
            lambda p=p, q=q: introduction_request(requester=p, recipient=q, reason=REASON),
            lambda p=p, q=q: introduction_request(requester=q, recipient=p, reason=REASON),
        )
        assert_no_server_error(outcomes)  # before the fix: "deadlock detected"
        assert pending_between(p, q) == 1
        assert [o.ok for o in outcomes].count(True) == 1
        refused = next(o for o in outcomes if not o.ok)
        assert "already waiting for an answer" in messages_of(refused)


def test_crossed_brokered_introductions_both_go_through() -> None:
    """I introduces A to B while A introduces I to C: each locks the other's row."""
    for _ in range(TRIALS):
        i, a, b, c = (make_member() for _ in range(4))
        for x, y in ((i, a), (i, b), (a, c)):
            connection_create(member=x, other=y, source=Connection.Source.INTRODUCTION)
        outcomes = race(
            lambda i=i, a=a, b=b: introduction_broker(
                introducer=i, member_a=a, member_b=b, note=NOTE
            ),
            lambda i=i, a=a, c=c: introduction_broker(
                introducer=a, member_a=i, member_b=c, note=NOTE
            ),
        )
        assert all(o.ok for o in outcomes), [o.error for o in outcomes]
        assert pending_between(a, b) == 1
        assert pending_between(i, c) == 1


def test_a_request_crossing_a_brokered_introduction_of_the_same_pair_leaves_one() -> None:
    for _ in range(TRIALS):
        i, a, b = make_member(), make_member(), make_member()
        for x, y in ((i, a), (i, b)):
            connection_create(member=x, other=y, source=Connection.Source.INTRODUCTION)
        outcomes = race(
            lambda i=i, a=a, b=b: introduction_broker(
                introducer=i, member_a=a, member_b=b, note=NOTE
            ),
            lambda a=a, b=b: introduction_request(requester=b, recipient=a, reason=REASON),
        )
        assert_no_server_error(outcomes)
        assert pending_between(a, b) == 1
        assert [o.ok for o in outcomes].count(True) == 1


def test_accepting_twice_at_once_connects_once_and_notifies_once() -> None:
    for _ in range(TRIALS):
        p, q = make_member(), make_member()
        introduction = introduction_request(requester=p, recipient=q, reason=REASON)
        outcomes = race(
            lambda q=q, pk=introduction.pk: introduction_accept(introduction_id=pk, member=q),
            lambda q=q, pk=introduction.pk: introduction_accept(introduction_id=pk, member=q),
        )
        assert_no_server_error(outcomes)
        assert [o.ok for o in outcomes].count(True) == 1
        refused = next(o for o in outcomes if not o.ok)
        assert "already accepted" in messages_of(refused)
        low, high = sorted((p.pk, q.pk))
        assert Connection.objects.filter(member_low_id=low, member_high_id=high).count() == 1
        told = Notification.objects.filter(kind="introduction_accepted")
        assert sorted(told.filter(recipient__in=(p, q)).values_list("recipient_id", flat=True)) == [
            low,
            high,
        ]


def test_both_sides_accepting_a_brokered_introduction_at_once_connect_once() -> None:
    for _ in range(TRIALS):
        i, a, b = make_member(), make_member(), make_member()
        for x, y in ((i, a), (i, b)):
            connection_create(member=x, other=y, source=Connection.Source.INTRODUCTION)
        introduction = introduction_broker(introducer=i, member_a=a, member_b=b, note=NOTE)
        outcomes = race(
            lambda a=a, pk=introduction.pk: introduction_accept(introduction_id=pk, member=a),
            lambda b=b, pk=introduction.pk: introduction_accept(introduction_id=pk, member=b),
        )
        assert all(o.ok for o in outcomes), [o.error for o in outcomes]
        introduction.refresh_from_db()
        assert introduction.status == Introduction.Status.ACCEPTED
        low, high = sorted((a.pk, b.pk))
        assert Connection.objects.filter(member_low_id=low, member_high_id=high).count() == 1
        assert Notification.objects.filter(kind="introduction_accepted", recipient=a).count() == 1
        assert Notification.objects.filter(kind="introduction_accepted", recipient=b).count() == 1
        assert Notification.objects.filter(kind="introduction_credited", recipient=i).count() == 1


def test_the_daily_introduction_cap_holds_under_simultaneous_requests(settings: object) -> None:
    settings.INTRODUCTIONS_PER_DAY = 2  # type: ignore[attr-defined]
    racers = 5
    for _ in range(TRIALS // 2):
        requester = make_member()
        recipients = [make_member() for _ in range(racers)]
        calls: list[Callable[[], Introduction]] = [
            lambda r=r, requester=requester: introduction_request(
                requester=requester, recipient=r, reason=REASON
            )
            for r in recipients
        ]
        outcomes = race(*calls)
        assert_no_server_error(outcomes)
        assert Introduction.objects.filter(requester=requester).count() == 2
        refused = [o for o in outcomes if not o.ok]
        assert len(refused) == racers - 2
        assert all("your daily limit" in messages_of(o) for o in refused)


# -- events --------------------------------------------------------------------------


def make_event(capacity: int) -> Event:
    organizer = make_member()
    organizer.is_organizer = True
    organizer.save(update_fields=["is_organizer"])
    starts = timezone.now() + timedelta(days=3)
    event = events.event_create(
        organizer=organizer,
        title="Referral breakfast",
        description="Breakfast with rounds.",
        venue="The Workshop Rooms",
        address="12 Market Street, Lisbon",
        price="0",
        currency="EUR",
        capacity=capacity,
        time_zone="Europe/Lisbon",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
    )
    return events.event_publish(event=event)


def test_the_last_seat_goes_to_one_member_and_the_others_wait_or_are_told() -> None:
    for _ in range(TRIALS):
        event = make_event(capacity=1)
        members = [make_member() for _ in range(4)]
        # Two ask for the waitlist if the event is full, two do not.
        calls: list[Callable[[], Rsvp]] = [
            lambda m=m, w=index % 2 == 0, event=event: events.rsvp_create(
                event=event, member=m, waitlist=w
            )
            for index, m in enumerate(members)
        ]
        outcomes = race(*calls)
        assert_no_server_error(outcomes)
        assert Rsvp.objects.filter(event=event, status=Rsvp.Status.GOING).count() == 1
        for index, outcome in enumerate(outcomes):
            wants_waitlist = index % 2 == 0
            if outcome.ok:
                assert outcome.result.status == Rsvp.Status.GOING or (
                    wants_waitlist and outcome.result.status == Rsvp.Status.WAITLISTED
                )
            else:
                assert not wants_waitlist
                assert "This event is full (1 of 1 seats taken)" in messages_of(outcome)


def test_posting_in_the_chat_while_the_organizer_cancels_is_no_deadlock() -> None:
    """The post locks its author, the cancel locks the event and notifies the author."""
    for _ in range(TRIALS):
        event = make_event(capacity=5)
        member = make_member()
        events.rsvp_create(event=event, member=member)
        outcomes = race(
            lambda m=member, e=event: chat_message_post(
                author=m, event_id=e.pk, body="Who else is coming from Porto?"
            ),
            # Told at once (no undo window): the notice races the post, as before.
            lambda e=event: events.event_cancel(event=e, undo_minutes=0),
        )
        chat, cancel = outcomes
        assert cancel.ok, repr(cancel.error)
        # The post lands before the cancel, or after it on a cancelled event's chat,
        # or is refused because the event is gone: never a deadlock.
        assert chat.ok or isinstance(chat.error, (ValidationError, Event.DoesNotExist)), repr(
            chat.error
        )
        assert ChatMessage.objects.filter(event=event).count() == (1 if chat.ok else 0)
        assert Notification.objects.filter(kind="event_cancelled", recipient=member).count() == 1


# -- referral exchanges --------------------------------------------------------------


def test_crossed_exchange_proposals_open_one_exchange() -> None:
    for _ in range(TRIALS):
        a, b = connected_pair()
        outcomes = race(
            lambda a=a, b=b: exchanges.referral_exchange_propose(proposer=a, partner=b),
            lambda a=a, b=b: exchanges.referral_exchange_propose(proposer=b, partner=a),
        )
        assert_no_server_error(outcomes)
        open_between = ReferralExchange.objects.filter(
            Q(proposer=a, partner=b) | Q(proposer=b, partner=a),
            status=ReferralExchange.Status.OPEN,
        )
        assert open_between.count() == 1
        refused = next(o for o in outcomes if not o.ok)
        assert "already open" in messages_of(refused)


def test_simultaneous_pledges_release_both_exactly_once() -> None:
    for _ in range(TRIALS):
        a, b = connected_pair()
        exchange = exchanges.referral_exchange_propose(proposer=a, partner=b)
        outcomes = race(
            *(
                lambda m=m, pk=exchange.pk: exchanges.pledge_create(
                    member=m,
                    exchange_id=pk,
                    referral_name=f"Referral from {m.first_name}",
                    reason="She needs a brand for her new ceramics studio this spring.",
                    consent=True,
                )
                for m in (a, b)
            )
        )
        assert all(o.ok for o in outcomes), [o.error for o in outcomes]
        exchange.refresh_from_db()
        assert exchange.status == ReferralExchange.Status.RELEASED
        entries = LedgerEntry.objects.filter(
            source=LedgerEntry.Source.EXCHANGE, source_id=exchange.pk
        )
        assert sorted(entries.values_list("giver_id", flat=True)) == sorted((a.pk, b.pk))
        released = Notification.objects.filter(kind="referral_exchange_released")
        assert released.filter(recipient=a).count() == 1
        assert released.filter(recipient=b).count() == 1
