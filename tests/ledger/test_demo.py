from __future__ import annotations

import pytest

from mensch.accounts.models import User
from mensch.demo.load import demo_load
from mensch.events.demo import load_demo as events_demo
from mensch.goals.demo import load_demo as goals_demo
from mensch.goals.models import EventCost, Goal
from mensch.goals.roi import roi_of
from mensch.ledger.demo import load_demo as ledger_demo
from mensch.ledger.models import LedgerEntry, ReferralExchange
from mensch.ledger.selectors import verified_entries

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_demo_ledger_and_goals_build_on_event_meetings_and_load_once() -> None:
    summary = demo_load(members=40, seed=7, password="demo password 123")
    organizer = User.objects.get(email=summary.organizer_email)
    members = list(User.objects.exclude(pk=organizer.pk).order_by("pk"))
    events_demo(members=members, organizer=organizer, seed=7)
    first = ledger_demo(members=members, organizer=organizer, seed=7)
    goals_first = goals_demo(members=members, organizer=organizer, seed=7)
    counts = (
        LedgerEntry.objects.count(),
        ReferralExchange.objects.count(),
        Goal.objects.count(),
        EventCost.objects.count(),
    )
    assert counts[0] > 10
    assert counts[2] > 10
    assert counts[3] > 5
    assert LedgerEntry.objects.filter(status="closed", value__gt=0).exists()
    assert verified_entries().exists()
    assert {"released", "open", "cancelled"} <= set(
        ReferralExchange.objects.values_list("status", flat=True)
    )
    assert first.startswith(f"{counts[0]} ledger entries")
    assert goals_first == f"{counts[2]} goals, {counts[3]} event costs"
    # Somebody's ROI shows business traced to the demo breakfast.
    closed = LedgerEntry.objects.filter(
        status="closed", receiver__isnull=False, giver__isnull=False
    )
    assert any(roi_of(entry.receiver).total_business > 0 for entry in closed)
    # A second load adds nothing.
    assert ledger_demo(members=members, organizer=organizer, seed=7).endswith("(already loaded)")
    assert goals_demo(members=members, organizer=organizer, seed=7).endswith("(already loaded)")
    assert counts == (
        LedgerEntry.objects.count(),
        ReferralExchange.objects.count(),
        Goal.objects.count(),
        EventCost.objects.count(),
    )
