from __future__ import annotations

import json

import pytest

from mensch.accounts.models import User
from mensch.connections.services import connection_create
from mensch.introductions.data import member_data
from mensch.introductions.services import (
    introduction_accept,
    introduction_broker,
    introduction_request,
)
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

REASON = "You ask for bookkeeping and I keep the books for design studios like yours."


def test_member_data_has_own_introductions_not_strangers(owner: User, stranger: User) -> None:
    rui = make_member("Rui")
    asked = introduction_request(requester=owner, recipient=rui, reason=REASON)
    introduction_accept(introduction_id=asked.pk, member=rui, note="Happy to talk")
    olga = make_member("Olga")
    introduction_request(
        requester=stranger, recipient=olga, reason="A stranger's reason that is theirs alone."
    )

    rows = member_data(owner)["introductions"]

    assert len(rows) == 1
    row = rows[0]
    assert row["role"] == "requester"
    assert row["reason"] == REASON
    assert row["recipient"] == {"name": "Rui Example", "profile_id": rui.profile.pk}
    assert row["status"] == "accepted"
    dumped = json.dumps(member_data(owner))
    assert "Olga" not in dumped
    assert "theirs alone" not in dumped
    # The other side's note is theirs.
    assert "Happy to talk" not in dumped


def test_a_recipient_sees_their_own_answer_and_a_broker_their_note(owner: User) -> None:
    rui, lena = make_member("Rui"), make_member("Lena")
    connection_create(member=owner, other=rui, source="introduction")
    connection_create(member=owner, other=lena, source="introduction")
    note = "Rui keeps books, Lena needs hers kept: you two should talk soon."
    brokered = introduction_broker(introducer=owner, member_a=rui, member_b=lena, note=note)
    introduction_accept(introduction_id=brokered.pk, member=lena, note="Gladly")

    (as_broker,) = member_data(owner)["introductions"]
    assert as_broker["role"] == "introducer"
    assert as_broker["reason"] == note

    (as_recipient,) = member_data(lena)["introductions"]
    assert as_recipient["role"] == "recipient"
    assert as_recipient["your_note"] == "Gladly"
    assert as_recipient["reason"] == ""


def test_member_data_of_a_createsuperuser_account_is_an_empty_list(db: None) -> None:
    admin = User.objects.create_superuser(email="root@example.org", password="x" * 20)
    assert member_data(admin) == {"introductions": []}
