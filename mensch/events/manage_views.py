"""Organizer pages: create and edit events, the agenda, the attendee list with check-in,
rounds and the live console, analytics, import and export."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.core.forms import apply_errors
from mensch.events import imports, live, rounds, selectors, services, tasks
from mensch.events.forms import (
    AgendaItemForm,
    CancelForm,
    EventForm,
    ImportForm,
    RoundsForm,
    in_zone,
)
from mensch.events.models import Event, Seat


def _require_organizer(request: AuthenticatedHttpRequest) -> None:
    if not request.user.is_organizer:
        raise PermissionDenied("Only organizers can do this.")


@login_required
def event_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_organizer(request)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(organizer=request.user, **form.event_fields())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Draft saved. Add the agenda, then publish.")
            return redirect("event_manage", event_id=event.pk)
    status = 422 if form.errors else 200
    return render(request, "events/form.html", {"form": form, "event": None}, status=status)


@login_required
def event_edit(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    zone = ZoneInfo(event.time_zone)
    initial = {
        name: getattr(event, name)
        for name in (
            "title",
            "description",
            "venue",
            "address",
            "sponsors",
            "price",
            "currency",
            "capacity",
            "time_zone",
        )
    }
    initial["starts_at"] = timezone.localtime(event.starts_at, zone).replace(tzinfo=None)
    initial["ends_at"] = timezone.localtime(event.ends_at, zone).replace(tzinfo=None)
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, **form.event_fields())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Event saved.")
            return redirect("event_manage", event_id=event.pk)
    status = 422 if form.errors else 200
    return render(request, "events/form.html", {"form": form, "event": event}, status=status)


def _manage_context(event: Event, **forms: object) -> dict[str, object]:
    seats = list(
        Seat.objects.filter(event=event)
        .select_related("member")
        .order_by("round_number", "table_number", "member__first_name")
    )
    schedule: dict[int, dict[int, list[str]]] = {}
    for seat in seats:
        schedule.setdefault(seat.round_number, {}).setdefault(seat.table_number, []).append(
            seat.member.name
        )
    context: dict[str, object] = {
        "event": event,
        "attendees": selectors.guest_list(event),
        "analytics": selectors.event_analytics(event),
        "schedule": {r: sorted(t.items()) for r, t in sorted(schedule.items())},
        "agenda_form": AgendaItemForm(),
        "rounds_form": RoundsForm(
            initial={
                "table_size": event.table_size or 4,
                "rounds": event.round_count or 3,
                "round_minutes": event.round_minutes,
            }
        ),
        "import_form": ImportForm(),
        "topics": selectors.topics_of(event),
        "cancel_undoable": services.cancel_undoable(event),
        "round_seconds_left": (left := live.round_seconds_left(event)),
        "round_clock": f"{left // 60}:{left % 60:02d}",
        "late_arrivals": (
            rounds.unseated_count(event, {s.member_id for s in seats}) if seats else 0
        ),
    }
    context.update(forms)
    return context


@login_required
def event_manage(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    return render(request, "events/manage.html", _manage_context(event))


@login_required
def my_events(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_organizer(request)
    return render(
        request, "events/organized.html", {"events": selectors.organized_events(request.user)}
    )


@login_required
@require_POST
def event_publish(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    try:
        services.event_publish(event=event)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Published: members can see it and RSVP.")
    return redirect("event_manage", event_id=event.pk)


@login_required
def event_cancel(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    """GET: the confirmation page with a message to attendees; POST: cancel, telling
    attendees only once the undo window has passed."""
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    if event.status == Event.Status.CANCELLED:
        return redirect("event_manage", event_id=event.pk)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            event = services.event_cancel(event=event, message=form.cleaned_data["message"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if event.cancel_notified_at is None:
                minutes = services.cancel_undo_minutes()
                messages.success(
                    request,
                    f"Cancelled. Attendees will be told in {minutes} minutes; "
                    "until then you can undo it.",
                )
            else:
                messages.success(request, "Cancelled. Everyone who RSVP'd was told.")
            return redirect("event_manage", event_id=event.pk)
    context = {"event": event, "form": form, "undo_minutes": services.cancel_undo_minutes()}
    status = 422 if form.errors else 200
    return render(request, "events/cancel.html", context, status=status)


@login_required
@require_POST
def event_cancel_undo(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    try:
        services.event_cancel_undo(event=event)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Undone: the event is on again, and nobody was told.")
    return redirect("event_manage", event_id=event.pk)


@login_required
@require_POST
def agenda_add(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["starts_at"] = in_zone(data["starts_at"], event.time_zone)
        try:
            services.agenda_item_create(event=event, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Added to the agenda.")
            return redirect("event_manage", event_id=event.pk)
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    return render(
        request, "events/manage.html", _manage_context(event, agenda_form=form), status=422
    )


@login_required
@require_POST
def agenda_delete(request: AuthenticatedHttpRequest, event_id: int, item_id: int) -> HttpResponse:
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    services.agenda_item_delete(event=event, item_id=item_id)
    return redirect("event_manage", event_id=event.pk)


@login_required
@require_POST
def topics_seed(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    seeded = services.topics_seed_from_agenda(event=event)
    messages.success(request, f"{len(seeded)} topic tables from the agenda.")
    return redirect("event_manage", event_id=event.pk)


@login_required
@require_POST
def check_in(request: AuthenticatedHttpRequest, event_id: int, rsvp_id: int) -> HttpResponse:
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    try:
        rsvp = services.rsvp_check_in(event=event, rsvp_id=rsvp_id)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{rsvp.member.name} is checked in.")
    return redirect("event_manage", event_id=event.pk)


@login_required
@require_POST
def rounds_generate(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    """Queue the seating job; the console then follows its progress (``seating_status``)."""
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    form = RoundsForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            event = tasks.rounds_request(
                event=event,
                round_count=data["rounds"],
                table_size=data["table_size"],
                round_minutes=data["round_minutes"],
                topic_rounds=[1] if data["topic_first_round"] else [],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if event.seating_status == Event.SeatingStatus.DONE:
                messages.success(request, f"Rounds seated: {event.schedule_message}")
            elif event.seating_status != Event.SeatingStatus.FAILED:
                messages.info(request, "Seating the rounds: this page shows the progress.")
            return redirect(f"{reverse('event_manage', args=[event.pk])}#rounds")
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    return render(
        request, "events/manage.html", _manage_context(event, rounds_form=form), status=422
    )


@login_required
def seating_status(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    """The seating job's progress, polled by the console every second while it runs.

    When the job has finished (seated or failed), an htmx poll reloads the page, which
    shows the seating or the error."""
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    response = render(request, "events/manage.html#seating_status", {"event": event})
    finished = event.seating_status not in (
        Event.SeatingStatus.QUEUED,
        Event.SeatingStatus.RUNNING,
    )
    if finished and request.headers.get("HX-Request") and request.GET.get("polling"):
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def late_arrivals_seat(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    """Queue the late arrivals' seating; the console follows it as it follows a seating."""
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    try:
        event = tasks.late_arrivals_request(event=event)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if event.seating_status == Event.SeatingStatus.DONE:
            messages.success(request, event.seating_step)
        elif event.seating_status != Event.SeatingStatus.FAILED:
            messages.info(request, "Seating the late arrivals: this page shows the progress.")
    return redirect(f"{reverse('event_manage', args=[event.pk])}#rounds")


@login_required
@require_POST
def console(request: AuthenticatedHttpRequest, event_id: int, action: str) -> HttpResponse:
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    try:
        rounds.round_console(event=event, action=action)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("event_manage", event_id=event.pk)


@login_required
def attendees_import(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    if request.method != "POST":
        return redirect("event_manage", event_id=event.pk)
    form = ImportForm(request.POST, request.FILES)
    preview = result = None
    if form.is_valid():
        try:
            text = form.csv_text()
            if request.POST.get("confirm") == "1":
                result = imports.attendees_import(event=event, text=text, invite=form.invite)
                messages.success(request, f"Import done: {result.summary()}.")
            else:
                preview = imports.attendees_import_preview(
                    event=event, text=text, invite=form.invite
                )
                form = ImportForm(
                    initial={"text": text, "non_members": form.cleaned_data["non_members"]}
                )
        except ValidationError as exc:
            apply_errors(form, exc)
    status = 422 if form.errors else 200
    return render(
        request,
        "events/import.html",
        {"event": event, "form": form, "preview": preview, "result": result},
        status=status,
    )


@login_required
def attendees_export(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    response = HttpResponse(imports.attendees_export_csv(event), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="attendees-{event.pk}.csv"'
    return response
