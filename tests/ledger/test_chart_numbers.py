"""A chart writes its coordinates with Python's ``str`` only where the locale writes a
number so too; under a locale with a decimal comma or grouping, both drawings are still
what the templates wrote."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import translation

from mensch.ledger.charts import _numbers, bar_chart, line_chart
from tests.ledger.test_chart_markup import TEMPLATE_LINE

SERIES = [
    ("Given & <more>", "given", [0.0, 3.0, 1234.5, 7.0]),
    ("Received", "received", [1.0, 0.0, 2.0, 12000.0]),
]
LABELS = ["Jan 2026", "Feb 2026", "Mar & <Apr>", "Apr 2026"]


@pytest.mark.parametrize(("language", "grouping"), [("en", False), ("de", False), ("de", True)])
def test_drawings_are_what_the_templates_wrote_in_each_locale(
    language: str, grouping: bool
) -> None:
    with translation.override(language), override_settings(USE_THOUSAND_SEPARATOR=grouping):
        line = line_chart(title="Month by month", labels=LABELS, series=SERIES)
        assert str(line.html()) == Template(TEMPLATE_LINE).render(Context({"chart": line}))
        bar = bar_chart(title="Per event", labels=LABELS, series=SERIES)
        assert str(bar.html()) == render_to_string("ledger/charts.html#bar", {"chart": bar})


def test_coordinates_are_written_plainly_only_where_the_locale_does() -> None:
    with translation.override("en"):
        assert _numbers()(-12.5) == "-12.5"
        assert _numbers()(1e16) == "10000000000000000"  # as Django writes it, not "1e+16"
    with translation.override("de"):
        assert _numbers()(12.5) == "12,5"
