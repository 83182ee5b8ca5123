from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.goals import selectors, services
from mensch.goals.models import Goal
from mensch.ledger import services as ledger
from mensch.meetings.models import Meeting
from tests.ledger.conftest import api_client

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def closed_referral(giver: User, receiver: User, value: str, currency: str = "EUR") -> None:
    entry = ledger.ledger_entry_record(
        member=giver,
        kind="referral",
        direction="given",
        description="Referred a client",
        counterpart=receiver,
        status="delivered",
    )
    ledger.ledger_entry_close(member=receiver, entry_id=entry.pk, value=value, currency=currency)


def test_progress_is_counted_from_meetings_connections_and_ledger(
    owner: User, ben: User, met_at_event: Meeting
) -> None:
    meetings = services.goal_create(
        member=owner, title="Meet five people", metric="meetings", target="5", period="year"
    )
    clients = services.goal_create(
        member=owner, title="Three new clients", metric="clients_won", target=3, period="year"
    )
    value = services.goal_create(
        member=owner,
        title="Business worth 10k",
        metric="business_value",
        target="10000",
        period="year",
        currency="EUR",
    )
    closed_referral(ben, owner, "2500")
    closed_referral(ben, owner, "900", "USD")  # another currency does not count
    progress = {p.goal.pk: p for p in selectors.goals_with_progress(owner)}
    assert (progress[meetings.pk].current, progress[meetings.pk].percent) == (Decimal(1), 20)
    assert progress[clients.pk].current == Decimal(2)
    assert (progress[value.pk].current, progress[value.pk].percent) == (Decimal("2500"), 25)
    # Ben gave: his clients goal stays at zero, and his connection counts for him.
    connections = services.goal_create(
        member=ben, title="New connections", metric="connections", target=2, period="month"
    )
    assert selectors.own_goal(member=ben, goal_id=connections.pk).current == Decimal(1)


def test_goal_period_excludes_facts_outside_it(
    owner: User, ben: User, connected: Connection
) -> None:
    goal = services.goal_create(
        member=owner,
        title="Referrals last year",
        metric="referrals_received",
        target=2,
        period="custom",
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 12, 31),
    )
    closed_referral(ben, owner, "100")
    assert selectors.own_goal(member=owner, goal_id=goal.pk).current == Decimal(0)


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"metric": "meetings", "target": "-3"}, {"target": ["This cannot be negative."]}),
        (
            {"metric": "meetings", "target": "2.5"},
            {"target": ["Count in whole numbers, at most 10,000."]},
        ),
        (
            {"metric": "business_value", "target": "1e12", "currency": "EUR"},
            {"target": ["That is more than 1,000,000,000: please check it."]},
        ),
        (
            {"metric": "business_value", "target": "500", "currency": "ABC"},
            {
                "currency": [
                    "“ABC” is not an ISO 4217 currency code; use three capital letters such as EUR."
                ]
            },
        ),
        (
            {"metric": "likes", "target": "3"},
            {"metric": ["Choose one of the goal kinds Mensch can count."]},
        ),
        (
            {
                "metric": "meetings",
                "target": "3",
                "period": "custom",
                "starts_on": date(2026, 5, 1),
                "ends_on": date(2026, 4, 1),
            },
            {"ends_on": ["The end comes after the start."]},
        ),
    ],
)
def test_bad_goal_is_refused_per_field_and_nothing_saved(
    owner: User, fields: dict, errors: dict
) -> None:
    with pytest.raises(ValidationError) as error:
        services.goal_create(member=owner, title="A goal", **fields)
    assert error.value.message_dict == errors
    assert Goal.objects.count() == 0


def test_goal_page_shows_progress_and_refuses_bad_target(owner: User, login_as: Callable) -> None:
    client = login_as(owner)
    bad = client.post(
        "/goals/", {"title": "Meet", "metric": "meetings", "target": "-1", "period": "quarter"}
    )
    assert bad.status_code == 422
    assert "This cannot be negative." in bad.content.decode()
    assert Goal.objects.count() == 0
    client.post(
        "/goals/",
        {"title": "Meet five investors", "metric": "meetings", "target": "5", "period": "quarter"},
    )
    html = client.get("/goals/").content.decode()
    assert "Meet five investors" in html
    assert "0</strong> of 5" in html


def test_another_members_goals_are_invisible(
    owner: User, stranger: User, login_as: Callable
) -> None:
    goal = services.goal_create(
        member=owner, title="Secret plan: three clients", metric="clients_won", target=3
    )
    api = api_client(stranger)
    assert api.get(f"/api/v1/goals/{goal.pk}").status_code == 404
    assert api.delete(f"/api/v1/goals/{goal.pk}").status_code == 404
    assert api.get("/api/v1/goals").json() == []
    client = login_as(stranger)
    assert client.post(f"/goals/{goal.pk}/delete/").status_code == 404
    assert "Secret plan" not in client.get("/goals/").content.decode()
    assert "Secret plan" not in client.get("/dashboard/").content.decode()
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_goals_api_create_and_delete(owner: User) -> None:
    api = api_client(owner)
    response = api.post(
        "/api/v1/goals",
        {
            "title": "Introduce four people",
            "metric": "introductions_made",
            "target": 4,
            "period": "month",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["metric_label"], body["current"], body["percent"]) == (
        "introductions made",
        "0",
        0,
    )
    bad = api.post(
        "/api/v1/goals",
        {"metric": "meetings", "target": -2},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad.json()["errors"] == {"target": ["This cannot be negative."]}
    assert api.delete(f"/api/v1/goals/{body['id']}").status_code == 204
    assert Goal.objects.count() == 0


def test_dashboard_shows_goal_and_ledger_cards(
    owner: User, ben: User, connected: Connection, login_as: Callable
) -> None:
    services.goal_create(member=owner, title="Three new clients", metric="clients_won", target=3)
    closed_referral(ben, owner, "100")
    html = login_as(owner).get("/dashboard/").content.decode()
    assert "Three new clients" in html
    assert "1 of 3" in html
    assert "You gave <strong>0</strong> and received <strong>1</strong>" in html


@pytest.mark.parametrize("count", [1, 3])
def test_goals_list_query_count(
    owner: User, count: int, login_as: Callable, django_assert_num_queries: Callable
) -> None:
    for number in range(count):
        services.goal_create(member=owner, title=f"Goal {number}", metric="meetings", target=3)
    api = api_client(owner)
    # token, token update, goals and their facts (only the goals' metrics': one statement)
    with django_assert_num_queries(3):
        assert len(api.get("/api/v1/goals").json()) == count
    client = login_as(owner)
    # session, user, events a goal may be limited to, goals and their facts, badge
    with django_assert_num_queries(5):
        html = client.get("/goals/").content.decode()
    assert f"Goals ({count})" in html
