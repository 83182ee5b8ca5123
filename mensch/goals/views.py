"""Goals and ROI pages; thin over services and selectors."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.core.forms import apply_errors
from mensch.core.markup import form_fields
from mensch.events.selectors import attendance_of
from mensch.goals import roi, selectors, services
from mensch.goals.forms import CostForm, GoalForm


@login_required
def goals(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = GoalForm(request.POST or None, events=selectors.goal_event_choices(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.goal_create(
                member=request.user,
                title=data["title"],
                metric=data["metric"],
                target=data["target"],
                period=data["period"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                currency=data["currency"],
                kind=data["kind"],
                industry=data["industry"],
                event_id=data["event_id"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Goal set. Mensch counts your progress for you.")
            return redirect("goals")
    return render(
        request,
        "goals/goals.html",
        {
            "form": form,
            "form_fields": form_fields(form),
            "goals": selectors.goals_with_progress(request.user),
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def goal_delete(request: AuthenticatedHttpRequest, goal_id: int) -> HttpResponse:
    services.goal_delete(member=request.user, goal_id=goal_id)
    messages.success(request, "Goal removed.")
    return redirect("goals")


@login_required
def roi_dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "goals/roi.html", {"roi": roi.roi_of(request.user)})


@login_required
def roi_event(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    outcome = roi.event_outcome(member=request.user, event_id=event_id)
    cost = outcome.cost
    initial = (
        {
            "ticket": cost.ticket,
            "travel": cost.travel,
            "currency": cost.currency,
            "hours": cost.hours,
            "note": cost.note,
        }
        if cost is not None
        else {"currency": outcome.event.currency or "EUR", "ticket": outcome.event.price}
    )
    form = CostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cost_record(
                member=request.user, event=outcome.event, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Cost saved.")
            return redirect("roi_event", event_id=event_id)
    return render(
        request,
        "goals/roi_event.html",
        {"outcome": outcome, "form": form, "attendance": attendance_of(outcome.event)},
        status=422 if form.errors else 200,
    )


@login_required
def roi_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    result = roi.roi_of(request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mensch-roi.csv"'
    writer = csv.writer(response)
    writer.writerow(roi_csv_header())
    for outcome in result.outcomes:
        writer.writerow(roi_csv_row(outcome))
    return response


def roi_csv_header() -> list[str]:
    return [
        "event",
        "date",
        "ticket",
        "travel",
        "cost_currency",
        "hours",
        "confirmed_meetings",
        "connections",
        "follow_ups_done",
        "referrals_received",
        "referrals_given",
        "deals_closed",
        "business_closed",
        "business_credited_to_you",
        "relationships_per_hour",
    ]


def roi_csv_row(outcome: roi.EventOutcome) -> list[object]:
    def money(amounts: Mapping[str, Decimal]) -> str:
        return "; ".join(f"{value} {code}" for code, value in sorted(amounts.items()))

    cost = outcome.cost
    title = outcome.event.title
    return [
        f"'{title}" if title[:1] in ("=", "+", "-", "@") else title,
        outcome.event.starts_at.date().isoformat(),
        cost.ticket if cost else "",
        cost.travel if cost else "",
        cost.currency if cost else "",
        cost.hours if cost else "",
        outcome.meetings,
        outcome.connections,
        outcome.followups_done,
        outcome.referrals_received,
        outcome.referrals_given,
        outcome.deals,
        money(outcome.business),
        money(outcome.credited),
        outcome.per_hour if outcome.per_hour is not None else "",
    ]


@login_required
def roi_organizer(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.is_organizer:
        raise PermissionDenied("Only organizers see event outcomes.")
    return render(request, "goals/organizer.html", {"report": roi.organizer_report(request.user)})
