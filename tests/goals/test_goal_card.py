"""The goals card measures only the goals it shows, and facts are loaded only for the
goals' metrics: the figures must stay those of the goals page, right after writes."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from mensch.accounts.models import User
from mensch.goals import dashboard, selectors, services
from mensch.goals.models import Metric
from mensch.meetings.models import Meeting
from tests.goals.test_goals import closed_referral

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _figures(progress: list[selectors.GoalProgress]) -> list[tuple[int, Decimal, int]]:
    return [(p.goal.pk, p.current, p.percent) for p in progress]


def test_card_shows_the_nearest_three_as_the_goals_page_measures_them(
    owner: User, ben: User, met_at_event: Meeting, django_assert_num_queries: Callable
) -> None:
    card = dashboard.card(owner)
    assert card is not None
    assert (card.context["goals"], card.context["more"]) == ([], 0)
    periods = ["month", "quarter", "year", "year", "year"]
    metrics = ["meetings", "clients_won", "connections", "business_value", "referrals_received"]
    for period, metric in zip(periods, metrics, strict=True):
        services.goal_create(
            member=owner,
            title=f"{metric} this {period}",
            metric=metric,
            target=2,
            period=period,
            currency="EUR" if metric == "business_value" else "",
        )
    closed_referral(ben, owner, "2500")
    every = selectors.goals_with_progress(owner)
    card = dashboard.card(owner)
    assert card is not None
    assert _figures(card.context["goals"]) == _figures(every[:3])
    assert card.context["more"] == 2
    # The figures are right after a write, and the page agrees with the card.
    closed_referral(ben, owner, "100")
    card = dashboard.card(owner)
    assert card is not None
    assert _figures(card.context["goals"]) == _figures(selectors.goals_with_progress(owner)[:3])
    clients = next(p for p in card.context["goals"] if p.goal.metric == Metric.CLIENTS_WON)
    assert clients.current == Decimal(2)


def test_each_metric_alone_counts_as_with_all_facts_loaded(
    owner: User, ben: User, met_at_event: Meeting
) -> None:
    closed_referral(ben, owner, "2500")
    everything = selectors.facts_of(owner, with_people=True)
    for metric in Metric.values:
        goal = services.goal_create(
            member=owner, title=metric, metric=metric, target=1, period="year", currency="EUR"
        )
        assert selectors.own_goal(member=owner, goal_id=goal.pk).current == (
            selectors.progress_of(goal, everything).current
        )
        only = selectors.facts_of(owner, with_people=True, metrics={metric})
        assert only.by_metric[metric] == everything.by_metric[metric]


def test_goal_with_event_criterion_shows_the_events_title(
    owner: User, met_at_event: Meeting, login_as: Callable
) -> None:
    assert met_at_event.event is not None
    services.goal_create(
        member=owner,
        title="Meet there",
        metric="meetings",
        target=1,
        period="year",
        event_id=met_at_event.event_id,
    )
    card = dashboard.card(owner)
    assert card is not None
    (shown,) = card.context["goals"]
    assert shown.current == Decimal(1)
    assert f"from {met_at_event.event.title}" in shown.goal.criteria_label
    html = login_as(owner).get("/goals/").content.decode()
    assert f"from {met_at_event.event.title}" in html
