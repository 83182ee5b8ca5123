from __future__ import annotations

import json
from decimal import Decimal

import pytest

from mensch.accounts.models import User
from mensch.events.models import Event
from mensch.goals import services
from mensch.goals.data import member_data
from mensch.meetings.models import Meeting

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_member_data_has_own_goals_and_event_costs_not_strangers(
    owner: User, stranger: User, event: Event, met_at_event: Meeting
) -> None:
    services.goal_create(
        member=owner, title="Three new clients this quarter", metric="clients_won", target="3"
    )
    services.goal_create(
        member=stranger, title="A stranger's private goal", metric="meetings", target="5"
    )
    services.event_cost_record(
        member=owner, event=event, ticket="25", travel="4.50", hours="3", note="Train"
    )

    data = member_data(owner)

    rows = data["goals"]
    assert isinstance(rows, list)
    assert [(r["type"], r.get("title"), r.get("event")) for r in rows] == [
        ("goal", "Three new clients this quarter", None),
        ("event_cost", None, "Lisbon Founders Breakfast"),
    ]
    assert (rows[1]["ticket"], rows[1]["travel"], rows[1]["currency"]) == ("25.00", "4.50", "EUR")
    assert Decimal(rows[0]["target"]) == 3
    assert "A stranger's private goal" not in json.dumps(data)


def test_member_data_of_a_createsuperuser_account_is_empty_lists(db: None) -> None:
    admin = User.objects.create_superuser(email="root@example.org", password="x" * 20)
    assert member_data(admin) == {"goals": []}
