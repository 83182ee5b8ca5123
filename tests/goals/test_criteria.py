"""Goals say what counts toward them, count only that, and never read "5 of 2"."""

from __future__ import annotations

from collections.abc import Callable
from html import unescape

import pytest
from django.test import Client

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.connections.services import connection_create
from mensch.goals import selectors, services
from mensch.goals.models import Goal
from tests.factories import make_member
from tests.ledger.conftest import api_client

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

Login = Callable[[User], Client]


def connect(owner: User, *others: User) -> None:
    for other in others:
        connection_create(member=owner, other=other, source=Connection.Source.INTRODUCTION)


def software_partner(name: str) -> User:
    return make_member(
        name, industry="Software", offers=[("partner", "Co-selling with design studios")]
    )


def marketing_client(name: str) -> User:
    return make_member(name, industry="Marketing", asks=[("client", "Brands that need a refresh")])


def test_two_software_partners_counts_a_software_partner_not_a_marketing_client(
    owner: User, login_as: Login
) -> None:
    client = login_as(owner)
    response = client.post(
        "/goals/",
        {
            "title": "Two software partners",
            "metric": "connections",
            "target": "2",
            "period": "quarter",
            "kind": "partner",
            "industry": "software",
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get(member=owner)
    connect(owner, software_partner("Sam"), marketing_client("Mia"), make_member("Noor"))
    progress = selectors.own_goal(member=owner, goal_id=goal.pk)
    assert (progress.current, progress.done) == (1, False)
    html = unescape(client.get("/goals/").content.decode())
    assert "Counts new connections in software with a partner ask or offer." in html
    assert "<strong>1</strong> of 2 new connections" in html
    body = api_client(owner).get(f"/api/v1/goals/{goal.pk}").json()
    assert (body["current"], body["kind"], body["industry"]) == ("1", "partner", "software")
    assert body["criteria"] == "Counts new connections in software with a partner ask or offer"
    # Someone in software who *asks* for a partner counts too.
    connect(owner, make_member("Tom", industry="Software", asks=[("partner", "A dev shop")]))
    assert selectors.own_goal(member=owner, goal_id=goal.pk).done


def test_progress_past_the_target_reads_as_done_never_five_of_two(
    owner: User, login_as: Login
) -> None:
    goal = services.goal_create(
        member=owner, title="Two new connections", metric="connections", target=2, period="year"
    )
    connect(owner, *(make_member(f"Contact{n}") for n in range(5)))
    html = unescape(login_as(owner).get("/goals/").content.decode())
    assert "<strong>2</strong> of 2 new connections — done, 5 in all" in html
    assert "5</strong> of 2" not in html
    dashboard = unescape(login_as(owner).get("/dashboard/").content.decode())
    assert "2 of 2 — done, 5 in all" in dashboard
    assert "5 / 2" not in dashboard
    body = api_client(owner).get(f"/api/v1/goals/{goal.pk}").json()
    assert (body["counted"], body["current"], body["done"], body["percent"]) == (
        "2",
        "5",
        True,
        100,
    )


def test_goal_without_criteria_counts_everything_as_before(owner: User) -> None:
    goal = services.goal_create(
        member=owner, title="New connections", metric="connections", target=5, period="year"
    )
    connect(owner, software_partner("Sam"), marketing_client("Mia"))
    progress = selectors.own_goal(member=owner, goal_id=goal.pk)
    assert (goal.criteria_label, progress.current) == ("", 2)


def test_goal_criteria_over_the_api_and_bad_criteria_refused(owner: User) -> None:
    api = api_client(owner)
    created = api.post(
        "/api/v1/goals",
        {
            "title": "Two software partners",
            "metric": "connections",
            "target": 2,
            "kind": "partner",
            "industry": "Software",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["criteria"] == (
        "Counts new connections in Software with a partner ask or offer"
    )
    bad = api.post(
        "/api/v1/goals",
        {"metric": "connections", "target": 2, "kind": "friend", "event_id": 999999},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"kind", "event_id"}
    assert Goal.objects.filter(member=owner).count() == 1
