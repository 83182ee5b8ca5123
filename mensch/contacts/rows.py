"""The contact list's rows written in Python (``contacts/list.html`` wrote them with a
template loop, some ten nodes and a URL reverse per row for fifty rows a page); tests hold
the output to the template's, byte for byte."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date as date_type

from django.template.defaultfilters import date, floatformat
from django.utils.safestring import SafeString, mark_safe

from mensch.contacts.selectors import ListedContact
from mensch.core.markup import as_written, url_for_ids


def contact_rows(contacts: Iterable[ListedContact]) -> SafeString:
    """The ``<tr>`` of each contact, as the list's ``{% for %}`` loop wrote them."""
    detail = url_for_ids("contact_detail")
    dates: dict[date_type, str] = {}  # contacts share days, and the filter is dear
    parts = []
    for contact in contacts:
        member = ' <span class="tag">member</span>' if contact.member_id else ""
        company, role = contact.company, contact.role
        between = " · " if company and role else ""
        tags = "".join(f'<span class="tag">{as_written(name)}</span> ' for name in contact.tags)
        day = contact.last_interaction_on
        if day:
            last = dates.get(day)
            if last is None:
                last = dates[day] = as_written(date(day, "j M Y"))
        else:
            last = '<span class="muted">never</span>'
        strength = as_written(floatformat(contact.strength, 0))
        parts.append(
            "\n        <tr>\n"
            f'          <td data-label="Name"><a href="{as_written(detail(contact.pk))}">'
            f"{as_written(contact.name)}</a>{member}</td>\n"
            f'          <td data-label="Company and role">{as_written(company)}{between}'
            f"{as_written(role)}</td>\n"
            f'          <td data-label="Tags">{tags}</td>\n'
            f'          <td data-label="Last in touch">{last}</td>\n'
            f'          <td data-label="Strength"><meter min="0" max="100" '
            f'value="{as_written(contact.strength)}" aria-label="Strength {strength} of 100">'
            f"{strength}</meter> {strength}</td>\n"
            "        </tr>\n      "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value went through as_written


def tag_options(names: Iterable[str], chosen: str) -> SafeString:
    """The tag filter's ``<option>`` of each tag, as the list's ``{% for %}`` loop wrote
    them (``chosen``: the tag the list is filtered by)."""
    parts = []
    for name in names:
        written = as_written(name)
        selected = " selected" if name == chosen else ""
        parts.append(f'<option value="{written}"{selected}>{written}</option>')
    return mark_safe("".join(parts))  # noqa: S308 - every value went through as_written
