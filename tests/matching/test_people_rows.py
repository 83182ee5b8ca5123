"""People to meet's suggestions, written in Python, are the bytes the page's template loop
wrote: names, headline, industry and location (either, both, neither), the reason, the
pending introduction, escaped; and the page without suggestions is unchanged."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.template import engines
from django.test import Client
from django.urls import reverse

from mensch.accounts.models import User
from mensch.matching.models import Recommendation
from mensch.matching.rows import people_items
from mensch.matching.selectors import PersonToMeet
from mensch.profiles.models import Profile

# The loop matching/people_to_meet.html had, as it was.
LOOP = (
    "{% for row, detail_url, introduction_url in rows %}\n"
    '    <li class="card person match">\n'
    '      <h2><a href="{{ detail_url }}">{{ row.candidate.profile.name }}</a></h2>\n'
    '      <p class="headline">{{ row.candidate.profile.headline }}</p>\n'
    "      {% with p=row.candidate.profile %}{% if p.industry or p.location %}"
    '<p class="muted">{{ p.industry }}{% if p.industry and p.location %} · {% endif %}'
    "{{ p.location }}</p>{% endif %}{% endwith %}\n"
    '      <p class="why"><strong>Why:</strong> {{ row.reason }}</p>\n'
    '      {% if row.pending %}<span class="tag">introduction waiting for an answer</span>\n'
    '      {% else %}<a class="button button-small" href="{{ introduction_url }}">'
    "Ask for an introduction</a>{% endif %}\n"
    "    </li>\n"
    "  {% endfor %}"
)


def _person(pk: int, first: str, last: str, *, pending: bool, **place: str) -> PersonToMeet:
    user = User(pk=pk, first_name=first, last_name=last)
    Profile(pk=pk + 1000, user=user, headline=place.pop("headline", ""), **place)
    return PersonToMeet(
        Recommendation(pk=pk, candidate=user, rank=pk, score=0.5, reason='Offers "R&D" <help>'),
        pending,
    )


PEOPLE = [
    _person(1, "Ana & <Bo>", "Eze", pending=False, headline="Designer & co", industry="Design"),
    _person(2, "Rui", "", pending=True, location="Lagos <Island>"),
    _person(3, "Lena", "Ode", pending=False, industry="Tax", location="Berlin"),
    _person(4, "Kofi", "Mensah", pending=True, headline='"Quoted"'),
]


def test_items_are_what_the_template_loop_wrote() -> None:
    rows = [
        (
            row,
            reverse("member_detail", args=[row.candidate.profile.pk]),
            reverse("introduction_request", args=[row.candidate.profile.pk]),
        )
        for row in PEOPLE
    ]
    expected = engines["django"].from_string(LOOP).render({"rows": rows})
    assert str(people_items(PEOPLE)) == expected
    assert "Ana &amp; &lt;Bo&gt; Eze" in expected
    assert expected.count("introduction waiting for an answer") == 2


def test_no_items() -> None:
    assert str(people_items([])) == ""


@pytest.mark.django_db
def test_page_without_suggestions_says_how_to_get_some(
    login_as: Callable[[User], Client], owner: User
) -> None:
    html = login_as(owner).get("/people-to-meet/").content.decode()
    expected = (
        '<ol class="people-list">\n  \n    <li class="muted">No suggestions yet. Add what you'
        f' ask for and what you offer to <a href="{reverse("profile_edit")}">your profile</a>;'
        " suggestions are recomputed in the background.</li>\n  \n</ol>"
    )
    assert expected in html
