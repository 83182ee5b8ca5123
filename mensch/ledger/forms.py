"""Forms only parse; the services decide what is allowed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from mensch.core.markup import FastSelect, FastTextarea, FastTextInput
from mensch.ledger.models import DESCRIPTION_MAX, NAME_MAX, EntryKind, EntryStatus


def _set_choices(form: forms.Form, name: str, choices: Sequence[tuple[int | str, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)  # declared on the form
    field.choices = choices


class RecordForm(forms.Form):
    """Whom with: a member, a contact record, or just a name."""

    direction = forms.ChoiceField(
        choices=[("given", "I gave"), ("received", "I received")],
        label="Direction",
        widget=FastSelect,
    )
    kind = forms.ChoiceField(choices=EntryKind.choices, label="What", widget=FastSelect)
    counterpart = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label="With a member", widget=FastSelect
    )
    contact = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        label="…or one of your contacts",
        widget=FastSelect,
    )
    counterpart_name = forms.CharField(
        max_length=NAME_MAX,
        required=False,
        label="…or someone else (their name)",
        widget=FastTextInput,
    )
    description = forms.CharField(
        widget=FastTextarea(attrs={"rows": 3, "maxlength": DESCRIPTION_MAX}),
        required=False,
        label="Description",
    )
    status = forms.ChoiceField(
        choices=[(EntryStatus.OFFERED, "offered"), (EntryStatus.DELIVERED, "delivered")],
        label="So far",
        widget=FastSelect,
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        people: list[tuple[int, str]],
        contacts: list[tuple[int, str]] | None = None,
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        _set_choices(self, "counterpart", [("", "—"), *people])
        _set_choices(self, "contact", [("", "—"), *(contacts or [])])


class CloseForm(forms.Form):
    value = forms.CharField(max_length=30, required=False, label="Value of the business")
    currency = forms.CharField(max_length=3, required=False, initial="EUR", label="Currency")


class ProposeForm(forms.Form):
    partner = forms.TypedChoiceField(coerce=int, label="Exchange referrals with")

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, people: list[tuple[int, str]]
    ) -> None:
        super().__init__(data)
        _set_choices(self, "partner", people)


class PledgeForm(forms.Form):
    referral_name = forms.CharField(
        max_length=NAME_MAX, required=False, label="Whom will you refer to them?"
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": DESCRIPTION_MAX}),
        required=False,
        label="Why they need each other",
    )
    consent = forms.BooleanField(
        required=False, label="This person agreed to be referred", widget=forms.CheckboxInput
    )
