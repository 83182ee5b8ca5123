"""Forms only parse; the services decide."""

from __future__ import annotations

from django import forms

from mensch.followups.models import FollowUp

DATE = forms.DateInput(attrs={"type": "date"})


class FollowUpForm(forms.Form):
    title = forms.CharField(max_length=200, label="What to do", required=False)
    due_on = forms.DateField(widget=DATE, label="Due")


class SnoozeForm(forms.Form):
    days = forms.IntegerField(min_value=1, max_value=365, initial=3)


class PromiseForm(forms.Form):
    owed_by = forms.ChoiceField(choices=FollowUp.OwedBy.choices, label="Who promised")
    title = forms.CharField(max_length=200, label="What", required=False)
    due_on = forms.DateField(widget=DATE, label="By", required=False)
