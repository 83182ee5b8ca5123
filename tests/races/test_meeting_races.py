"""Races on meetings between connections (PostgreSQL only, see conftest): two picks of the
same proposal at once book one meeting; crossed proposals leave one pending."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.connections.services import connection_create
from mensch.meetings.models import MeetingProposal, ScheduledMeeting
from mensch.meetings.proposals import proposal_create, proposal_pick
from tests.factories import make_member
from tests.races.conftest import Outcome, messages_of, race

pytestmark = [
    pytest.mark.race,
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
]

TRIALS = 10


def connected_pair() -> tuple[User, User]:
    a, b = make_member(), make_member()
    connection_create(member=a, other=b, source=Connection.Source.INTRODUCTION)
    return a, b


def soon(days: int) -> datetime:
    day = timezone.now() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, 10)


def refused_with_a_message(outcomes: list[Outcome]) -> list[str]:
    for outcome in outcomes:
        assert outcome.ok or isinstance(outcome.error, ValidationError), repr(outcome.error)
    return [messages_of(o) for o in outcomes if not o.ok]


def test_two_picks_of_the_same_proposal_book_one_meeting() -> None:
    for _ in range(TRIALS):
        a, b = connected_pair()
        proposal = proposal_create(
            proposer=a,
            recipient=b,
            times=[soon(2), soon(3)],
            duration_minutes=30,
            purpose="Compare notes",
        )
        first, second = proposal.times.all()
        outcomes = race(
            lambda b=b, p=proposal.pk, t=first.pk: proposal_pick(
                member=b, proposal_id=p, time_id=t
            ),
            lambda b=b, p=proposal.pk, t=second.pk: proposal_pick(
                member=b, proposal_id=p, time_id=t
            ),
        )
        assert refused_with_a_message(outcomes) == ["This proposal is booked already."]
        assert ScheduledMeeting.objects.filter(organizer=a, attendee=b).count() == 1
        proposal.refresh_from_db()
        assert proposal.status == MeetingProposal.Status.BOOKED


def test_crossed_proposals_leave_one_pending() -> None:
    for _ in range(TRIALS):
        a, b = connected_pair()

        def propose(x: User, y: User) -> MeetingProposal:
            return proposal_create(
                proposer=x, recipient=y, times=[soon(2)], duration_minutes=30, purpose="Coffee"
            )

        outcomes = race(lambda a=a, b=b: propose(a, b), lambda a=a, b=b: propose(b, a))
        refusals = refused_with_a_message(outcomes)
        assert refusals == ["There is already a proposal waiting between you two; answer it first."]
        assert MeetingProposal.objects.filter(member_low_id=min(a.pk, b.pk)).count() == 1
