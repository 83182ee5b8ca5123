"""Forms only parse; the services decide."""

from __future__ import annotations

from django import forms
from django.conf import settings

from mensch.core.markup import FastDateInput, FastSelect, FastTextInput
from mensch.followups.models import FollowUp

# The widgets write Django's markup in Python (``mensch.core.markup``): the same bytes,
# without a template render per field and per option on the follow-up list.
DATE = FastDateInput(attrs={"type": "date"})


class FollowUpForm(forms.Form):
    title = forms.CharField(
        max_length=200, label="What to do", required=False, widget=FastTextInput
    )
    due_on = forms.DateField(widget=DATE, label="Due")


class SnoozeForm(forms.Form):
    days = forms.IntegerField(min_value=1, max_value=365, initial=3)


class PromiseForm(forms.Form):
    owed_by = forms.ChoiceField(
        choices=FollowUp.OwedBy.choices, label="Who promised", widget=FastSelect
    )
    title = forms.CharField(max_length=200, label="What", required=False, widget=FastTextInput)
    due_on = forms.DateField(widget=DATE, label="By", required=False)


REMINDER_NUMBERS = (1, 2, 3, 5, 10, 20, 50)


class RemindersForm(forms.Form):
    reminders_per_day = forms.TypedChoiceField(
        choices=[("", "The usual"), *((str(n), f"{n} a day") for n in REMINDER_NUMBERS)],
        coerce=int,
        empty_value=None,
        required=False,
        label="Follow-up reminders a day",
        widget=FastSelect,
        help_text="In-app reminders and tasks listed in the daily digest; the rest wait "
        "for the next days.",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        usual = settings.FOLLOWUP_REMINDERS_PER_DAY
        field = self.fields["reminders_per_day"]
        field.choices = [  # type: ignore[attr-defined]
            ("", f"The usual ({usual} a day)"),
            *((str(n), f"{n} a day") for n in REMINDER_NUMBERS),
        ]
