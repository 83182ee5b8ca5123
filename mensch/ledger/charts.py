"""Server-rendered SVG charts: geometry computed here, drawn by ``ledger/charts.html``
(the line chart's markup written by ``LineChart.html``, which that template's ``line``
partial shows: its loops cost more than the rest of a page).

No JavaScript and no chart library: a strict CSP holds and the page works without
scripts. Every chart comes with a table for screen readers (the template's job).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

from mensch.core.markup import as_written

WIDTH = 640
HEIGHT = 240
LEFT = 48
RIGHT = 16
TOP = 16
BOTTOM = 36


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class LineSeries:
    name: str
    css: str
    points: str  # "x,y x,y …" for <polyline points>
    dots: list[tuple[float, float, str]]  # x, y, value label


@dataclass(frozen=True)
class LineChart:
    title: str
    labels: list[str]
    series: list[LineSeries]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    rows: list[tuple[str, list[str]]]  # the table fallback: label, one value per series
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom_y: int = HEIGHT - BOTTOM
    right_x: int = WIDTH - RIGHT

    def html(self) -> SafeString:
        """The ``line`` drawing of ``ledger/charts.html``, written in Python: the same
        markup the template loops wrote (a chart has some 120 values, and a template
        variable costs far more than a string), values localized and escaped as the
        template does (``as_written``)."""
        title = _text(self.title)
        label_y = _text(int(self.bottom_y) + 18)
        number = _numbers()
        parts = _opening(self)
        parts.append("\n    ")
        for tick in self.x_ticks:
            parts.append(
                f'\n      <text x="{number(tick.position)}" y="{label_y}" '
                f'text-anchor="middle" class="chart-tick">{_text(tick.label)}</text>\n'
                "    "
            )
        parts.append("\n    ")
        for s in self.series:
            css, name = _text(s.css), _text(s.name)
            parts.append(
                f'\n      <polyline points="{_text(s.points)}" fill="none" stroke-width="2.5" '
                f'class="chart-line {css}"/>\n      '
            )
            parts.extend(
                f'<circle cx="{number(dot[0])}" cy="{number(dot[1])}" r="3" '
                f'class="chart-dot {css}"><title>{name}: {_text(dot[2])}</title></circle>'
                for dot in s.dots
            )
            parts.append("\n    ")
        keys = [(s.name, s.css) for s in self.series]
        parts.extend(_closing(title, keys, "Period", self.rows))
        return mark_safe("".join(parts))  # noqa: S308 - every value went through as_written


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: str
    css: str


@dataclass(frozen=True)
class BarGroup:
    label: str
    label_x: float
    bars: list[Bar]


@dataclass(frozen=True)
class BarChart:
    title: str
    series_names: list[tuple[str, str]]  # name, css
    groups: list[BarGroup]
    y_ticks: list[Tick]
    rows: list[tuple[str, list[str]]]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom_y: int = HEIGHT - BOTTOM
    right_x: int = WIDTH - RIGHT

    def html(self) -> SafeString:
        """The ``bar`` partial of ``ledger/charts.html``, written in Python: the same
        markup, values localized and escaped as the template does (``as_written``)."""
        title = _text(self.title)
        label_y = _text(int(self.bottom_y) + 18)
        number = _numbers()
        parts = _opening(self)
        parts.append("\n    ")
        for group in self.groups:
            label = _text(group.label)
            parts.append("\n      ")
            parts.extend(
                f'<rect x="{number(bar.x)}" y="{number(bar.y)}" '
                f'width="{number(bar.width)}" height="{number(bar.height)}" '
                f'class="chart-bar {_text(bar.css)}"><title>{label}: '
                f"{_text(bar.value)}</title></rect>"
                for bar in group.bars
            )
            parts.append(
                f'\n      <text x="{number(group.label_x)}" y="{label_y}" '
                f'text-anchor="middle" class="chart-tick">{label}</text>\n    '
            )
        parts.extend(_closing(title, self.series_names, "Event", self.rows))
        return mark_safe("".join(parts))  # noqa: S308 - every value went through as_written


def _numbers() -> Callable[[float], str]:
    """How a chart writes its coordinates: as ``as_written`` does (the template's
    ``{{ value }}``), which for a float is Python's own ``str`` wherever the locale writes
    numbers without grouping and with a point (probed once a drawing): then ``str`` it is,
    at a fraction of the cost (a drawing writes some 150 coordinates)."""
    if as_written(-1234.5) == "-1234.5":
        return _plain_number
    return as_written


def _text(value: object) -> str:
    """``as_written``, for a string (nearly every value a drawing writes) without its
    wrappers: a string is not localized, and escaping it is ``html.escape``."""
    if type(value) is str:
        return escape(value)
    return as_written(value)


def _plain_number(value: float) -> str:
    text = str(value)
    # Django writes a float in exponent notation as a Decimal would be.
    return text if "e" not in text else as_written(value)


def _fmt(value: float | Decimal) -> str:
    number = float(value)
    return f"{number:,.0f}" if number == int(number) else f"{number:,.2f}"


def _nice_max(top: float) -> float:
    """The smallest 4 × (1, 2, 2.5 or 5 × 10^k) that holds ``top``: ticks stay round."""
    if top <= 0:
        return 4.0
    magnitude = 1.0
    while magnitude * 10 < top:
        magnitude *= 10
    while magnitude > top and magnitude > 1:
        magnitude /= 10
    for factor in (0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25):
        step = magnitude * factor
        if step >= 1 and step * 4 >= top:
            return step * 4
    return top


def _y_ticks(top: float, plot_height: float) -> list[Tick]:
    return [Tick(TOP + plot_height - plot_height * i / 4, _fmt(top * i / 4)) for i in range(5)]


def line_chart(
    *, title: str, labels: list[str], series: list[tuple[str, str, list[float]]]
) -> LineChart:
    """``series``: (name, css class, one value per label)."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    top = _nice_max(max((max(values, default=0) for _, _, values in series), default=0))
    count = max(len(labels) - 1, 1)

    def x(i: int) -> float:
        return round(LEFT + plot_w * i / count, 1)

    def y(v: float) -> float:
        return round(TOP + plot_h - plot_h * v / top, 1)

    drawn = [
        LineSeries(
            name,
            css,
            " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(values)),
            [(x(i), y(v), _fmt(v)) for i, v in enumerate(values)],
        )
        for name, css, values in series
    ]
    every = max(1, -(-len(labels) // 6))
    x_ticks = [Tick(x(i), label) for i, label in enumerate(labels) if i % every == 0]
    rows = [(label, [_fmt(values[i]) for _, _, values in series]) for i, label in enumerate(labels)]
    return LineChart(title, labels, drawn, x_ticks, _y_ticks(top, plot_h), rows)


def bar_chart(
    *, title: str, labels: list[str], series: list[tuple[str, str, list[float]]]
) -> BarChart:
    """Grouped bars: one group per label, one bar per series."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    top = _nice_max(max((max(values, default=0) for _, _, values in series), default=0))
    slot = plot_w / max(len(labels), 1)
    bar_w = max(4.0, slot * 0.7 / max(len(series), 1))
    groups = []
    for i, label in enumerate(labels):
        start = LEFT + slot * i + slot * 0.15
        bars = []
        for j, (_, css, values) in enumerate(series):
            height = plot_h * float(values[i]) / top
            bars.append(
                Bar(
                    round(start + bar_w * j, 1),
                    round(TOP + plot_h - height, 1),
                    round(bar_w, 1),
                    round(height, 1),
                    _fmt(values[i]),
                    css,
                )
            )
        room = max(8, int(slot / 6.5))
        short = label if len(label) <= room else label[: room - 1] + "…"
        groups.append(BarGroup(short, round(LEFT + slot * i + slot / 2, 1), bars))
    rows = [(label, [_fmt(values[i]) for _, _, values in series]) for i, label in enumerate(labels)]
    return BarChart(
        title,
        [(name, css) for name, css, _ in series],
        groups,
        _y_ticks(top, plot_h),
        rows,
    )


def _opening(chart: LineChart | BarChart) -> list[str]:
    """What both drawings open with: the figure, the SVG and the value axis with its grid
    lines, as ``ledger/charts.html`` writes them."""
    left, right_x = _text(chart.left), _text(chart.right_x)
    label_x = _text(int(chart.left) - 6)
    title = _text(chart.title)
    number = _numbers()
    parts = [
        '\n<figure class="chart">\n'
        f'  <svg viewBox="0 0 {_text(chart.width)} {_text(chart.height)}" role="img" '
        f'aria-label="{title} (the table below has the same figures)" class="chart-svg">\n'
        "    "
    ]
    for tick in chart.y_ticks:
        y = number(tick.position)
        parts.append(
            f'\n      <line x1="{left}" x2="{right_x}" y1="{y}" y2="{y}" '
            'class="chart-grid" stroke="#ddd"/>\n'
            f'      <text x="{label_x}" y="{y}" text-anchor="end" '
            f'dominant-baseline="middle" class="chart-tick">{_text(tick.label)}</text>\n'
            "    "
        )
    return parts


def _closing(
    title: str,
    keys: Iterable[tuple[str, str]],
    first_header: str,
    rows: Iterable[tuple[object, Iterable[object]]],
) -> list[str]:
    """What both drawings close with: the caption's key (name, css class of each series;
    ``title`` already written) and the same figures as a table, as ``ledger/charts.html``
    writes them."""
    keys = list(keys)
    parts = [f"\n  </svg>\n  <figcaption>{title}:\n    "]
    parts.extend(f'<span class="chart-key {_text(css)}">{_text(name)}</span>' for name, css in keys)
    parts.append(
        "\n  </figcaption>\n"
        '  <details class="chart-table">\n'
        "    <summary>Show as a table</summary>\n"
        '    <table class="table">\n'
        f'      <thead><tr><th scope="col">{first_header}</th>'
    )
    parts.extend(f'<th scope="col">{_text(name)}</th>' for name, _ in keys)
    parts.append("</tr></thead>\n      <tbody>")
    for label, values in rows:
        parts.append(f'<tr><th scope="row">{_text(label)}</th>')
        parts.extend(f"<td>{_text(v)}</td>" for v in values)
        parts.append("</tr>")
    parts.append("</tbody>\n    </table>\n  </details>\n</figure>\n")
    return parts
