"""Set and remove goals; record what an event cost."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mensch.accounts.models import User
from mensch.core.currencies import validate_currency
from mensch.core.text import normalise_line
from mensch.events.models import Event
from mensch.events.selectors import visible_events
from mensch.goals.attendance import attended_event_ids
from mensch.goals.models import COUNT_TARGET_MAX, HOURS_MAX, EventCost, Goal, Metric
from mensch.ledger.models import VALUE_MAX
from mensch.vocabulary import ITEM_KINDS

PERIODS = ("month", "quarter", "year", "custom")


def period_dates(period: str, today: date) -> tuple[date, date]:
    """The calendar month, quarter or year around ``today``."""
    if period == "month":
        start = today.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    elif period == "quarter":
        first_month = 3 * ((today.month - 1) // 3) + 1
        start = date(today.year, first_month, 1)
        end = (start + timedelta(days=95)).replace(day=1) - timedelta(days=1)
    elif period == "year":
        start, end = date(today.year, 1, 1), date(today.year, 12, 31)
    else:
        raise ValueError(period)
    return start, end


def _amount(raw: object, field: str, *, maximum: Decimal, errors: dict[str, list[str]]) -> Decimal:
    try:
        value = Decimal(str(raw).strip().replace(",", "") or "0")
    except InvalidOperation:
        errors[field] = ["Write a number, e.g. 45 or 12.50."]
        return Decimal("0")
    if not value.is_finite():
        errors[field] = ["Write a number, e.g. 45 or 12.50."]
    elif value < 0:
        errors[field] = ["This cannot be negative."]
    elif value > maximum:
        errors[field] = [f"That is more than {maximum:,.0f}: please check it."]
    elif value != value.quantize(Decimal("0.01")):
        errors[field] = ["Use at most two decimals."]
    return value


@transaction.atomic
def goal_create(
    *,
    member: User,
    title: str,
    metric: str,
    target: object,
    period: str = "quarter",
    starts_on: date | None = None,
    ends_on: date | None = None,
    currency: str = "",
    kind: str = "",
    industry: str = "",
    event_id: int | None = None,
) -> Goal:
    """Set a goal. ``kind``, ``industry`` and ``event_id`` are optional criteria: what
    counts toward it (``selectors.matches``); without them everything of the metric counts.
    """
    errors: dict[str, list[str]] = {}
    if metric not in Metric.values:
        errors["metric"] = ["Choose one of the goal kinds Mensch can count."]
    amount = _amount(target, "target", maximum=VALUE_MAX, errors=errors)
    if "target" not in errors:
        if amount < 1:
            errors["target"] = ["Set a target of at least 1."]
        elif metric != Metric.BUSINESS_VALUE and (
            amount != amount.to_integral_value() or amount > COUNT_TARGET_MAX
        ):
            errors["target"] = [f"Count in whole numbers, at most {COUNT_TARGET_MAX:,}."]
    currency = currency.strip().upper()
    if metric == Metric.BUSINESS_VALUE:
        try:
            validate_currency(currency)
        except ValidationError as exc:
            errors["currency"] = exc.messages
    else:
        currency = ""
    if period not in PERIODS:
        errors["period"] = ["Choose this month, this quarter, this year or your own dates."]
    elif period != "custom":
        starts_on, ends_on = period_dates(period, timezone.localdate())
    elif starts_on is None or ends_on is None:
        errors["ends_on"] = ["Give a start and an end date."]
    elif ends_on < starts_on:
        errors["ends_on"] = ["The end comes after the start."]
    elif (ends_on - starts_on).days > 5 * 366:
        errors["ends_on"] = ["Keep a goal to five years at most."]
    kind = (kind or "").strip().lower()
    if kind and kind not in ITEM_KINDS:
        errors["kind"] = [f"Choose one of: {', '.join(ITEM_KINDS)}."]
    event = None
    if event_id is not None:
        event = visible_events(member).filter(pk=event_id).first()
        if event is None:
            errors["event_id"] = ["Choose an event you can see."]
    if errors or starts_on is None or ends_on is None:
        raise ValidationError(errors)
    goal = Goal(
        member=member,
        title=normalise_line(title),
        metric=metric,
        target=amount,
        currency=currency,
        starts_on=starts_on,
        ends_on=ends_on,
        kind=kind,
        industry=normalise_line(industry or ""),
        event=event,
    )
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def goal_delete(*, member: User, goal_id: int) -> None:
    Goal.objects.filter(member=member).get(pk=goal_id).delete()


@transaction.atomic
def event_cost_record(
    *,
    member: User,
    event: Event,
    ticket: object = "0",
    travel: object = "0",
    currency: str = "EUR",
    hours: object,
    note: str = "",
) -> EventCost:
    """Record (or correct) what one event cost this member; only for events they attended."""
    if event.pk not in attended_event_ids(member):
        raise ValidationError({"event": ["Record costs for events you attended."]})
    errors: dict[str, list[str]] = {}
    ticket_amount = _amount(ticket, "ticket", maximum=VALUE_MAX, errors=errors)
    travel_amount = _amount(travel, "travel", maximum=VALUE_MAX, errors=errors)
    hours_amount = _amount(hours, "hours", maximum=HOURS_MAX, errors=errors)
    currency = currency.strip().upper()
    try:
        validate_currency(currency)
    except ValidationError as exc:
        errors["currency"] = exc.messages
    if errors:
        raise ValidationError(errors)
    cost = EventCost.objects.select_for_update().filter(member=member, event=event).first()
    cost = cost or EventCost(member=member, event=event)
    cost.ticket, cost.travel, cost.hours = ticket_amount, travel_amount, hours_amount
    cost.currency = currency
    cost.note = normalise_line(note)
    cost.full_clean(validate_unique=False)
    cost.save()
    return cost
