"""Goals and ROI over the API: the same services and selectors as the pages."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from ninja import Router, Schema, Status

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.events.selectors import attendance_of
from mensch.goals import roi, selectors, services
from mensch.goals.views import roi_csv_header, roi_csv_row

router = Router(tags=["goals"])


class GoalOut(Schema):
    id: int
    title: str
    metric: str
    metric_label: str
    target: Decimal
    currency: str
    starts_on: date
    ends_on: date
    current: Decimal
    counted: Decimal
    percent: int
    done: bool
    kind: str
    industry: str
    event_id: int | None
    criteria: str


class GoalIn(Schema):
    title: str = ""
    metric: str
    target: Decimal
    period: Literal["month", "quarter", "year", "custom"] = "quarter"
    starts_on: date | None = None
    ends_on: date | None = None
    currency: str = ""
    kind: str = ""
    industry: str = ""
    event_id: int | None = None


class CostOut(Schema):
    ticket: Decimal
    travel: Decimal
    currency: str
    hours: Decimal
    note: str


class CostIn(Schema):
    ticket: Decimal = Decimal(0)
    travel: Decimal = Decimal(0)
    currency: str = "EUR"
    hours: Decimal
    note: str = ""


class Money(Schema):
    currency: str
    value: Decimal


class EventOutcomeOut(Schema):
    event_id: int
    title: str
    starts_at: datetime
    cost: CostOut | None
    confirmed_meetings: int
    connections: int
    followups_done: int
    referrals_received: int
    referrals_given: int
    deals_closed: int
    business_closed: list[Money]
    business_credited: list[Money]
    relationships_per_hour: Decimal | None


class EventOutcomeDetailOut(EventOutcomeOut):
    """One event's outcome for the member, with the event's own figures (the same rule
    as the organizer's pages)."""

    event_attendees: int
    event_meetings_per_attendee: float


class RoiOut(Schema):
    currency: str
    total_hours: Decimal
    total_cost: Decimal
    total_business: Decimal
    business_closed: list[Money]
    business_credited: list[Money]
    events: list[EventOutcomeOut]
    best_per_hour: list[int]


class OrganizerEventOut(Schema):
    event_id: int
    title: str
    format: str
    educational: bool
    attendees: int
    confirmed_meetings: int
    connections: int
    referrals: int
    deals: int


class FormatOut(Schema):
    format: str
    educational: bool
    events: int
    attendees: int
    confirmed_meetings: int
    connections: int
    referrals: int
    deals: int
    meetings_per_attendee: float


class OrganizerOut(Schema):
    events: list[OrganizerEventOut]
    formats: list[FormatOut]


def goal_out(progress: selectors.GoalProgress) -> dict[str, object]:
    goal = progress.goal
    return {
        "id": goal.pk,
        "title": goal.title,
        "metric": goal.metric,
        "metric_label": goal.get_metric_display(),
        "target": goal.target,
        "currency": goal.currency,
        "starts_on": goal.starts_on,
        "ends_on": goal.ends_on,
        "current": progress.current,
        "counted": progress.counted,
        "percent": progress.percent,
        "done": progress.done,
        "kind": goal.kind,
        "industry": goal.industry,
        "event_id": goal.event_id,
        "criteria": goal.criteria_label,
    }


@router.get("", response=list[GoalOut], summary="Your goals with computed progress")
def goal_list(request: AuthenticatedHttpRequest) -> list[dict[str, object]]:
    return [goal_out(p) for p in selectors.goals_with_progress(request.user)]


@router.post("", response={201: GoalOut}, summary="Set a goal")
def goal_create(request: AuthenticatedHttpRequest, payload: GoalIn) -> Status:
    goal = services.goal_create(member=request.user, **payload.dict())
    return Status(201, goal_out(selectors.own_goal(member=request.user, goal_id=goal.pk)))


@router.get("/roi", response=RoiOut, summary="What your events returned")
def roi_summary(request: AuthenticatedHttpRequest) -> dict[str, object]:
    result = roi.roi_of(request.user)
    return {
        "currency": result.currency,
        "total_hours": result.total_hours,
        "total_cost": result.total_cost,
        "total_business": result.total_business,
        "business_closed": money_out(result.business.closed),
        "business_credited": money_out(result.business.credited),
        "events": [outcome_out(o) for o in result.outcomes],
        "best_per_hour": [o.event.pk for o in result.best_per_hour],
    }


@router.get("/roi/export", summary="Your ROI per event as CSV")
def roi_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(roi_csv_header())
    for outcome in roi.roi_of(request.user).outcomes:
        writer.writerow(roi_csv_row(outcome))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mensch-roi.csv"'
    return response


@router.get("/roi/organizer", response=OrganizerOut, summary="Outcomes of your events (organizers)")
def roi_organizer(request: AuthenticatedHttpRequest) -> dict[str, object]:
    if not request.user.is_organizer:
        raise PermissionDenied("Only organizers see event outcomes.")
    report = roi.organizer_report(request.user)
    return {
        "events": [
            {
                "event_id": r.event.pk,
                "title": r.event.title,
                "format": r.format,
                "educational": r.educational,
                "attendees": r.attendees,
                "confirmed_meetings": r.meetings,
                "connections": r.connections,
                "referrals": r.referrals,
                "deals": r.deals,
            }
            for r in report.events
        ],
        "formats": [
            {
                "format": f.format,
                "educational": f.educational,
                "events": f.events,
                "attendees": f.attendees,
                "confirmed_meetings": f.meetings,
                "connections": f.connections,
                "referrals": f.referrals,
                "deals": f.deals,
                "meetings_per_attendee": float(f.meetings_per_attendee),
            }
            for f in report.formats
        ],
    }


def money_out(amounts: dict[str, Decimal]) -> list[dict[str, object]]:
    return [{"currency": c, "value": v} for c, v in sorted(amounts.items())]


def outcome_out(outcome: roi.EventOutcome) -> dict[str, object]:
    cost = outcome.cost
    return {
        "event_id": outcome.event.pk,
        "title": outcome.event.title,
        "starts_at": outcome.event.starts_at,
        "cost": (
            {
                "ticket": cost.ticket,
                "travel": cost.travel,
                "currency": cost.currency,
                "hours": cost.hours,
                "note": cost.note,
            }
            if cost is not None
            else None
        ),
        "confirmed_meetings": outcome.meetings,
        "connections": outcome.connections,
        "followups_done": outcome.followups_done,
        "referrals_received": outcome.referrals_received,
        "referrals_given": outcome.referrals_given,
        "deals_closed": outcome.deals,
        "business_closed": money_out(outcome.business),
        "business_credited": money_out(outcome.credited),
        "relationships_per_hour": outcome.per_hour,
    }


def outcome_detail_out(outcome: roi.EventOutcome) -> dict[str, object]:
    attendance = attendance_of(outcome.event)
    return outcome_out(outcome) | {
        "event_attendees": attendance.attendees,
        "event_meetings_per_attendee": float(attendance.meetings_per_attendee),
    }


@router.get("/roi/events/{event_id}", response=EventOutcomeDetailOut, summary="One event's outcome")
def roi_event(request: AuthenticatedHttpRequest, event_id: int) -> dict[str, object]:
    return outcome_detail_out(roi.event_outcome(member=request.user, event_id=event_id))


@router.put(
    "/roi/events/{event_id}/cost",
    response=EventOutcomeDetailOut,
    summary="Record what an event cost",
)
def roi_event_cost(
    request: AuthenticatedHttpRequest, event_id: int, payload: CostIn
) -> dict[str, object]:
    outcome = roi.event_outcome(member=request.user, event_id=event_id)
    services.event_cost_record(member=request.user, event=outcome.event, **payload.dict())
    return outcome_detail_out(roi.event_outcome(member=request.user, event_id=event_id))


@router.get("/{goal_id}", response=GoalOut, summary="One goal")
def goal_detail(request: AuthenticatedHttpRequest, goal_id: int) -> dict[str, object]:
    return goal_out(selectors.own_goal(member=request.user, goal_id=goal_id))


@router.delete("/{goal_id}", response={204: None}, summary="Remove a goal")
def goal_remove(request: AuthenticatedHttpRequest, goal_id: int) -> Status:
    services.goal_delete(member=request.user, goal_id=goal_id)
    return Status(204, None)
