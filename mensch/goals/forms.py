"""Forms only parse; the services decide what is allowed."""

from __future__ import annotations

from django import forms

from mensch.core.markup import FastDateInput, FastSelect, FastTextInput
from mensch.goals.models import Metric
from mensch.vocabulary import ITEM_KINDS


class GoalForm(forms.Form):
    title = forms.CharField(
        max_length=160,
        required=False,
        label="Your goal, in your words",
        widget=FastTextInput,
        help_text="e.g. “Three new clients this quarter”",
    )
    metric = forms.ChoiceField(choices=Metric.choices, label="Counted as", widget=FastSelect)
    target = forms.CharField(max_length=20, required=False, label="Target", widget=FastTextInput)
    currency = forms.CharField(
        max_length=3, required=False, label="Currency (for business value)", widget=FastTextInput
    )
    period = forms.ChoiceField(
        choices=[
            ("month", "this month"),
            ("quarter", "this quarter"),
            ("year", "this year"),
            ("custom", "my own dates"),
        ],
        initial="quarter",
        label="Period",
        widget=FastSelect,
    )
    starts_on = forms.DateField(
        required=False, label="From", widget=FastDateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        required=False, label="Until", widget=FastDateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(
        choices=[("", "anyone"), *((k, k) for k in ITEM_KINDS)],
        required=False,
        label="Only people who ask for or offer",
        help_text="e.g. partner: only they count toward this goal",
        widget=FastSelect,
    )
    industry = forms.CharField(
        max_length=80,
        required=False,
        label="Only people in the industry",
        widget=FastTextInput,
        help_text="e.g. Software",
    )
    event_id = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        label="Only from the event",
        widget=FastSelect,
    )

    def __init__(self, data: object = None, *, events: list[tuple[int, str]] | None = None) -> None:
        super().__init__(data)  # type: ignore[arg-type]
        field = self.fields["event_id"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "any event or none"), *(events or [])]


class CostForm(forms.Form):
    ticket = forms.CharField(max_length=20, required=False, label="Ticket")
    travel = forms.CharField(max_length=20, required=False, label="Travel")
    currency = forms.CharField(max_length=3, required=False, initial="EUR", label="Currency")
    hours = forms.CharField(max_length=10, required=False, label="Hours spent")
    note = forms.CharField(max_length=300, required=False, label="Note")
