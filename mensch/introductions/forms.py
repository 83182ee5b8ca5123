from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from mensch.introductions.models import NOTE_MAX, REASON_MAX


class RequestForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": REASON_MAX}),
        required=False,
        label="Why should you two meet?",
        help_text="Say what you could offer them and what you hope to learn. At least 20 "
        "characters; a pitch is not a reason.",
    )


class DecisionForm(forms.Form):
    note = forms.CharField(max_length=NOTE_MAX, required=False, label="A note (optional)")


class BrokerForm(forms.Form):
    member_a = forms.TypedChoiceField(coerce=int, label="Introduce")
    member_b = forms.TypedChoiceField(coerce=int, label="to")
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Why they should meet",
    )

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, connections: list[tuple[int, str]]
    ) -> None:
        super().__init__(data)
        for name in ("member_a", "member_b"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)  # declared above
            field.choices = connections
