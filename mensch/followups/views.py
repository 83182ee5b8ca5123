"""Follow-up pages: open tasks (and the overdue view), done / snooze / dismiss, the
calendar feed."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mensch.core.forms import apply_errors
from mensch.followups import selectors, services
from mensch.followups.calendar import followup_calendar
from mensch.followups.forms import FollowUpForm, SnoozeForm
from mensch.followups.models import CalendarFeed


def _page(
    request: HttpRequest, *, overdue_only: bool, form: FollowUpForm | None = None, status: int = 200
) -> HttpResponse:
    today = timezone.localdate()
    tasks = list(
        selectors.overdue(request.user) if overdue_only else selectors.followups_of(request.user)
    )
    return render(
        request,
        "followups/list.html",
        {
            "overdue": [t for t in tasks if t.due_on < today],
            "today_tasks": [t for t in tasks if t.due_on == today],
            "upcoming": [t for t in tasks if t.due_on > today],
            "overdue_only": overdue_only,
            "form": form or FollowUpForm(initial={"due_on": today + timedelta(days=1)}),
            "rate": selectors.followup_rate(request.user),
            "today": today,
        },
        status=status,
    )


@login_required
def followup_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = FollowUpForm(request.POST)
        if form.is_valid():
            try:
                if not form.cleaned_data["title"].strip():
                    raise ValidationError({"title": ["Say what to do."]})
                services.followup_create(owner=request.user, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "Follow-up added.")
                return redirect("followups")
        return _page(request, overdue_only=False, form=form, status=422)
    return _page(request, overdue_only=False)


@login_required
def followup_overdue(request: HttpRequest) -> HttpResponse:
    return _page(request, overdue_only=True)


def _act(request: HttpRequest, followup_id: int, action: str) -> HttpResponse:
    followup = selectors.own_followup(owner=request.user, followup_id=followup_id)
    try:
        if action == "done":
            services.followup_complete(followup=followup)
        elif action == "dismiss":
            services.followup_dismiss(followup=followup)
        else:
            form = SnoozeForm(request.POST)
            days = form.cleaned_data["days"] if form.is_valid() else 0
            services.followup_snooze(followup=followup, days=days)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if request.headers.get("HX-Request"):
        return render(
            request, "followups/list.html#task", {"task": followup, "today": timezone.localdate()}
        )
    return redirect(request.POST.get("next") or reverse("followups"))


@login_required
@require_POST
def followup_done(request: HttpRequest, followup_id: int) -> HttpResponse:
    return _act(request, followup_id, "done")


@login_required
@require_POST
def followup_snooze(request: HttpRequest, followup_id: int) -> HttpResponse:
    return _act(request, followup_id, "snooze")


@login_required
@require_POST
def followup_dismiss(request: HttpRequest, followup_id: int) -> HttpResponse:
    return _act(request, followup_id, "dismiss")


@login_required
def calendar_settings(request: HttpRequest) -> HttpResponse:
    feed = services.calendar_feed(member=request.user, renew=request.method == "POST")
    if request.method == "POST":
        messages.success(request, "New calendar address made; the old one no longer works.")
        return redirect("followup_calendar")
    url = request.build_absolute_uri(reverse("followup_feed", args=[feed.token]))
    return render(request, "followups/calendar.html", {"feed_url": url})


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No login: calendar apps fetch this; the unguessable token is the key."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("member"), token=token)
    if not feed.member.is_active:
        return HttpResponse(status=404)
    response = HttpResponse(
        followup_calendar(feed.member), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="mensch-followups.ics"'
    return response
