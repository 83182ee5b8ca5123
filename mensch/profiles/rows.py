"""The member directory's result cards written in Python (``profiles/directory.html``
wrote them with a template loop: a dozen nodes, two inner loops and a URL reverse per
member, twenty members a page); tests hold the output to the template's, byte for byte."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django.utils.safestring import SafeString, mark_safe

from mensch.core.markup import url_for_ids
from mensch.profiles.selectors import MemberCard

NOBODY = '\n      <li class="muted">Nobody matches that yet. Try other words.</li>\n    '


def member_cards(members: Iterable[MemberCard]) -> SafeString:
    """The ``<li>`` of each member, as the results' ``{% for %}`` loop wrote them (the
    ``{% empty %}`` line where there is none). Every value is a plain string, which a
    template's ``{{ value }}`` writes as Django's ``escape``, that is ``html.escape``
    (``markup.as_written`` first asks whether to localize it and whether it is safe)."""
    detail = url_for_ids("member_detail")
    parts = []
    for member in members:
        location = f" · {escape(member.location)}" if member.location else ""
        asks = "".join(f"<li>{escape(text)}</li>" for text in member.asks)
        offers = "".join(f"<li>{escape(text)}</li>" for text in member.offers)
        parts.append(
            '\n      <li class="card person">\n'
            f'        <h2><a href="{escape(detail(member.pk))}">{escape(member.name)}</a>'
            "</h2>\n"
            f'        <p class="headline">{escape(member.headline)}</p>\n'
            f'        <p class="muted">{escape(member.industry)}{location}</p>\n'
            '        <div class="grid grid-2 compact">\n'
            f'          <div><h3>Asks</h3><ul class="items">{asks}</ul></div>\n'
            f'          <div><h3>Offers</h3><ul class="items">{offers}</ul></div>\n'
            "        </div>\n"
            "      </li>\n    "
        )
    return mark_safe("".join(parts) or NOBODY)  # noqa: S308 - every value went through escape
