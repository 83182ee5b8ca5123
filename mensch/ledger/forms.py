"""Forms only parse; the services decide what is allowed."""

from __future__ import annotations

from django import forms

from mensch.ledger.models import DESCRIPTION_MAX, NAME_MAX, EntryKind, EntryStatus


class RecordForm(forms.Form):
    """Whom with: a member, a contact record, or just a name."""

    direction = forms.ChoiceField(
        choices=[("given", "I gave"), ("received", "I received")], label="Direction"
    )
    kind = forms.ChoiceField(choices=EntryKind.choices, label="What")
    counterpart = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label="With a member"
    )
    contact = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label="…or one of your contacts"
    )
    counterpart_name = forms.CharField(
        max_length=NAME_MAX, required=False, label="…or someone else (their name)"
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": DESCRIPTION_MAX}),
        required=False,
        label="Description",
    )
    status = forms.ChoiceField(
        choices=[(EntryStatus.OFFERED, "offered"), (EntryStatus.DELIVERED, "delivered")],
        label="So far",
    )

    def __init__(
        self,
        *args: object,
        people: list[tuple[int, str]],
        contacts: list[tuple[int, str]] = (),  # type: ignore[assignment]
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["counterpart"].choices = [("", "—"), *people]  # type: ignore[attr-defined]
        self.fields["contact"].choices = [("", "—"), *contacts]  # type: ignore[attr-defined]


class CloseForm(forms.Form):
    value = forms.CharField(max_length=30, required=False, label="Value of the business")
    currency = forms.CharField(max_length=3, required=False, initial="EUR", label="Currency")


class ProposeForm(forms.Form):
    partner = forms.TypedChoiceField(coerce=int, label="Exchange referrals with")

    def __init__(self, *args: object, people: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["partner"].choices = people  # type: ignore[attr-defined]


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
