"""Forms only parse; the services decide."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from mensch.core.markup import FastCheckboxInput, FastTextInput
from mensch.trust.directory import NEED_MAX
from mensch.trust.models import ENDORSEMENT_MAX, REPORT_REASON_MAX


class SpecialistSearchForm(forms.Form):
    need = forms.CharField(
        max_length=NEED_MAX,
        required=False,
        label="What do you need?",
        widget=FastTextInput(
            attrs={"placeholder": "e.g. someone to keep the books of my design studio"}
        ),
    )
    location = forms.CharField(max_length=120, required=False, label="Where", widget=FastTextInput)
    language = forms.CharField(
        max_length=60, required=False, label="Language", widget=FastTextInput
    )
    remote = forms.BooleanField(required=False, label="Works remotely", widget=FastCheckboxInput)


class EndorsementForm(forms.Form):
    offer = forms.TypedChoiceField(coerce=int, label="Which offer do you vouch for?")
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": ENDORSEMENT_MAX}),
        required=False,
        label="What did they do for you?",
        help_text="A sentence or two about the work you saw. At least 20 characters.",
    )

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, offers: list[tuple[int, str]]
    ) -> None:
        super().__init__(data)
        field = self.fields["offer"]
        assert isinstance(field, forms.ChoiceField)  # declared above
        field.choices = offers


class EndorsementEditForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": ENDORSEMENT_MAX}),
        required=False,
        label="Your endorsement",
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        max_length=REPORT_REASON_MAX, required=False, label="What is wrong with it?"
    )


class CoachForm(forms.Form):
    """What the coach panel reads as one types: the draft and for whom."""

    text = forms.CharField(required=False)
    context = forms.ChoiceField(
        choices=[(c, c) for c in ("first_message", "introduction_request", "event_chat")],
        required=False,
    )
    recipient = forms.IntegerField(required=False)
