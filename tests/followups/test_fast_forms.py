"""The follow-up forms' fields, written in Python (``FastSelect``, ``FastTextInput``,
``FastDateInput``), are the bytes Django's widget templates write: initial values, posted
values, errors and escaping included, on the list page's forms and the contact page's
promise form."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from django.template.loader import render_to_string

from mensch.core.markup import FastDateInput, FastSelect, FastTextInput, form_fields
from mensch.followups.forms import FollowUpForm, PromiseForm, RemindersForm
from tests.plain_widgets import plain_widgets


def _fast_widgets(form: forms.Form) -> int:
    return sum(
        isinstance(f.widget, FastSelect | FastDateInput | FastTextInput)
        for f in form.fields.values()
    )


FOLLOWUP_DATA = [
    None,
    {"title": 'Call "Ben" & <Ada>', "due_on": "2026-12-07"},
    {"title": "x" * 300, "due_on": "2026-13-01"},
    {"title": "", "due_on": ""},
]


@pytest.mark.parametrize("data", FOLLOWUP_DATA)
def test_followup_form_writes_what_djangos_widgets_write(data: dict[str, str] | None) -> None:
    initial = {"due_on": date(2026, 12, 7)}
    form, plain = (
        FollowUpForm(data, initial=initial),
        plain_widgets(FollowUpForm(data, initial=initial)),
    )
    if data is not None:
        assert form.is_valid() == plain.is_valid()
    assert _fast_widgets(form) == 2
    assert str(form_fields(form)) == str(form_fields(plain))
    assert str(form_fields(form)) == render_to_string("includes/form_fields.html", {"form": plain})


@pytest.mark.parametrize("chosen", [None, 1, 5, 50])
def test_reminders_form_writes_what_djangos_select_writes(chosen: int | None) -> None:
    initial = {"reminders_per_day": chosen}
    form = RemindersForm(initial=initial)
    plain = plain_widgets(RemindersForm(initial=initial))
    assert _fast_widgets(form) == 1
    assert str(form_fields(form)) == render_to_string("includes/form_fields.html", {"form": plain})
    selected = f'value="{chosen or ""}" selected'
    assert selected in str(form["reminders_per_day"])


@pytest.mark.parametrize("data", [{"reminders_per_day": "7"}, {"reminders_per_day": "10"}])
def test_reminders_form_posted_writes_the_same(data: dict[str, str]) -> None:
    form, plain = RemindersForm(data), plain_widgets(RemindersForm(data))
    assert form.is_valid() == plain.is_valid()
    assert str(form_fields(form)) == render_to_string("includes/form_fields.html", {"form": plain})


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"owed_by": "them", "title": "Send <the> deck & notes", "due_on": "2026-12-24"},
        {"owed_by": "nobody", "title": "", "due_on": "soon"},
    ],
)
def test_promise_form_fields_write_what_djangos_widgets_write(
    data: dict[str, str] | None,
) -> None:
    initial = {"due_on": date(2026, 12, 13)}
    form, plain = (
        PromiseForm(data, initial=initial),
        plain_widgets(PromiseForm(data, initial=initial)),
    )
    if data is not None:
        assert form.is_valid() == plain.is_valid()
    assert _fast_widgets(form) == 3
    for name in form.fields:
        assert str(form[name]) == str(plain[name])
