"""Pages for 1:1 meetings at an event: the organizer's meeting hours, spots and grid;
an attendee booking a slot with another; the guest's answer. Rules: ``events.slots``."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.core.forms import apply_errors
from mensch.events import selectors, slots
from mensch.events.forms import DATETIME, in_zone
from mensch.events.models import Event, MeetingSpot
from mensch.profiles.selectors import profile_for_viewer


class HoursForm(forms.Form):
    starts_at = forms.DateTimeField(label="Meetings from", widget=DATETIME)
    ends_at = forms.DateTimeField(label="Meetings until", widget=DATETIME)
    slot_minutes = forms.IntegerField(label="Minutes per meeting", initial=20)


class SpotForm(forms.Form):
    name = forms.CharField(label="Spot name", max_length=80, help_text="e.g. Table 4, Room B.")
    capacity = forms.IntegerField(
        label="Meetings at once", initial=1, help_text="How many pairs can meet there at a time."
    )


class BookForm(forms.Form):
    starts_at = forms.CharField(label="Time", widget=forms.Select)
    spot = forms.CharField(label="Spot", widget=forms.Select, required=False)

    def __init__(self, *args: object, event: Event, free: list[slots.Slot], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        zone = ZoneInfo(event.time_zone)
        times = [
            (s.starts_at.isoformat(), f"{timezone.localtime(s.starts_at, zone):%a %H:%M}")
            for s in free
        ]
        self.fields["starts_at"].widget.choices = times
        self.spots = slots.spots_of(event)
        self.fields["spot"].widget.choices = [
            ("", "Any spot with room"),
            *((str(s.pk), s.name) for s in self.spots),
        ]

    def clean_starts_at(self) -> datetime:
        try:
            moment = datetime.fromisoformat(self.cleaned_data["starts_at"])
        except ValueError:
            raise ValidationError("Pick a time from the list.") from None
        if timezone.is_naive(moment):
            raise ValidationError("Pick a time from the list.")
        return moment

    def clean_spot(self) -> MeetingSpot | None:
        value = self.cleaned_data["spot"]
        if not value:
            return None
        spot = next((s for s in self.spots if str(s.pk) == value), None)
        if spot is None:
            raise ValidationError("Pick a spot from the list.")
        return spot


# -- the organizer ----------------------------------------------------------------------


def _manage_context(
    event: Event, hours_form: HoursForm | None = None, spot_form: SpotForm | None = None
) -> dict[str, object]:
    return {
        "event": event,
        "grid": slots.slot_grid(event),
        "hours": slots.hours_of(event),
        "hours_form": hours_form or HoursForm(),
        "spot_form": spot_form or SpotForm(),
    }


@login_required
def slots_manage(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    return render(request, "events/slots/manage.html", _manage_context(event))


@login_required
@require_POST
def hours_add(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    form = HoursForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            slots.meeting_hours_add(
                event=event,
                starts_at=in_zone(data["starts_at"], event.time_zone),
                ends_at=in_zone(data["ends_at"], event.time_zone),
                slot_minutes=data["slot_minutes"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Meeting hours added.")
            return redirect("event_slots_manage", event_id=event.pk)
    return render(
        request, "events/slots/manage.html", _manage_context(event, hours_form=form), status=422
    )


@login_required
@require_POST
def hours_remove(request: AuthenticatedHttpRequest, event_id: int, hours_id: int) -> HttpResponse:
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    try:
        slots.meeting_hours_remove(event=event, hours_id=hours_id)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Meeting hours removed.")
    return redirect("event_slots_manage", event_id=event.pk)


@login_required
@require_POST
def spot_add(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    form = SpotForm(request.POST)
    if form.is_valid():
        try:
            slots.meeting_spot_add(event=event, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Spot added.")
            return redirect("event_slots_manage", event_id=event.pk)
    return render(
        request, "events/slots/manage.html", _manage_context(event, spot_form=form), status=422
    )


@login_required
@require_POST
def spot_remove(request: AuthenticatedHttpRequest, event_id: int, spot_id: int) -> HttpResponse:
    event = selectors.organized_event(actor=request.user, event_id=event_id)
    try:
        slots.meeting_spot_remove(event=event, spot_id=spot_id)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Spot removed.")
    return redirect("event_slots_manage", event_id=event.pk)


# -- attendees ----------------------------------------------------------------------------


@login_required
def slot_book(request: AuthenticatedHttpRequest, event_id: int, profile_id: int) -> HttpResponse:
    event = selectors.event_for_viewer(viewer=request.user, event_id=event_id)
    if not selectors.is_going(member=request.user, event=event):
        messages.error(request, "Only attendees who are going can book meetings here.")
        return redirect("event_detail", event_id=event.pk)
    guest = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    free = slots.free_slots(event=event, member=request.user, guest=guest.user)
    form = BookForm(request.POST or None, event=event, free=free)
    if request.method == "POST" and form.is_valid():
        try:
            slots.slot_book(
                event=event,
                booker=request.user,
                guest=guest.user,
                starts_at=form.cleaned_data["starts_at"],
                spot=form.cleaned_data["spot"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Asked {guest.name}: the slot is held until they answer.")
            return redirect(reverse("event_detail", args=[event.pk]) + "#my-meetings")
    context = {"event": event, "guest": guest, "form": form, "free": free}
    return render(request, "events/slots/book.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def slot_answer(
    request: AuthenticatedHttpRequest, event_id: int, booking_id: int, action: str
) -> HttpResponse:
    event = selectors.event_for_viewer(viewer=request.user, event_id=event_id)
    booking = slots.booking_for_member(member=request.user, event=event, booking_id=booking_id)
    service = {
        "accept": slots.slot_accept,
        "decline": slots.slot_decline,
        "cancel": slots.slot_cancel,
    }[action]
    try:
        service(booking=booking, member=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            {
                "accept": "Booked: it's in both your meetings here.",
                "decline": "Declined: the slot is free again.",
                "cancel": "Cancelled: the slot is free again.",
            }[action],
        )
    return redirect(reverse("event_detail", args=[event.pk]) + "#my-meetings")
