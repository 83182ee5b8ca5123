from __future__ import annotations

import json

import pytest

from mensch.accounts.models import User
from mensch.trust.data import member_data
from mensch.trust.services import endorsement_create
from tests.factories import make_member
from tests.trust.conftest import meet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

GIVEN = "Bea kept our books for a year: clear about scope and always on time."
RECEIVED = "Dana redid our brand after we met; generous with time and very good at it."


def test_member_data_has_endorsements_given_and_received_not_strangers(
    owner: User, bookkeeper: User, stranger: User
) -> None:
    meet(owner, bookkeeper)
    endorsement_create(
        author=owner,
        member=bookkeeper,
        offer_id=bookkeeper.profile.offers.order_by("position", "id").first().pk,
        text=GIVEN,
    )
    endorsement_create(
        author=bookkeeper,
        member=owner,
        offer_id=owner.profile.offers.get().pk,
        text=RECEIVED,
    )
    olga = make_member("Olga", offers=[("advice", "pricing workshops for freelancers")])
    meet(stranger, olga)
    endorsement_create(
        author=stranger,
        member=olga,
        offer_id=olga.profile.offers.get().pk,
        text="A stranger's endorsement of Olga, nothing to do with Dana.",
    )

    rows = member_data(owner)["endorsements"]

    assert [(r["direction"], r["text"]) for r in rows] == [
        ("given", GIVEN),
        ("received", RECEIVED),
    ]
    assert rows[0]["of"] == {"name": "Bea Books", "profile_id": bookkeeper.profile.pk}
    assert rows[1]["by"] == {"name": "Bea Books", "profile_id": bookkeeper.profile.pk}
    assert "Olga" not in json.dumps(member_data(owner))


def test_member_data_of_a_createsuperuser_account_is_an_empty_list(db: None) -> None:
    admin = User.objects.create_superuser(email="root@example.org", password="x" * 20)
    assert member_data(admin) == {"endorsements": []}
