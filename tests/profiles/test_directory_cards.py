"""The directory's member cards, written in Python, are the bytes the template's loop
wrote: link, name, headline, industry and location, asks and offers in order, escaped."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.template import engines
from django.test import Client

from mensch.accounts.models import User
from mensch.profiles import selectors
from mensch.profiles.models import Profile
from mensch.profiles.rows import member_cards
from mensch.profiles.services import profile_item_create
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

# The loop profiles/directory.html had, as it was.
LOOP = (
    "{% for member in page %}\n"
    '      <li class="card person">\n'
    "        <h2><a href=\"{% url 'member_detail' member.pk %}\">{{ member.name }}</a></h2>\n"
    '        <p class="headline">{{ member.headline }}</p>\n'
    '        <p class="muted">{{ member.industry }}{% if member.location %} · '
    "{{ member.location }}{% endif %}</p>\n"
    '        <div class="grid grid-2 compact">\n'
    '          <div><h3>Asks</h3><ul class="items">{% for ask in member.asks.all %}'
    "<li>{{ ask.text }}</li>{% endfor %}</ul></div>\n"
    '          <div><h3>Offers</h3><ul class="items">{% for offer in member.offers.all %}'
    "<li>{{ offer.text }}</li>{% endfor %}</ul></div>\n"
    "        </div>\n"
    "      </li>\n"
    "    {% empty %}\n"
    '      <li class="muted">Nobody matches that yet. Try other words.</li>\n'
    "    {% endfor %}"
)


@pytest.fixture
def members() -> list[Profile]:
    ana = make_member(
        "Ana",
        last_name="Bo & Co",
        headline="Design studio",
        industry="Graphic & brand design",
        location="São Paulo",
        asks=[("supplier", "a printer for 'zines & posters"), ("advice", "pricing help")],
        offers=[("mentor", 'logo "refresh" for small studios')],
    )
    make_member("Nowhere", headline="", industry="", location="")
    quiet = make_member("Quiet", offers=[("mentor", "second offer")])
    profile = Profile.objects.get(user=quiet)
    profile_item_create(profile=profile, side="offer", kind="mentor", text="third offer")
    profile_item_create(profile=profile, side="ask", kind="advice", text="an ask after offers")
    # Past the services' checks, to see the cards escape what the template escaped.
    Profile.objects.filter(user=ana).update(headline="Design <studio>")
    ids = Profile.objects.filter(user__first_name__in=["Ana", "Nowhere", "Quiet"]).values("pk")
    listed = selectors._for_list(Profile.objects.filter(pk__in=ids).order_by("pk"))
    assert Profile.objects.get(user=ana).location == "São Paulo"
    return list(listed)


def _cards(profiles: list[Profile]) -> str:
    return str(member_cards(selectors.cards_of(profiles)))


def test_cards_are_what_the_template_loop_wrote(members: list[Profile]) -> None:
    expected = engines["django"].from_string(LOOP).render({"page": members})
    assert _cards(members) == expected
    assert "Bo &amp; Co" in expected
    assert "Design &lt;studio&gt;" in expected
    assert "<li>second offer</li><li>third offer</li>" in expected


def test_no_cards_say_nobody_matches() -> None:
    expected = engines["django"].from_string(LOOP).render({"page": []})
    assert _cards([]) == expected


def test_item_texts_follow_each_sides_order(members: list[Profile]) -> None:
    quiet = next(p for p in members if p.user.first_name == "Quiet")
    texts = selectors.item_texts([quiet.pk])
    assert texts == {quiet.pk: (["an ask after offers"], ["second offer", "third offer"])}


def test_directory_shows_the_cards_of_its_page(
    login_as: Callable[[User], Client], stranger: User, members: list[Profile]
) -> None:
    html = login_as(stranger).get("/members/?q=offer").content.decode()
    quiet = [p for p in members if p.user.first_name == "Quiet"]
    assert _cards(quiet) in html
    assert html.count('class="card person"') == 1
    htmx = login_as(stranger).get("/members/?q=zines", headers={"HX-Request": "true"})
    assert "a printer for &#x27;zines &amp; posters" in htmx.content.decode()
