"""Forms only parse; the services decide what is allowed."""

from __future__ import annotations

from django import forms

from mensch.goals.models import Metric


class GoalForm(forms.Form):
    title = forms.CharField(
        max_length=160,
        required=False,
        label="Your goal, in your words",
        help_text="e.g. “Three new clients this quarter”",
    )
    metric = forms.ChoiceField(choices=Metric.choices, label="Counted as")
    target = forms.CharField(max_length=20, required=False, label="Target")
    currency = forms.CharField(max_length=3, required=False, label="Currency (for business value)")
    period = forms.ChoiceField(
        choices=[
            ("month", "this month"),
            ("quarter", "this quarter"),
            ("year", "this year"),
            ("custom", "my own dates"),
        ],
        initial="quarter",
        label="Period",
    )
    starts_on = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        required=False, label="Until", widget=forms.DateInput(attrs={"type": "date"})
    )


class CostForm(forms.Form):
    ticket = forms.CharField(max_length=20, required=False, label="Ticket")
    travel = forms.CharField(max_length=20, required=False, label="Travel")
    currency = forms.CharField(max_length=3, required=False, initial="EUR", label="Currency")
    hours = forms.CharField(max_length=10, required=False, label="Hours spent")
    note = forms.CharField(max_length=300, required=False, label="Note")
