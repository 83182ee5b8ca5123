"""The ledger form's selects write, in Python, the bytes Django's ``Select`` templates
write: selected choices, groups, attributes and escaping included."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms

from mensch.core.markup import FastSelect
from mensch.ledger.forms import RecordForm

CHOICES: list[Any] = [
    ("", "—"),
    (1, "Ana & Bo <Ltd>"),
    (2, "Quote \"me\" 'now'"),
    ("Group <g>", [(3, "In group"), (4, "Also")]),
    (5, "Zoë"),
]


@pytest.mark.parametrize("value", [None, "", 1, "2", 3, [4], "missing"])
@pytest.mark.parametrize(
    "attrs",
    [
        None,
        {"id": "id_x", "required": True},
        {"id": "a&b", "disabled": True, "data-x": 'q"', "hidden": False},
    ],
)
def test_fast_select_writes_what_select_writes(value: object, attrs: dict[str, Any]) -> None:
    fast = FastSelect(choices=CHOICES, attrs={"class": "pick <me>"})
    plain = forms.Select(choices=CHOICES, attrs={"class": "pick <me>"})
    assert fast.render("who&", value, attrs) == plain.render("who&", value, attrs)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"direction": "given", "kind": "referral", "counterpart": "2", "status": "delivered"},
        {"direction": "bogus", "kind": "", "contact": "9", "status": "offered"},
    ],
)
def test_record_form_renders_as_with_djangos_select(data: dict[str, str] | None) -> None:
    people = [(1, "Ben Adeyemi"), (2, "O'Brien & Sons")]
    contacts = [(7, "Maria <Costa>")]
    form = RecordForm(data, people=people, contacts=contacts, initial={"status": "delivered"})
    plain = RecordForm(data, people=people, contacts=contacts, initial={"status": "delivered"})
    for field in plain.fields.values():
        if isinstance(field.widget, FastSelect):
            field.widget = forms.Select(choices=field.widget.choices, attrs=field.widget.attrs)
    if data is not None:
        assert form.is_valid() == plain.is_valid()
    for name in form.fields:
        assert str(form[name]) == str(plain[name])
