"""The goal form's fields, written in Python (``FastSelect``, ``FastTextInput``,
``FastDateInput``), are the bytes Django's widget templates write: values, errors'
attributes and escaping included."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.template.loader import render_to_string

from mensch.core.markup import FastTextInput, form_fields
from mensch.goals.forms import GoalForm
from tests.plain_widgets import plain_widgets

EVENTS = [(1, "Lagos & <Friends>"), (2, 'Berlin "Meetup"')]


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"title": 'Meet "five" <investors> & more', "metric": "meetings", "period": "custom"},
        {"metric": "bogus", "target": "x" * 30, "starts_on": "2026-13-01", "event_id": "2"},
        {"metric": "meetings", "period": "quarter", "starts_on": "2026-01-02", "kind": "partner"},
    ],
)
def test_goal_form_renders_as_with_djangos_widgets(data: dict[str, str] | None) -> None:
    form = GoalForm(data, events=EVENTS)
    plain = plain_widgets(GoalForm(data, events=EVENTS))
    if data is not None:
        assert form.is_valid() == plain.is_valid()
    for name in form.fields:
        assert str(form[name]) == str(plain[name])
    assert any(isinstance(f.widget, FastTextInput) for f in form.fields.values())


@pytest.mark.parametrize("value", [None, "", "a&b", '"q"', 5])
@pytest.mark.parametrize("attrs", [None, {"id": "i&d", "required": True, "x": False}])
def test_fast_text_input_writes_what_text_input_writes(
    value: object, attrs: dict[str, Any] | None
) -> None:
    fast = FastTextInput(attrs={"class": "a <b>", "maxlength": 20})
    plain = forms.TextInput(attrs={"class": "a <b>", "maxlength": 20})
    assert fast.render("n&", value, attrs) == plain.render("n&", value, attrs)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"title": 'Meet "five" & more', "metric": "bogus", "target": "x" * 30},
        {"metric": "meetings", "period": "quarter"},
    ],
)
@pytest.mark.parametrize("non_field_error", [False, True])
def test_form_fields_is_what_the_include_writes(
    data: dict[str, str] | None, non_field_error: bool
) -> None:
    form = GoalForm(data, events=EVENTS)
    if data is not None:
        form.is_valid()
    if non_field_error and data is not None:
        form.add_error(None, "Something <odd> & wrong")
        form.add_error(None, "And another")
    elif non_field_error:
        return
    expected = render_to_string("includes/form_fields.html", {"form": form})
    assert str(form_fields(form)) == expected
