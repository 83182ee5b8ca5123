"""as_written writes a value as a template's {{ value }} does, whatever its type."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from mensch.core.markup import as_written

VALUES = [
    "Tom & Jerry <script>alert('x')</script> \"quoted\"",
    "",
    "plain words",
    mark_safe("<b>already safe</b>"),
    gettext_lazy("Dashboard"),
    1234567,
    Decimal("1234.50"),
    2.5,
    datetime.date(2026, 12, 6),
    None,
    True,
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_a_value_is_written_as_the_template_writes_it(value: object) -> None:
    assert as_written(value) == Template("{{ value }}").render(Context({"value": value}))
