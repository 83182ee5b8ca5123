"""An accepted introduction is a yes to talking, not a verified interaction (issue 11)."""

from __future__ import annotations

import random
from collections.abc import Callable
from importlib import import_module

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.services import connection_create
from mensch.introductions.models import Introduction
from mensch.introductions.services import (
    introduction_accept,
    introduction_broker,
    introduction_request,
)
from mensch.ledger.models import LedgerEntry
from mensch.trust import demo
from mensch.trust.interactions import interactions_between, verified_vouches
from mensch.trust.models import Endorsement
from tests.factories import make_member
from tests.trust.conftest import meet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

REASON = "You keep books for studios and I run one; let's compare notes."
TEXT = "Kept our studio's books spotless for a year and caught a VAT mistake early."


def _introduce(requester: User, recipient: User) -> Introduction:
    introduction = introduction_request(requester=requester, recipient=recipient, reason=REASON)
    return introduction_accept(introduction_id=introduction.pk, member=recipient)


def _edges(kind: str) -> set[tuple[object, object]]:
    return {(v.source, v.target) for v in verified_vouches() if v.kind == kind}


def test_a_bare_accepted_introduction_vouches_for_no_one(owner: User, bookkeeper: User) -> None:
    _introduce(owner, bookkeeper)
    assert interactions_between(owner, bookkeeper) == []
    assert verified_vouches() == []


def test_an_introducer_is_vouched_for_only_once_the_two_introduced_met(
    owner: User, bookkeeper: User
) -> None:
    lea = make_member("Lea")
    connection_create(member=lea, other=owner, source="introduction")
    connection_create(member=lea, other=bookkeeper, source="introduction")
    brokered = introduction_broker(introducer=lea, member_a=owner, member_b=bookkeeper, note=REASON)
    introduction_accept(introduction_id=brokered.pk, member=owner)
    introduction_accept(introduction_id=brokered.pk, member=bookkeeper)
    assert _edges("introduction") == set()
    assert verified_vouches() == []  # nor through the ledger's credit for the introduction
    assert interactions_between(owner, lea) == []
    meet(owner, bookkeeper)
    assert _edges("introduction") == {(owner.pk, lea.pk), (bookkeeper.pk, lea.pk)}


def test_endorse_page_after_only_an_introduction_explains_what_is_needed(
    login_as: Callable[[User], Client], owner: User, bookkeeper: User
) -> None:
    _introduce(owner, bookkeeper)
    html = login_as(owner).get(f"/specialists/{bookkeeper.profile.pk}/").content.decode()
    assert "accepted introduction" not in html
    assert "once you have both confirmed a meeting" in html


def test_demo_endorses_no_one_it_only_introduced(owner: User, bookkeeper: User) -> None:
    _introduce(owner, bookkeeper)
    assert not demo._endorse(owner, bookkeeper, random.Random(1))
    assert Endorsement.objects.count() == 0


def test_migration_moves_introduction_endorsements_onto_a_meeting_or_removes_them(
    owner: User, bookkeeper: User
) -> None:
    stranger = make_member("Sam", offers=[("advice", "pricing advice for small studios")])
    first = _introduce(owner, bookkeeper)
    second = _introduce(owner, stranger)
    meeting = meet(owner, bookkeeper)
    offer = bookkeeper.profile.offers.order_by("position", "id")[0]
    kept = Endorsement.objects.create(
        author=owner,
        member=bookkeeper,
        offer=offer,
        text=TEXT,
        basis="introduction",
        basis_id=first.pk,
        basis_label="introduced through Mensch, March 2027",
    )
    Endorsement.objects.create(
        author=owner,
        member=stranger,
        offer=stranger.profile.offers.get(),
        text=TEXT,
        basis="introduction",
        basis_id=second.pk,
        basis_label="introduced through Mensch, March 2027",
    )
    lea = make_member("Lea", offers=[("advice", "introductions to Lisbon accountants")])
    credit = LedgerEntry.objects.create(
        kind="introduction",
        recorded_by=lea,
        giver=lea,
        receiver=owner,
        description="Introduced to Bea Books",
        status="delivered",
        source="introduction",
        verified_at=timezone.now(),
    )
    Endorsement.objects.create(
        author=owner,
        member=lea,
        offer=lea.profile.offers.get(),
        text=TEXT,
        basis="favour",
        basis_id=credit.pk,
        basis_label="a favour confirmed, March 2027",
    )
    migration = import_module(
        "mensch.trust.migrations.0002_endorsements_rest_on_meetings_or_favours"
    )

    migration.rest_on_meetings_or_remove(apps, None)

    assert list(Endorsement.objects.values_list("pk", "basis", "basis_id", "basis_label")) == [
        (kept.pk, "meeting", meeting.pk, f"met in person, {meeting.met_on:%B %Y}")
    ]
