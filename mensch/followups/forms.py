"""Forms only parse; the services decide."""

from __future__ import annotations

from django import forms


class FollowUpForm(forms.Form):
    title = forms.CharField(max_length=200, label="What to do", required=False)
    due_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="Due")


class SnoozeForm(forms.Form):
    days = forms.IntegerField(min_value=1, max_value=365, initial=3)
