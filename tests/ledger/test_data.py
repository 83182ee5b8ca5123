from __future__ import annotations

import json
from decimal import Decimal

import pytest

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.connections.services import connection_create
from mensch.ledger import exchanges, services
from mensch.ledger.data import member_data
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SECRET_NAME = "Quintessa Vandermolen"


def test_member_data_has_own_entries_and_exchanges_not_strangers(
    owner: User, ben: User, connected: Connection, stranger: User
) -> None:
    entry = services.ledger_entry_record(
        member=owner,
        kind="referral",
        direction="received",
        description="Referred a café owner who needs a new brand",
        counterpart=ben,
        status="delivered",
    )
    services.ledger_entry_close(member=owner, entry_id=entry.pk, value="2400", currency="EUR")
    services.ledger_entry_record(
        member=owner,
        kind="advice",
        direction="given",
        description="Half an hour on pricing",
        counterpart_name="Maria Costa",
    )
    olga = make_member("Olga")
    connection_create(member=stranger, other=olga, source="introduction")
    services.ledger_entry_record(
        member=stranger,
        kind="favour",
        direction="given",
        description="A stranger's favour to Olga",
        counterpart=olga,
    )
    exchanges.referral_exchange_propose(proposer=stranger, partner=olga)

    data = member_data(owner)

    ledger = data["ledger"]
    assert [(e["direction"], e["with"]["name"]) for e in ledger] == [
        ("received", "Ben Adeyemi"),
        ("given", "Maria Costa"),
    ]
    assert ledger[0]["with"]["profile_id"] == ben.profile.pk
    assert (ledger[0]["value"], ledger[0]["currency"]) == ("2400.00", "EUR")
    assert data["referral_exchanges"] == []
    dumped = json.dumps(data)
    assert "Olga" not in dumped
    assert "A stranger's favour" not in dumped
    assert Decimal(ledger[0]["value"]) == Decimal("2400")


def test_a_sealed_pledge_is_only_in_its_writers_data(
    owner: User, ben: User, connected: Connection
) -> None:
    exchange = exchanges.referral_exchange_propose(proposer=owner, partner=ben)
    exchanges.pledge_create(
        member=owner,
        exchange_id=exchange.pk,
        referral_name=SECRET_NAME,
        reason="She is opening a ceramics studio and needs a brand before spring",
        consent=True,
    )

    (mine,) = member_data(owner)["referral_exchanges"]
    assert mine["your_pledge"]["referral_name"] == SECRET_NAME
    assert mine["with"] == {"name": "Ben Adeyemi", "profile_id": ben.profile.pk}
    (theirs,) = member_data(ben)["referral_exchanges"]
    assert theirs["their_pledge"] is None
    assert SECRET_NAME not in json.dumps(member_data(ben))


def test_member_data_of_a_createsuperuser_account_is_empty_lists(db: None) -> None:
    admin = User.objects.create_superuser(email="root@example.org", password="x" * 20)
    assert member_data(admin) == {"ledger": [], "referral_exchanges": []}
