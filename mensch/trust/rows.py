"""The specialist directory's result cards written in Python (``trust/specialists.html``
wrote them with a template loop: some twenty nodes, an inner loop of endorsements and two
links a specialist, twenty specialists a search); tests hold the output to the template's,
byte for byte.

Every value written is plain text (read from the database or put together here, never
marked safe), which a template's ``{{ value }}`` leaves to Django's ``escape``, that is
``html.escape``: it is called directly (:func:`mensch.core.markup.as_written` gives the
same text, five times slower, some two hundred values a search)."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django.utils.safestring import SafeString, mark_safe

from mensch.core.markup import url_for_ids
from mensch.profiles.models import Profile
from mensch.trust.directory import SpecialistRow

SHOWN_ENDORSEMENTS = 2
NOBODY = (
    '\n        <li class="muted">Nobody\'s offers meet that need yet. Try other words, or widen'
    " the filters.</li>\n      "
)


def specialist_cards(specialists: Iterable[SpecialistRow]) -> SafeString:
    """The ``<li>`` of each specialist, as the results' ``{% for %}`` loop wrote them (the
    ``{% empty %}`` line where there is none): their band, why, and first endorsements."""
    detail = url_for_ids("specialist_detail")
    parts = []
    for row in specialists:
        member = row.member
        link = escape(detail(member.profile_id))
        name = escape(f"{member.first_name} {member.last_name}".strip())  # Profile.name
        where = escape(member.industry)
        if member.location:
            where += f" · {escape(member.location)}"
        if member.languages:
            where += f" · {escape(member.languages)}"
        quotes = []
        for e in row.endorsements[:SHOWN_ENDORSEMENTS]:
            if e.author_profile_id is None:
                # Every account gets a profile; with none there is no page to link to (the
                # page's lookup of the author's profile raised this too).
                raise Profile.DoesNotExist("An endorsement's author has no profile.")
            quotes.append(
                '<blockquote class="endorsement">\n'
                f"  <p>“{escape(e.text)}”</p>\n"
                f'  <p class="basis">— <a href="{escape(detail(e.author_profile_id))}">'
                f'{escape(e.author_name)}</a>, <span class="tag">verified</span> '
                f"{escape(e.basis_label)}</p>\n"
                "</blockquote>\n"
            )
        parts.append(
            '\n        <li class="card person specialist">\n'
            f'          <h2><a href="{link}">{name}</a> <span class="band band-'
            f'{escape(row.band)}">{escape(row.band_words)}</span></h2>\n'
            f'          <p class="headline">{escape(member.headline)}</p>\n'
            f'          <p class="muted">{where}</p>\n'
            f'          <p class="why specialist-why"><strong>Why:</strong> {escape(row.why)}'
            "</p>\n"
            f"          {''.join(quotes)}\n"
            f'          <a class="button button-small" href="{link}">See '
            f"{escape(member.first_name)}'s offers and endorsements</a>\n"
            "        </li>\n      "
        )
    return mark_safe("".join(parts) or NOBODY)  # noqa: S308 - every value went through escape
