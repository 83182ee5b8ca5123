"""The line chart's markup, written in Python (``LineChart.html``), is byte for byte what
the template loops of ``ledger/charts.html`` wrote: same values, same localization, same
escaping."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from mensch.ledger.charts import line_chart

# The ``line`` partial of ledger/charts.html as it was, loops and all.
TEMPLATE_LINE = """
<figure class="chart">
  <svg viewBox="0 0 {{ chart.width }} {{ chart.height }}" role="img" aria-label="{{ chart.title }} (the table below has the same figures)" class="chart-svg">
    {% for tick in chart.y_ticks %}
      <line x1="{{ chart.left }}" x2="{{ chart.right_x }}" y1="{{ tick.position }}" y2="{{ tick.position }}" class="chart-grid" stroke="#ddd"/>
      <text x="{{ chart.left|add:'-6' }}" y="{{ tick.position }}" text-anchor="end" dominant-baseline="middle" class="chart-tick">{{ tick.label }}</text>
    {% endfor %}
    {% for tick in chart.x_ticks %}
      <text x="{{ tick.position }}" y="{{ chart.bottom_y|add:'18' }}" text-anchor="middle" class="chart-tick">{{ tick.label }}</text>
    {% endfor %}
    {% for s in chart.series %}
      <polyline points="{{ s.points }}" fill="none" stroke-width="2.5" class="chart-line {{ s.css }}"/>
      {% for dot in s.dots %}<circle cx="{{ dot.0 }}" cy="{{ dot.1 }}" r="3" class="chart-dot {{ s.css }}"><title>{{ s.name }}: {{ dot.2 }}</title></circle>{% endfor %}
    {% endfor %}
  </svg>
  <figcaption>{{ chart.title }}:
    {% for s in chart.series %}<span class="chart-key {{ s.css }}">{{ s.name }}</span>{% endfor %}
  </figcaption>
  <details class="chart-table">
    <summary>Show as a table</summary>
    <table class="table">
      <thead><tr><th scope="col">Period</th>{% for s in chart.series %}<th scope="col">{{ s.name }}</th>{% endfor %}</tr></thead>
      <tbody>{% for label, values in chart.rows %}<tr><th scope="row">{{ label }}</th>{% for v in values %}<td>{{ v }}</td>{% endfor %}</tr>{% endfor %}</tbody>
    </table>
  </details>
</figure>
"""  # noqa: E501


@pytest.mark.parametrize(
    ("title", "labels", "series"),
    [
        (
            "What you gave and received, in total, month by month",
            [f"M{n} 2026" for n in range(12)],
            [
                ("Given", "given", [float(n) for n in range(12)]),
                ("Received", "received", [0.0] * 12),
            ],
        ),
        ("Empty", [], [("Given", "given", [])]),
        ("One month", ["Jan 2026"], [("Given", "given", [3.0])]),
        (
            "Ben & <Co> \"quoted\" 'it's'",
            ["<b>Jan</b>", "Feb & Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep"],
            [
                ("Money <€>", "money x&y", [0.5, 1234.25, 99999.0, 7.0, 0.0, 12.5, 3.0, 1e6]),
                ("Meetings", "meetings", [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]),
            ],
        ),
        ("Big", [str(n) for n in range(40)], [("S", "s", [n * 1.7 for n in range(40)])]),
    ],
)
def test_line_chart_markup_is_the_templates(
    title: str, labels: list[str], series: list[tuple[str, str, list[float]]]
) -> None:
    chart = line_chart(title=title, labels=labels, series=series)
    expected = Template(TEMPLATE_LINE).render(Context({"chart": chart}))
    assert chart.html() == expected
    partial = Template('{% include "ledger/charts.html#line" %}').render(Context({"chart": chart}))
    assert partial == expected
