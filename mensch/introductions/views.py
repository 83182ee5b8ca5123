"""Introduction pages: request, answer, withdraw, broker."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.connections.selectors import connection_rows
from mensch.core.coach import coach_draft
from mensch.core.forms import apply_errors
from mensch.introductions import selectors, services
from mensch.introductions.forms import BrokerForm, DecisionForm, RequestForm
from mensch.profiles.selectors import profile_for_viewer


@login_required
def introductions(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "introductions/list.html",
        {
            "boxes": selectors.introduction_boxes(request.user),
            "made": selectors.introductions_made_count(request.user),
        },
    )


class CoachedRequestForm(RequestForm):
    """The request form plus the listening coach's "send anyway" confirmation."""

    confirm_pitch = forms.BooleanField(required=False, label="Send it anyway")


@login_required
def introduction_request(request: AuthenticatedHttpRequest, profile_id: int) -> HttpResponse:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    form = CoachedRequestForm(request.POST or None)
    coach = None
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            services.introduction_request(
                requester=request.user,
                recipient=profile.user,
                reason=reason,
                confirm_pitch=form.cleaned_data["confirm_pitch"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, f"Request sent. {profile.name} will see your reason and can say yes or no."
            )
            return redirect("introductions")
        if "confirm_pitch" in form.errors:
            coach = coach_draft(
                reason,
                recipient_name=profile.name,
                context="introduction_request",
            )
    return render(
        request,
        "introductions/request.html",
        {
            "form": form,
            "profile": profile,
            "coach": coach,
            "confirm_errors": form.errors.get("confirm_pitch", []),
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def introduction_decide(
    request: AuthenticatedHttpRequest, introduction_id: int, decision: str
) -> HttpResponse:
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    action = {
        "accept": services.introduction_accept,
        "decline": services.introduction_decline,
    }[decision]
    try:
        introduction = action(introduction_id=introduction_id, member=request.user, note=note)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("introductions")
    if introduction.status == introduction.Status.ACCEPTED:
        other = introduction.other_party(request.user.pk)
        messages.success(request, "Accepted: you are now connected.")
        return redirect(
            "thread",
            profile_id=introduction.requester.profile.pk
            if other == introduction.requester_id
            else introduction.recipient.profile.pk,
        )
    if decision == "accept":
        messages.success(request, "Accepted. The other side has not answered yet.")
    else:
        messages.success(request, "Declined. They are told kindly; nothing else changes.")
    return redirect("introductions")


@login_required
@require_POST
def introduction_withdraw(request: AuthenticatedHttpRequest, introduction_id: int) -> HttpResponse:
    try:
        services.introduction_withdraw(introduction_id=introduction_id, member=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, "Request withdrawn.")
    return redirect("introductions")


@login_required
def introduction_broker(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = connection_rows(request.user)
    choices = [(row.profile.pk, row.profile.name) for row in rows]
    form = BrokerForm(request.POST or None, connections=choices)
    if request.method == "POST" and form.is_valid():
        by_profile = {row.profile.pk: row.profile.user for row in rows}
        try:
            services.introduction_broker(
                introducer=request.user,
                member_a=by_profile[form.cleaned_data["member_a"]],
                member_b=by_profile[form.cleaned_data["member_b"]],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Introduction sent. Both must accept before they connect.")
            return redirect("introductions")
    return render(
        request, "introductions/broker.html", {"form": form, "has_connections": len(rows) >= 2}
    )
