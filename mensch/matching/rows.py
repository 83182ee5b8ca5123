"""People to meet's suggestions written in Python (``matching/people_to_meet.html`` wrote
them with a template loop, some fifteen nodes a suggestion for twenty a page); tests hold
the output to the loop's, byte for byte."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.safestring import SafeString, mark_safe

from mensch.core.markup import as_written, url_for_ids
from mensch.matching.selectors import PersonToMeet


def people_items(people: Iterable[PersonToMeet]) -> SafeString:
    """Each suggestion's ``<li>``, as the page's ``{% for %}`` loop wrote them."""
    detail, introduction = url_for_ids("member_detail"), url_for_ids("introduction_request")
    parts = []
    for row in people:
        profile = row.candidate.profile
        industry, location = profile.industry, profile.location
        place = (
            f'<p class="muted">{as_written(industry)}{" · " if industry and location else ""}'
            f"{as_written(location)}</p>"
            if industry or location
            else ""
        )
        ask = (
            '<span class="tag">introduction waiting for an answer</span>\n      '
            if row.pending
            else f'<a class="button button-small" href="{as_written(introduction(profile.pk))}">'
            "Ask for an introduction</a>"
        )
        parts.append(
            '\n    <li class="card person match">\n'
            f'      <h2><a href="{as_written(detail(profile.pk))}">{as_written(profile.name)}'
            "</a></h2>\n"
            f'      <p class="headline">{as_written(profile.headline)}</p>\n'
            f"      {place}\n"
            f'      <p class="why"><strong>Why:</strong> {as_written(row.reason)}</p>\n'
            f"      {ask}\n"
            "    </li>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value went through as_written
