"""The demo community uses one currency: the events are in GBP (Manchester), so the ledger's
closed business, the goals and the event costs are too (issue 14)."""

from __future__ import annotations

import pytest

from mensch.demo.load import demo_load, demo_load_capabilities
from mensch.events.demo import CURRENCY
from mensch.events.models import Event
from mensch.goals.models import EventCost, Goal
from mensch.ledger.models import LedgerEntry
from mensch.matching.services import matches_recompute

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_every_amount_in_the_demo_is_in_the_community_currency() -> None:
    summary = demo_load(members=80, password="demo-password-1")
    matches_recompute()
    demo_load_capabilities(summary)
    assert CURRENCY == "GBP"
    priced = {
        "events": set(Event.objects.values_list("currency", flat=True)),
        "ledger": set(LedgerEntry.objects.exclude(value=None).values_list("currency", flat=True)),
        "goals": set(Goal.objects.exclude(currency="").values_list("currency", flat=True)),
        "event costs": set(EventCost.objects.values_list("currency", flat=True)),
    }
    assert priced == {name: {"GBP"} for name in priced}
    titles = set(Goal.objects.filter(metric="business_value").values_list("title", flat=True))
    assert titles == {"Business worth 10,000 GBP this year"}
