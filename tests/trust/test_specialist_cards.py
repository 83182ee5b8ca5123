"""The specialist directory's cards, written in Python from plain rows, are the bytes the
template's loop wrote from model objects: link, name, band, headline, industry, location
and languages, why, the first two endorsements with their authors' links, all escaped."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.template import engines
from django.test import Client
from django.urls import reverse

from mensch.accounts.models import User
from mensch.profiles.models import Profile
from mensch.trust import services
from mensch.trust.directory import Specialist, find_specialist_rows, find_specialists
from mensch.trust.models import Endorsement
from mensch.trust.rows import specialist_cards
from mensch.trust.scores import trust_recompute
from tests.factories import make_member
from tests.trust.conftest import meet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NEED = "someone to keep the books and do the VAT for my design studio"

# The loop trust/specialists.html had, as it was (its view reversed the links).
LOOP = (
    "{% for s, url, endorsements in rows %}\n"
    '        <li class="card person specialist">\n'
    '          <h2><a href="{{ url }}">{{ s.profile.name }}</a> <span class="band '
    'band-{{ s.band }}">{{ s.band_words }}</span></h2>\n'
    '          <p class="headline">{{ s.profile.headline }}</p>\n'
    '          <p class="muted">{{ s.profile.industry }}{% if s.profile.location %} · '
    "{{ s.profile.location }}{% endif %}{% if s.profile.languages %} · "
    "{{ s.profile.languages }}{% endif %}</p>\n"
    '          <p class="why specialist-why"><strong>Why:</strong> {{ s.why }}</p>\n'
    "          {% for e, author_url in endorsements %}"
    '<blockquote class="endorsement">\n'
    "  <p>“{{ e.text }}”</p>\n"
    '  <p class="basis">— <a href="{{ author_url }}">{{ e.author.name }}</a>, '
    '<span class="tag">verified</span> {{ e.basis_label }}</p>\n'
    "</blockquote>\n"
    "{% endfor %}\n"
    '          <a class="button button-small" href="{{ url }}">See '
    "{{ s.profile.user.first_name }}'s offers and endorsements</a>\n"
    "        </li>\n"
    "      {% empty %}\n"
    '        <li class="muted">Nobody\'s offers meet that need yet. Try other words, or '
    "widen the filters.</li>\n"
    "      {% endfor %}"
)


def _loop(found: list[Specialist]) -> str:
    def link(profile_id: int) -> str:
        return reverse("specialist_detail", args=[profile_id])

    rows = [
        (
            s,
            link(s.profile.pk),
            [(e, link(e.author.profile.pk)) for e in s.endorsements[:2]],
        )
        for s in found
    ]
    return engines["django"].from_string(LOOP).render({"rows": rows})


@pytest.fixture
def endorsed(owner: User, organizer: User, bookkeeper: User) -> User:
    """Bea, endorsed three times (two for the offer that meets the need), with trust; Ana, a
    member past the services' checks with text to escape and no location or languages; Cy,
    who joined after trust was last computed (no trust yet), his headline standing in."""
    third = make_member("Tom", last_name="O'Neil & Sons")
    for author, position, text in [
        (organizer, 0, "Kept our books for two years, always on time and clear."),
        (owner, 1, "An hour on pricing that changed how we quote our projects."),
        (third, 0, "Our VAT returns went in early & right, every quarter."),
    ]:
        offer = bookkeeper.profile.offers.order_by("position", "id")[position]
        meet(author, bookkeeper)
        services.endorsement_create(author=author, member=bookkeeper, offer_id=offer.pk, text=text)
    Endorsement.objects.filter(author=third).update(text='Books & VAT "done" <right>')
    ana = make_member(
        "Ana",
        last_name="Bo & Co",
        industry="Accounting & tax",
        offers=[("supplier", "VAT and tax returns for freelancers")],
    )
    Profile.objects.filter(user=ana).update(headline="Books <kept> & 'VAT' done")
    trust_recompute()
    make_member("Cy", headline="Accountant to a design studio", location="Porto")
    return bookkeeper


def test_cards_are_what_the_template_loop_wrote(owner: User, endorsed: User) -> None:
    found = find_specialists(viewer=owner, need=NEED)
    names = [s.profile.name for s in found]
    assert {"Bea Books", "Ana Bo & Co", "Cy Example"} <= set(names)
    expected = _loop(found)
    assert str(specialist_cards(find_specialist_rows(viewer=owner, need=NEED))) == expected
    assert expected.count("<blockquote") == 2
    assert "Books &amp; VAT &quot;done&quot; &lt;right&gt;" in expected
    assert "Books &lt;kept&gt; &amp; &#x27;VAT&#x27; done" in expected
    assert "Tom O&#x27;Neil &amp; Sons" in expected
    assert '<p class="muted">Accounting &amp; tax</p>' in expected
    assert "Lisbon, Portugal · English, Portuguese</p>" in expected


def test_no_cards_say_nobody_meets_the_need(owner: User) -> None:
    assert find_specialist_rows(viewer=owner, need="a lighthouse keeper") == []
    assert str(specialist_cards([])) == _loop([])


def test_the_page_shows_the_cards_of_its_search(
    owner: User, endorsed: User, login_as: Callable[[User], Client]
) -> None:
    cards = str(specialist_cards(find_specialist_rows(viewer=owner, need=NEED)))
    page = login_as(owner).get("/specialists/", {"need": NEED}).content.decode()
    assert f'<ol class="people-list">\n      {cards}\n    </ol>' in page
    partial = login_as(owner).get("/specialists/", {"need": NEED}, headers={"HX-Request": "true"})
    assert f'<ol class="people-list">\n      {cards}\n    </ol>' in partial.content.decode()
    assert "<html" not in partial.content.decode()
