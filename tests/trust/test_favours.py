"""A favour the receiver confirmed in the ledger counts as a verified interaction: the
ledger, above this app, installs its reader in LedgerConfig.ready()."""

from __future__ import annotations

import pytest

from mensch.accounts.models import User
from mensch.ledger import services as ledger
from mensch.trust.interactions import interactions_between, verified_vouches
from mensch.trust.models import Basis
from mensch.trust.services import endorsement_create
from tests.trust.conftest import meet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_a_confirmed_favour_is_an_interaction_and_a_vouch_for_the_giver(
    owner: User, bookkeeper: User
) -> None:
    meet(owner, bookkeeper)
    entry = ledger.ledger_entry_record(
        member=owner,
        kind="favour",
        direction="received",
        description="Checked my VAT return before the deadline",
        counterpart=bookkeeper,
        status="delivered",
    )
    assert entry.is_verified

    kinds = [i.kind for i in interactions_between(owner, bookkeeper)]
    assert Basis.FAVOUR in kinds
    assert [i.id for i in interactions_between(bookkeeper, owner) if i.kind == Basis.FAVOUR] == [
        entry.pk
    ]
    favours = [v for v in verified_vouches() if v.kind == "favour"]
    assert [(v.source, v.target) for v in favours] == [(owner.pk, bookkeeper.pk)]
    endorsement = endorsement_create(
        author=owner,
        member=bookkeeper,
        offer_id=bookkeeper.profile.offers.order_by("position", "id").first().pk,
        text="Bea checked my VAT return in a day and found two mistakes.",
    )
    assert endorsement.basis in (Basis.FAVOUR, Basis.MEETING)


def test_an_unconfirmed_favour_is_not_an_interaction(owner: User, bookkeeper: User) -> None:
    meet(owner, bookkeeper)
    ledger.ledger_entry_record(
        member=owner,
        kind="favour",
        direction="given",
        description="Lent a projector for a client workshop",
        counterpart=bookkeeper,
    )
    assert Basis.FAVOUR not in [i.kind for i in interactions_between(owner, bookkeeper)]
    assert not [v for v in verified_vouches() if v.kind == "favour"]
