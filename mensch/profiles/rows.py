"""The member directory's result cards written in Python (``profiles/directory.html``
wrote them with a template loop: a dozen nodes, two inner loops and a URL reverse per
member, twenty members a page); tests hold the output to the template's, byte for byte."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils.safestring import SafeString, mark_safe

from mensch.core.markup import as_written, url_for_ids
from mensch.profiles.models import Profile
from mensch.profiles.selectors import ItemTexts

NOBODY = '\n      <li class="muted">Nobody matches that yet. Try other words.</li>\n    '


def member_cards(members: Iterable[Profile], items: Mapping[int, ItemTexts]) -> SafeString:
    """The ``<li>`` of each member, as the results' ``{% for %}`` loop wrote them (the
    ``{% empty %}`` line where there is none); ``items``: their asks' and offers' texts
    (:func:`selectors.item_texts`)."""
    detail = url_for_ids("member_detail")
    parts = []
    for member in members:
        location = f" · {as_written(member.location)}" if member.location else ""
        texts = items[member.pk]
        asks = "".join(f"<li>{as_written(text)}</li>" for text in texts.asks)
        offers = "".join(f"<li>{as_written(text)}</li>" for text in texts.offers)
        parts.append(
            '\n      <li class="card person">\n'
            f'        <h2><a href="{as_written(detail(member.pk))}">{as_written(member.name)}</a>'
            "</h2>\n"
            f'        <p class="headline">{as_written(member.headline)}</p>\n'
            f'        <p class="muted">{as_written(member.industry)}{location}</p>\n'
            '        <div class="grid grid-2 compact">\n'
            f'          <div><h3>Asks</h3><ul class="items">{asks}</ul></div>\n'
            f'          <div><h3>Offers</h3><ul class="items">{offers}</ul></div>\n'
            "        </div>\n"
            "      </li>\n    "
        )
    return mark_safe("".join(parts) or NOBODY)  # noqa: S308 - every value went through as_written
