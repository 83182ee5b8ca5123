"""Markup written in Python for the ledger and ROI pages is the bytes the templates
wrote: the bar chart (``ledger/charts.html#bar``), the record form's text fields, and the
entries' and people's links."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.template.loader import render_to_string
from django.urls import reverse

from mensch.core.markup import FastSelect, FastTextarea, FastTextInput
from mensch.ledger.charts import bar_chart
from mensch.ledger.forms import RecordForm


@pytest.mark.parametrize(
    ("labels", "series"),
    [
        (
            ["Lagos & <Friends> meetup, a long name", 'Berlin "Tech"', "Zoë"],
            [
                ("Meetings <b>", "outcomes", [3.0, 0.0, 12.0]),
                ("Connections & more", "given", [1.0, 2.5, 1234.0]),
            ],
        ),
        (["Only"], [("One", "received", [0.0])]),
        ([], [("None", "x", [])]),
    ],
)
def test_bar_chart_is_what_the_partial_writes(
    labels: list[str], series: list[tuple[str, str, list[float]]]
) -> None:
    chart = bar_chart(title="What <each> event & returned", labels=labels, series=series)
    expected = render_to_string("ledger/charts.html#bar", {"chart": chart})
    assert str(chart.html()) == expected


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"direction": "given", "kind": "referral", "counterpart_name": 'O"Brien & <Sons>'},
        {"direction": "given", "description": "Line one & <two>\nthree", "status": "x"},
        {"counterpart_name": "x" * 500, "description": ""},
    ],
)
def test_record_form_renders_as_with_djangos_widgets(data: dict[str, str] | None) -> None:
    people = [(1, "Ben Adeyemi")]
    form = RecordForm(data, people=people, contacts=[], initial={"status": "delivered"})
    plain = RecordForm(data, people=people, contacts=[], initial={"status": "delivered"})
    for field in plain.fields.values():
        widget: Any = field.widget
        if isinstance(widget, FastSelect):
            field.widget = forms.Select(choices=widget.choices, attrs=widget.attrs)
        elif isinstance(widget, FastTextarea):
            field.widget = forms.Textarea(attrs=widget.attrs)
        elif isinstance(widget, FastTextInput):
            field.widget = forms.TextInput(attrs=widget.attrs)
    if data is not None:
        assert form.is_valid() == plain.is_valid()
    for name in form.fields:
        assert str(form[name]) == str(plain[name])


@pytest.mark.parametrize("value", [None, "", "a & <b>", "\nstarts with a newline"])
def test_fast_textarea_writes_what_textarea_writes(value: str | None) -> None:
    attrs = {"rows": 3, "maxlength": 10, "class": 'a"b'}
    assert FastTextarea(attrs=attrs).render("d&", value, {"id": "x"}) == forms.Textarea(
        attrs=attrs
    ).render("d&", value, {"id": "x"})


def test_url_for_ids_is_reverse() -> None:
    from mensch.core.markup import url_for_ids

    for name in ("ledger_entry", "member_detail", "contact_detail", "roi_event"):
        url = url_for_ids(name)
        for pk in (1, 42, 987654321):
            assert url(pk) == reverse(name, args=[pk])
