"""Forms for proposing times: wall-clock times as the member types them (no zone attached;
the service reads them in the member's own zone)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from mensch.meetings.proposals import MAX_TIMES, Window

DURATION_CHOICES = [
    (15, "15 minutes"),
    (30, "30 minutes"),
    (45, "45 minutes"),
    (60, "1 hour"),
    (90, "1½ hours"),
    (120, "2 hours"),
]
WINDOWS = 3
_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S")


def parse_local(value: str) -> datetime:
    for pattern in _FORMATS:
        try:
            return datetime.strptime(value.strip(), pattern)
        except ValueError:
            continue
    raise ValidationError("Write a date and time such as 2026-06-04 14:30.")


class LocalTimeField(forms.CharField):
    """A date and time with no zone: what the member's own clock will show."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"})

    def to_python(self, value: Any) -> datetime | None:  # type: ignore[override]
        text = super().to_python(value)
        return parse_local(text) if text else None


class ProposalForm(forms.Form):
    time_1 = LocalTimeField(label="Time 1", required=False)
    time_2 = LocalTimeField(label="Time 2", required=False)
    time_3 = LocalTimeField(label="Time 3", required=False)
    window_1_start = LocalTimeField(label="Available from", required=False)
    window_1_end = LocalTimeField(label="until", required=False)
    window_2_start = LocalTimeField(label="Available from", required=False)
    window_2_end = LocalTimeField(label="until", required=False)
    window_3_start = LocalTimeField(label="Available from", required=False)
    window_3_end = LocalTimeField(label="until", required=False)
    duration_minutes = forms.TypedChoiceField(
        label="How long", choices=DURATION_CHOICES, coerce=int, initial=30
    )
    place = forms.CharField(
        label="Place or video link",
        max_length=200,
        required=False,
        help_text="A café's address, a room, or a video-call link.",
    )
    purpose = forms.CharField(label="What for (one line)", max_length=140)

    @staticmethod
    def initial_from(source: Any) -> dict[str, Any]:
        """Start from the duration, place and purpose of a proposal or a booked meeting."""
        return {name: getattr(source, name) for name in ("duration_minutes", "place", "purpose")}

    def terms(self) -> dict[str, Any] | None:
        """The proposal as the services take it (times, windows, duration, place, purpose);
        None when a window lacks its start or end (the form then says which)."""
        windows = self.windows()
        if self.errors:
            return None
        data = self.cleaned_data
        return {
            "times": self.times(),
            "windows": windows,
            "duration_minutes": data["duration_minutes"],
            "place": data["place"],
            "purpose": data["purpose"],
        }

    def times(self) -> list[datetime]:
        data = self.cleaned_data
        return [data[f"time_{i}"] for i in range(1, MAX_TIMES + 1) if data.get(f"time_{i}")]

    def windows(self) -> list[Window]:
        data = self.cleaned_data
        found = []
        for i in range(1, WINDOWS + 1):
            start, end = data.get(f"window_{i}_start"), data.get(f"window_{i}_end")
            if start and end:
                found.append(Window(start, end))
            elif start or end:
                self.add_error(f"window_{i}_end", "Give both the start and the end of the window.")
        return found


class PickForm(forms.Form):
    """A start inside an availability window."""

    start = LocalTimeField(label="Start", required=False)


class NoteForm(forms.Form):
    note = forms.CharField(label="Note (optional)", max_length=300, required=False)


class TimeZoneForm(forms.Form):
    time_zone = forms.CharField(
        label="Time zone", max_length=64, help_text="An IANA name such as Europe/Lisbon."
    )
