"""The specialist directory's page as members see it: what each row shows, read from plain
values and written-out statements, stays right after the writes that change it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from mensch.accounts.models import User
from mensch.matching import shared
from mensch.profiles.services import profile_update
from mensch.trust import services
from mensch.trust.directory import find_specialists
from mensch.trust.models import Endorsement
from mensch.trust.scores import trust_recompute
from tests.trust.conftest import meet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NEED = "someone to keep the books and do the VAT for my design studio"
BOOKS = "Kept our books for two years, always on time and clear."
PRICING = "An hour on pricing that changed how we quote our projects."


def _endorse(author: User, member: User, offer_position: int, text: str) -> Endorsement:
    offer = member.profile.offers.order_by("position", "id")[offer_position]
    meet(author, member)
    return services.endorsement_create(author=author, member=member, offer_id=offer.pk, text=text)


def test_a_row_shows_the_member_their_trust_and_endorsements_best_offer_first(
    owner: User,
    organizer: User,
    bookkeeper: User,
    login_as: Callable[[User], Client],
) -> None:
    _endorse(organizer, bookkeeper, 0, BOOKS)  # the offer that meets the need, older
    _endorse(owner, bookkeeper, 1, PRICING)  # another offer, newer
    trust_recompute()
    found = find_specialists(viewer=owner, need=NEED)
    assert [s.profile.user_id for s in found] == [bookkeeper.pk]
    bea = found[0]
    assert bea.offer is not None
    assert bea.offer.text == "bookkeeping and VAT returns for small studios"
    assert [e.text for e in bea.endorsements] == [BOOKS, PRICING]
    assert [e.author.profile.pk for e in bea.endorsements] == [
        organizer.profile.pk,
        owner.profile.pk,
    ]
    assert [e.offer.text for e in bea.endorsements] == [
        "bookkeeping and VAT returns for small studios",
        "a free hour on pricing your services",
    ]
    fresh = {e.pk: e.updated_at for e in Endorsement.objects.all()}
    assert [e.updated_at for e in bea.endorsements] == [fresh[e.pk] for e in bea.endorsements]
    assert all(e.updated_at.tzinfo is not None for e in bea.endorsements)
    assert bea.trust is not None
    assert bea.trust.vouchers == 2
    page = login_as(owner).get("/specialists/", {"need": NEED}).content.decode()
    link = reverse("specialist_detail", args=[bookkeeper.profile.pk])
    assert f'<h2><a href="{link}">Bea Books</a> <span class="band band-{bea.band}">' in page
    assert f'<a class="button button-small" href="{link}">See Bea\'s offers' in page
    assert '<p class="headline">Bookkeeper for small design studios</p>' in page
    assert "Lisbon, Portugal · English, Portuguese</p>" in page
    assert "2 members confirmed meeting or working with Bea." in page
    assert "1 verified endorsement of this offer." in page
    organizer_link = reverse("specialist_detail", args=[organizer.profile.pk])
    owner_link = reverse("specialist_detail", args=[owner.profile.pk])
    assert page.index(f'href="{organizer_link}">Olga Organizer</a>') < page.index(
        f'href="{owner_link}">{owner.name}</a>'
    )
    assert page.index(BOOKS) < page.index(PRICING.replace("'", "&#x27;"))
    api = login_as(owner).get("/api/v1/trust/specialists", {"need": NEED}).json()
    assert [e["text"] for e in api[0]["endorsements"]] == [BOOKS, PRICING]
    assert api[0]["endorsements"][0]["author"] == {
        "profile_id": organizer.profile.pk,
        "name": "Olga Organizer",
    }
    assert api[0]["endorsements"][0]["offer"] == "bookkeeping and VAT returns for small studios"
    assert api[0]["offer"] == "bookkeeping and VAT returns for small studios"
    assert api[0]["endorsements"][0] == {
        "id": bea.endorsements[0].pk,
        "author": {"profile_id": organizer.profile.pk, "name": "Olga Organizer"},
        "offer_id": bea.endorsements[0].offer_id,
        "offer": "bookkeeping and VAT returns for small studios",
        "text": BOOKS,
        "basis": bea.endorsements[0].basis,
        "basis_label": bea.endorsements[0].basis_label,
        "updated_at": api[0]["endorsements"][0]["updated_at"],
        "member": {"profile_id": bookkeeper.profile.pk, "name": "Bea Books"},
    }
    updated = api[0]["endorsements"][0]["updated_at"].replace("Z", "+00:00")
    # The API writes times to the millisecond.
    assert abs(datetime.fromisoformat(updated) - fresh[bea.endorsements[0].pk]) < timedelta(
        milliseconds=1
    )


def test_the_page_is_right_after_the_member_and_others_write(
    owner: User,
    organizer: User,
    bookkeeper: User,
    login_as: Callable[[User], Client],
) -> None:
    client = login_as(owner)
    shared.shared_engine()  # a warm engine: what the page shows is read fresh each time
    assert "new here" in client.get("/specialists/", {"need": NEED}).content.decode()
    endorsement = _endorse(organizer, bookkeeper, 0, BOOKS)
    page = client.get("/specialists/", {"need": NEED}).content.decode()
    assert BOOKS in page
    profile_update(profile=bookkeeper.profile, headline="Bookkeeper and VAT adviser")
    page = client.get("/specialists/", {"need": NEED}).content.decode()
    assert '<p class="headline">Bookkeeper and VAT adviser</p>' in page
    trust_recompute()
    page = client.get("/specialists/", {"need": NEED}).content.decode()
    assert "1 member confirmed meeting or working with Bea." in page
    services.endorsement_withdraw(author=organizer, endorsement_id=endorsement.pk)
    page = client.get("/specialists/", {"need": NEED}).content.decode()
    assert BOOKS not in page
    profile_update(profile=bookkeeper.profile, is_hidden=True)
    page = client.get("/specialists/", {"need": NEED}).content.decode()
    assert "Bea Books" not in page
