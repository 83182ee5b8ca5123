"""Reports weigh by the reporter's trust and relationship (issue 12, finding 10): a handful
of fresh accounts cannot hide an endorsement; members who count still can."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from mensch.accounts.models import User
from mensch.trust import services
from mensch.trust.models import Endorsement, TrustScore
from tests.factories import make_member
from tests.trust.conftest import meet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TEXT = "Kept our studio's books spotless for a year and caught a VAT mistake early."
BAND_DISPLAY = {"new": 5, "building": 20, "good": 50, "high": 80}


def with_band(member: User, band: str) -> User:
    display = BAND_DISPLAY[band]
    TrustScore.objects.create(
        member=member,
        score=display / 100,
        display=display,
        band=band,
        rank=1,
        reliability=1.0,
        vouchers=3,
        headline="",
        computed_at=timezone.now(),
    )
    return member


@pytest.fixture
def endorsement(owner: User, bookkeeper: User) -> Endorsement:
    meet(owner, bookkeeper)
    offer = bookkeeper.profile.offers.order_by("position", "id").first()
    return services.endorsement_create(
        author=owner, member=bookkeeper, offer_id=offer.pk, text=TEXT
    )


def report(endorsement: Endorsement, reporter: User) -> None:
    services.endorsement_report(
        reporter=reporter, endorsement_id=endorsement.pk, reason="I doubt they ever met"
    )


def visible(endorsement: Endorsement) -> bool:
    endorsement.refresh_from_db()
    return endorsement.is_visible


def test_three_fresh_accounts_cannot_hide_an_endorsement(endorsement: Endorsement) -> None:
    for n in range(3):
        report(endorsement, make_member(f"Fresh{n}", email=f"fresh{n}@example.org"))
    assert visible(endorsement)


def test_three_fresh_accounts_cannot_hide_it_through_the_api(
    endorsement: Endorsement, login_as: Callable[[User], Client]
) -> None:
    for n in range(3):
        client = login_as(make_member(f"Fresh{n}", email=f"fresh{n}@example.org"))
        answer = client.post(
            f"/api/v1/trust/endorsements/{endorsement.pk}/report",
            {"reason": "I doubt they met"},
            content_type="application/json",
        )
        assert answer.status_code == 201
    assert visible(endorsement)
    assert (
        "spotless"
        in login_as(make_member("Viewer"))
        .get(f"/api/v1/trust/members/{endorsement.member.profile.pk}")
        .content.decode()
    )


def test_three_members_in_good_standing_hide_it(endorsement: Endorsement) -> None:
    reporters = [with_band(make_member(f"Good{n}"), "good") for n in range(3)]
    report(endorsement, reporters[0])
    report(endorsement, reporters[1])
    assert visible(endorsement)
    report(endorsement, reporters[2])
    assert not visible(endorsement)


def test_two_highly_trusted_members_hide_it(endorsement: Endorsement) -> None:
    report(endorsement, with_band(make_member("High1"), "high"))
    assert visible(endorsement)
    report(endorsement, with_band(make_member("High2"), "high"))
    assert not visible(endorsement)


def test_members_who_know_the_people_count_fully_even_when_new(
    endorsement: Endorsement, bookkeeper: User, owner: User
) -> None:
    knows_member, knows_author = make_member("Kim"), make_member("Kai")
    meet(knows_member, bookkeeper)
    meet(knows_author, owner)
    report(endorsement, knows_member)
    report(endorsement, knows_author)
    assert visible(endorsement)
    report(endorsement, with_band(make_member("Good"), "good"))
    assert not visible(endorsement)


def test_many_fresh_accounts_still_add_up(endorsement: Endorsement) -> None:
    for n in range(11):
        report(endorsement, make_member(f"Fresh{n}", email=f"fresh{n}@example.org"))
    assert visible(endorsement)
    report(endorsement, make_member("Fresh11", email="fresh11@example.org"))
    assert not visible(endorsement)


def test_staff_hide_it_at_once(endorsement: Endorsement) -> None:
    staff = make_member("Sofia")
    staff.is_staff = True
    staff.save()
    report(endorsement, staff)
    assert not visible(endorsement)
