"""Forms only parse what was posted; the rules live in the services."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from typing import overload

from django import forms
from django.utils import timezone

from mensch.core.markup import FastCheckboxInput, FastTextInput
from mensch.events import imports
from mensch.events.models import AgendaItem, Rsvp

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


@overload
def in_zone(value: datetime, zone_name: str) -> datetime: ...
@overload
def in_zone(value: None, zone_name: str) -> None: ...
def in_zone(value: datetime | None, zone_name: str) -> datetime | None:
    """A naive local time typed in the event's time zone, made aware."""
    if value is None:
        return None
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    if timezone.is_aware(value):
        value = timezone.make_naive(value, timezone.get_current_timezone())
    return value.replace(tzinfo=zone)


class EventForm(forms.Form):
    title = forms.CharField(max_length=160)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    venue = forms.CharField(max_length=200, required=False)
    address = forms.CharField(max_length=300, required=False)
    sponsors = forms.CharField(max_length=300, required=False, help_text="Comma-separated.")
    price = forms.DecimalField(max_digits=10, decimal_places=2, initial=0)
    currency = forms.CharField(max_length=3, initial="EUR")
    capacity = forms.IntegerField(help_text="Seats; more RSVPs go on the waitlist.")
    time_zone = forms.CharField(max_length=64, initial="Europe/Lisbon")
    starts_at = forms.DateTimeField(label="Starts", widget=DATETIME)
    ends_at = forms.DateTimeField(label="Ends", widget=DATETIME)

    def event_fields(self) -> dict[str, object]:
        data = dict(self.cleaned_data)
        for name in ("starts_at", "ends_at"):
            data[name] = in_zone(data[name], data["time_zone"])
        return data


class AgendaItemForm(forms.Form):
    starts_at = forms.DateTimeField(label="Time", widget=DATETIME)
    title = forms.CharField(max_length=160)
    kind = forms.ChoiceField(choices=AgendaItem.Kind.choices)


class RsvpForm(forms.Form):
    goal = forms.CharField(
        label="Your goal for this event",
        max_length=200,
        required=False,
        help_text='What would make it worth it? e.g. "meet two distributors".',
        widget=FastTextInput,
    )
    contact_consent = forms.BooleanField(
        label="The organizer may see my email address in the attendee list",
        required=False,
        widget=FastCheckboxInput,
    )


class TopicForm(forms.Form):
    title = forms.CharField(label="Topic", max_length=120)
    side = forms.ChoiceField(label="I…", choices=Rsvp.Side.choices)


class RoundsForm(forms.Form):
    rounds = forms.IntegerField(label="Rounds", initial=3)
    table_size = forms.IntegerField(label="People per table", initial=4)
    round_minutes = forms.IntegerField(label="Minutes per round", initial=12)
    topic_first_round = forms.BooleanField(
        label="Seat the first round by topic table", required=False
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file (pretix, Luma, or any CSV with an email column)", required=False
    )
    # After the preview, the same text comes back with the confirmation.
    text = forms.CharField(required=False, widget=forms.HiddenInput, max_length=1_000_000)
    non_members = forms.ChoiceField(
        label="People who are not members yet",
        choices=(
            ("skip", "Skip them"),
            ("invite", "Invite them by email: a sign-up link puts them on the guest list"),
        ),
        initial="skip",
        required=False,  # an older form, or the API's default: skip them
        widget=forms.RadioSelect,
    )

    @property
    def invite(self) -> bool:
        return self.cleaned_data.get("non_members") == "invite"

    def csv_text(self) -> str:
        """The file's text whatever its encoding; raises ValidationError on "file" for a
        file that is too large or not text."""
        upload = self.cleaned_data.get("file")
        if upload is not None:
            return imports.file_text(upload.read(imports.MAX_BYTES + 1))
        return self.cleaned_data.get("text") or ""


class CancelForm(forms.Form):
    message = forms.CharField(
        label="Message to attendees",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=1000,
        help_text="Sent with the notice that the event is cancelled, e.g. why and what next.",
    )
