"""The specialist search and RSVP forms' fields, written in Python (``FastTextInput``,
``FastCheckboxInput``), are the bytes Django's widget templates write."""

from __future__ import annotations

import pytest
from django import forms

from mensch.core.markup import FastCheckboxInput
from mensch.events.forms import RsvpForm
from mensch.trust.forms import SpecialistSearchForm
from tests.plain_widgets import plain_widgets


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"need": 'a "tax" adviser <for> Tom & Jerry', "location": "Lagos", "remote": "on"},
        {"need": "x" * 400, "language": "Français", "remote": ""},
    ],
)
def test_the_search_form_renders_as_with_djangos_widgets(data: dict[str, str] | None) -> None:
    form = SpecialistSearchForm(data)
    plain = plain_widgets(SpecialistSearchForm(data))
    if data is not None:
        assert form.is_valid() == plain.is_valid()
    for name in form.fields:
        assert str(form[name]) == str(plain[name])
    assert isinstance(form.fields["remote"].widget, FastCheckboxInput)


@pytest.mark.parametrize("value", [None, "", True, False, "on", "a&b"])
def test_fast_checkbox_writes_what_checkbox_input_writes(value: object) -> None:
    attrs = {"id": "r&d", "class": "a <b>"}
    assert FastCheckboxInput().render("re&mote", value, attrs) == forms.CheckboxInput().render(
        "re&mote", value, attrs
    )


@pytest.mark.parametrize(
    "data", [None, {"goal": 'meet "two" <distributors> & more', "contact_consent": "on"}]
)
def test_the_rsvp_form_renders_as_with_djangos_widgets(data: dict[str, str] | None) -> None:
    form, plain = RsvpForm(data), plain_widgets(RsvpForm(data))
    for name in form.fields:
        assert str(form[name]) == str(plain[name])
