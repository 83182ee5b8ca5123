"""The goals, ledger and follow-through cards read what they show in one statement each:
what they show must stay what the selectors they stand in for count, over the cases where
the rules bite (statuses not counted, either side of an entry, a name that is not a
member's in two spellings, goals past their third, criteria, dismissed tasks, promised
favours, tags' intervals)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from decimal import Decimal

from django.db import connection as db
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.connections.services import connection_create
from mensch.contacts.models import Contact, Tag
from mensch.contacts.selectors import losing_touch_count
from mensch.contacts.services import contact_for_member
from mensch.followups import dashboard as followups_card
from mensch.followups import selectors as followups
from mensch.followups.models import FollowUp
from mensch.followups.services import followup_create
from mensch.goals import dashboard as goals_card
from mensch.goals.models import Goal, Metric
from mensch.goals.selectors import (
    GoalProgress,
    facts_of,
    facts_of_rows,
    goals_and_rows,
    nearest_goals,
)
from mensch.ledger import dashboard as ledger_card
from mensch.ledger.models import EntryKind, EntryStatus, LedgerEntry
from mensch.ledger.selectors import balance_of
from mensch.meetings.models import Meeting
from tests.factories import make_member


def _entry(
    giver: User | None,
    receiver: User | None,
    kind: str = EntryKind.REFERRAL,
    status: str = EntryStatus.DELIVERED,
    name: str = "",
    **fields: object,
) -> LedgerEntry:
    recorder = giver or receiver
    assert recorder is not None
    return LedgerEntry.objects.create(
        kind=kind,
        recorded_by=recorder,
        giver=giver,
        receiver=receiver,
        counterpart_name=name,
        status=status,
        delivered_at=timezone.now() if status != EntryStatus.OFFERED else None,
        **fields,
    )


def _world(owner: User) -> tuple[User, User]:
    """Meetings, connections and ledger entries of every kind around ``owner``."""
    ana, bo = make_member("Ana"), make_member("Bo")
    today = timezone.localdate()
    low, high = sorted([owner, ana], key=lambda u: u.pk)
    Meeting.objects.create(member_low=low, member_high=high, met_on=today)
    low, high = sorted([owner, bo], key=lambda u: u.pk)
    Meeting.objects.create(member_low=low, member_high=high, met_on=today - timedelta(days=400))
    connection_create(member=owner, other=ana, source=Connection.Source.EVENT)
    for kind in EntryKind.values:
        _entry(ana, owner, kind)
        _entry(owner, bo, kind)
    _entry(ana, owner, EntryKind.REFERRAL, EntryStatus.OFFERED)  # not counted
    _entry(ana, owner, EntryKind.REFERRAL, EntryStatus.THANKED)
    closed = timezone.now()
    _entry(
        bo,
        owner,
        status=EntryStatus.CLOSED,
        value=Decimal("1200.50"),
        currency="EUR",
        closed_at=closed,
    )
    _entry(
        bo, owner, status=EntryStatus.CLOSED, value=Decimal("300"), currency="USD", closed_at=closed
    )
    _entry(
        owner, ana, status=EntryStatus.CLOSED, value=Decimal("99"), currency="EUR", closed_at=closed
    )
    _entry(None, owner, EntryKind.FAVOUR, name="Carla Gomes")
    _entry(owner, None, EntryKind.ADVICE, name="carla gomes")
    return ana, bo


def _goal(owner: User, metric: str, title: str, *, ends_in: int = 30, **criteria: object) -> Goal:
    today = timezone.localdate()
    return Goal.objects.create(
        member=owner,
        title=title,
        metric=metric,
        target=Decimal(2),
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=ends_in),
        **criteria,
    )


def _progress(found: tuple[list[GoalProgress], int]) -> tuple[list[tuple[object, ...]], int]:
    shown, total = found
    return [
        (
            g.goal.pk,
            g.goal.title,
            g.goal.target,
            g.goal.get_metric_display(),
            g.current,
            g.percent,
            g.days_left,
        )
        for g in shown
    ], total


def test_goals_card_measures_as_the_selector_for_every_metric(owner: User) -> None:
    _world(owner)
    assert (
        _progress(goals_card.nearest(owner)) == _progress(nearest_goals(owner, count=3)) == ([], 0)
    )
    for days, metric in enumerate(Metric.values):
        _goal(
            owner,
            metric,
            f"Goal {metric}",
            ends_in=days,
            currency="EUR" if metric == Metric.BUSINESS_VALUE else "",
        )
    # Each metric in turn among the three shown: the first three, then the later ones.
    while Goal.objects.filter(member=owner).exists():
        expected = _progress(nearest_goals(owner, count=3))
        assert _progress(goals_card.nearest(owner)) == expected
        assert expected[0]  # something shown
        first = expected[0][0][0]
        assert isinstance(first, int)
        Goal.objects.filter(pk=first).delete()


def test_goals_card_facts_are_the_selector_s(owner: User) -> None:
    _world(owner)
    _goal(owner, Metric.MEETINGS, "Meet")
    _goal(owner, Metric.CONNECTIONS, "Connect")
    _goal(owner, Metric.REFERRALS_RECEIVED, "Refer")
    _, rows = goals_and_rows(owner, first=3)
    mine = facts_of_rows(rows, owner).by_metric
    theirs = facts_of(
        owner, metrics={Metric.MEETINGS, Metric.CONNECTIONS, *Metric.values}
    ).by_metric
    assert {m: Counter(f) for m, f in mine.items()} == {m: Counter(f) for m, f in theirs.items()}
    assert mine[Metric.BUSINESS_VALUE]  # the closed business is in them
    assert len(mine[Metric.MEETINGS]) == 2


def test_goals_card_reads_only_what_the_goals_shown_need(owner: User) -> None:
    _world(owner)
    _goal(owner, Metric.MEETINGS, "Meet")
    _, rows = goals_and_rows(owner, first=3)
    assert {row[0] for row in rows} == {0, 1}  # the goal and the meetings: no entry read
    facts = facts_of_rows(rows, owner).by_metric
    assert len(facts[Metric.MEETINGS]) == 2
    assert not facts[Metric.REFERRALS_RECEIVED]


def test_goals_card_with_criteria_goes_through_the_selector(owner: User) -> None:
    ana, _ = _world(owner)
    _goal(owner, Metric.MEETINGS, "Meet designers", industry=ana.profile.industry or "Design")
    _goal(owner, Metric.REFERRALS_RECEIVED, "Refer")
    assert _progress(goals_card.nearest(owner)) == _progress(nearest_goals(owner, count=3))


def test_goals_card_is_one_query_without_criteria(owner: User) -> None:
    _world(owner)
    for metric in (Metric.MEETINGS, Metric.CONNECTIONS, Metric.CLIENTS_WON, Metric.FAVOURS_GIVEN):
        _goal(owner, metric, metric)
    with CaptureQueriesContext(db) as captured:
        card = goals_card.card(owner)
    assert len(captured) == 1
    assert card is not None
    assert card.context["more"] == 1


def _balance(member: User) -> tuple[int, int, str]:
    balance = balance_of(member, chart=False)
    return balance.given, balance.received, balance.prompts[0] if balance.prompts else ""


def test_ledger_card_counts_and_prompts_as_the_balance(owner: User) -> None:
    assert ledger_card.card_balance(owner) == ledger_card.CardBalance(0, 0, "")
    ana, bo = _world(owner)
    found = ledger_card.card_balance(owner)
    assert (found.given, found.received, found.prompt) == _balance(owner)
    assert found.prompt  # Ana gave more than she received
    # A non-member named in two spellings is one person; the newest spelling names them.
    for _ in range(3):
        _entry(None, owner, EntryKind.INTRODUCTION, name="CARLA GOMES")
    found = ledger_card.card_balance(owner)
    assert (found.given, found.received, found.prompt) == _balance(owner)
    for member in (ana, bo):
        found = ledger_card.card_balance(member)
        assert (found.given, found.received, found.prompt) == _balance(member)


def test_ledger_card_is_one_query(owner: User) -> None:
    _world(owner)
    with CaptureQueriesContext(db) as captured:
        ledger_card.card(owner)
    assert len(captured) == 1


def _tasks_expected(owner: User) -> tuple[object, ...]:
    today = timezone.localdate()
    counts = followups.task_counts(owner, today=today)
    figures = followups_card._Figures(owner)
    rows = followups.task_rows(
        owner, followups.tasks_by_ids(owner, counts.next_ids), connected=figures.connected
    )
    return (
        counts.open,
        counts.overdue,
        counts.due_today,
        counts.rate,
        [(r.task.pk, r.task.title, r.task.due_on, r.due_items, r.write) for r in rows],
        losing_touch_count(owner, today=today),
    )


def _tasks_found(owner: User) -> tuple[object, ...]:
    today = timezone.localdate()
    tasks = followups_card._Tasks(owner, today)
    rows = tasks.rows(owner, followups_card._Figures(owner).connected)
    counts = tasks.counts
    return (
        counts.open,
        counts.overdue,
        counts.due_today,
        counts.rate,
        [(r.task.pk, r.task.title, r.task.due_on, r.due_items, r.write) for r in rows],
        tasks.losing_touch,
    )


def test_followups_card_counts_and_rows_as_the_selectors(owner: User) -> None:
    assert _tasks_found(owner) == _tasks_expected(owner)
    today = timezone.localdate()
    ana = make_member("Ana")
    connection_create(member=owner, other=ana, source=Connection.Source.EVENT)
    rui = contact_for_member(owner=owner, member=ana)
    zoe = Contact.objects.create(owner=owner, name="Zoe Lima", email="zoe@example.org")
    nobody = Contact.objects.create(owner=owner, name="No Address")
    followup_create(
        owner=owner, contact=rui, title="Thank Ana", due_on=today, kind=FollowUp.Kind.AFTER_MEETING
    )
    followup_create(
        owner=owner, contact=rui, title="The intro", due_on=today, kind=FollowUp.Kind.PROMISE
    )
    followup_create(
        owner=owner, contact=zoe, title="Send the deck", due_on=today - timedelta(days=3)
    )
    followup_create(
        owner=owner, contact=nobody, title="Call back", due_on=today + timedelta(days=2)
    )
    for days in range(4):
        followup_create(
            owner=owner,
            contact=None,
            title=f"Later {days}",
            due_on=today + timedelta(days=9 + days),
        )
    done = followup_create(
        owner=owner, contact=zoe, title="Done one", due_on=today - timedelta(days=1)
    )
    assert done is not None
    FollowUp.objects.filter(pk=done.pk).update(status=FollowUp.Status.DONE, done_at=timezone.now())
    dismissed = followup_create(
        owner=owner, contact=zoe, title="Dropped", due_on=today - timedelta(days=1)
    )
    assert dismissed is not None
    FollowUp.objects.filter(pk=dismissed.pk).update(status=FollowUp.Status.DISMISSED)
    # Losing touch: by the contact's own interval, by a tag's, and not at all.
    Contact.objects.filter(pk=zoe.pk).update(
        max_days=10, last_interaction_on=today - timedelta(days=30)
    )
    tag = Tag.objects.create(owner=owner, name="clients", ideal_days=5)
    nobody.tags.add(tag)
    Contact.objects.filter(pk=nobody.pk).update(last_interaction_on=today - timedelta(days=30))
    found = _tasks_found(owner)
    assert found == _tasks_expected(owner)
    assert found[:3] == (8, 1, 2)
    assert found[5] == 2
    rows = found[4]
    assert isinstance(rows, list)
    assert ["promised favour: The intro"] in [row[3] for row in rows]


def test_followups_card_tasks_are_one_query(owner: User) -> None:
    followup_create(owner=owner, contact=None, title="Write", due_on=timezone.localdate())
    with CaptureQueriesContext(db) as captured:
        followups_card._Tasks(owner, timezone.localdate())
    assert len(captured) == 1
