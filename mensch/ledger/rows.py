"""The ledger page's lists written in Python: the entries and the balance table's rows,
byte for byte what ``ledger/ledger.html`` wrote in its loops (a page lists up to 100
entries; tested against the loops in ``tests/ledger/test_record_choices.py``)."""

from __future__ import annotations

from django.template.defaultfilters import date as date_filter
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime

from mensch.core.markup import as_written
from mensch.ledger import selectors


def entry_items(entries: list[selectors.LedgerRow]) -> SafeString:
    """The entries' list items, as ``ledger/ledger.html`` wrote them in a loop (the same
    bytes; a page lists up to 100 entries)."""
    if not entries:
        return mark_safe(
            '\n    <li class="muted">Nothing yet. What could you give this week?</li>\n  '
        )
    parts = []
    for e in entries:
        verified = ' <span class="tag tag-offer">verified</span>' if e.is_verified else ""
        value = f" {as_written(e.value)} {as_written(e.currency)}" if e.value else ""
        day = as_written(date_filter(localtime(e.created_at), "j M Y"))
        parts.append(
            '\n    <li class="item">\n'
            f'      <a href="{as_written(e.url)}">{as_written(e.sentence)}</a>\n'
            f'      <br><span class="tag">{as_written(e.status_label)}</span>{verified}{value}\n'
            f'      <span class="hint">{day}</span>\n'
            "    </li>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value went through as_written


def people_rows(people: list[selectors.PersonBalance]) -> SafeString:
    """The balance table's rows, one per person, as ``ledger/ledger.html`` wrote them in a
    loop (the same bytes)."""
    parts = []
    for p in people:
        name = as_written(p.name)
        if p.profile_id:
            name = f'<a href="{as_written(p.url)}">{name}</a>'
        parts.append(
            f'\n      <tr><th scope="row">{name}</th>'
            f'<td data-label="You gave">{as_written(p.given)}</td>'
            f'<td data-label="You received">{as_written(p.received)}</td></tr>\n    '
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value went through as_written
