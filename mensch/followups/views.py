"""Follow-up pages: open tasks (and the overdue view), done / snooze / dismiss, a promise
noted on a contact's page."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.contacts.selectors import own_contact
from mensch.core.forms import apply_errors
from mensch.core.htmx import is_htmx
from mensch.core.markup import form_fields
from mensch.followups import selectors, services
from mensch.followups.forms import FollowUpForm, PromiseForm, RemindersForm, SnoozeForm
from mensch.followups.rows import task_items


def _page(
    request: AuthenticatedHttpRequest,
    *,
    overdue_only: bool,
    form: FollowUpForm | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    found = selectors.task_page(request.user, overdue_only=overdue_only, today=today)
    rows = selectors.task_rows(
        request.user,
        found.tasks,
        with_links=True,
        connected=found.connected,
        all_open=not overdue_only,
    )
    chosen = found.chosen_reminders
    overdue = [r for r in rows if r.task.due_on < today]
    today_tasks = [r for r in rows if r.task.due_on == today]
    upcoming = [r for r in rows if r.task.due_on > today]
    csrf = str(csrf_input(request))
    form = form or FollowUpForm(initial={"due_on": today + timedelta(days=1)})
    reminders_form = RemindersForm(initial={"reminders_per_day": chosen})
    return render(
        request,
        "followups/list.html",
        {
            "overdue": overdue,
            "today_tasks": today_tasks,
            "upcoming": upcoming,
            "overdue_items": task_items(overdue, today=today, csrf_input=csrf),
            "today_items": task_items(today_tasks, today=today, csrf_input=csrf),
            "upcoming_items": task_items(upcoming, today=today, csrf_input=csrf),
            "overdue_only": overdue_only,
            "reminders_form": reminders_form,
            "reminders_per_day": chosen or settings.FOLLOWUP_REMINDERS_PER_DAY,
            "form": form,
            # Written when the template shows them (not on the overdue page).
            "form_fields": partial(form_fields, form),
            "reminders_fields": partial(form_fields, reminders_form),
            "rate": found.rate,
            "today": today,
        },
        status=status,
    )


@login_required
def followup_list(request: AuthenticatedHttpRequest) -> HttpResponse:
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
def followup_overdue(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _page(request, overdue_only=True)


def _act(request: AuthenticatedHttpRequest, followup_id: int, action: str) -> HttpResponse:
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
    if is_htmx(request):
        followup.refresh_from_db()
        row = selectors.task_rows(request.user, [followup], with_links=True)[0]
        return render(
            request, "followups/list.html#task", {"row": row, "today": timezone.localdate()}
        )
    return redirect(request.POST.get("next") or reverse("followups"))


@login_required
@require_POST
def followup_done(request: AuthenticatedHttpRequest, followup_id: int) -> HttpResponse:
    return _act(request, followup_id, "done")


@login_required
@require_POST
def followup_snooze(request: AuthenticatedHttpRequest, followup_id: int) -> HttpResponse:
    return _act(request, followup_id, "snooze")


@login_required
@require_POST
def followup_dismiss(request: AuthenticatedHttpRequest, followup_id: int) -> HttpResponse:
    return _act(request, followup_id, "dismiss")


@login_required
@require_POST
def followup_reminders(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The member's own number of follow-up reminders a day."""
    form = RemindersForm(request.POST)
    if form.is_valid():
        per_day = form.cleaned_data["reminders_per_day"]
        try:
            services.reminders_per_day_set(member=request.user, per_day=per_day)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            count = services.reminders_per_day(request.user)
            messages.success(
                request, f"You will get at most {count} follow-up reminder{pluralize(count)} a day."
            )
    else:
        messages.error(request, "Choose how many reminders a day from the list.")
    return redirect("followups")


@login_required
@require_POST
def promise_add(request: AuthenticatedHttpRequest, contact_id: int) -> HttpResponse:
    """The "Note a promise" form on a contact's page (``contact_panels``)."""
    contact = own_contact(owner=request.user, contact_id=contact_id)
    form = PromiseForm(request.POST)
    if form.is_valid():
        try:
            services.promise_log(
                owner=request.user,
                contact=contact,
                text=form.cleaned_data["title"],
                owed_by=form.cleaned_data["owed_by"],
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Promise noted: it is on your follow-up list.")
            return redirect("contact_detail", contact_id=contact.pk)
    messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("contact_detail", contact_id=contact.pk)
