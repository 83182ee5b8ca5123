from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.selectors import are_connected
from mensch.connections.services import connection_create, member_block
from mensch.introductions.models import Introduction
from mensch.introductions.services import (
    daily_introduction_limit,
    introduction_accept,
    introduction_broker,
    introduction_decline,
    introduction_request,
    introduction_withdraw,
    introductions_expire,
)
from mensch.notifications.models import Notification
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

REASON = "You ask for bookkeeping and I keep the books for design studios like yours."


@pytest.fixture
def bookkeeper(db: None) -> User:
    return make_member("Rui", offers=[("supplier", "bookkeeping for small studios")])


def test_request_notifies_recipient_in_app_and_by_email(
    owner: User, bookkeeper: User, settings: object
) -> None:
    settings.TASKS = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }
    introduction_request(requester=bookkeeper, recipient=owner, reason=REASON)
    notification = Notification.objects.get(recipient=owner)
    assert notification.title == "Rui Example asks to be introduced to you"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["dana@example.org"]
    assert REASON in mail.outbox[0].body
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_accept_connects_both_and_reveals_contact_details(owner: User, bookkeeper: User) -> None:
    introduction = introduction_request(requester=bookkeeper, recipient=owner, reason=REASON)
    assert not are_connected(owner, bookkeeper)
    accepted = introduction_accept(introduction_id=introduction.pk, member=owner, note="Gladly")
    assert accepted.status == Introduction.Status.ACCEPTED
    assert accepted.recipient_note == "Gladly"
    assert are_connected(owner, bookkeeper)


def test_decline_leaves_them_unconnected_and_tells_the_requester(
    owner: User, bookkeeper: User
) -> None:
    introduction = introduction_request(requester=bookkeeper, recipient=owner, reason=REASON)
    introduction_decline(introduction_id=introduction.pk, member=owner, note="Books are covered")
    assert not are_connected(owner, bookkeeper)
    told = Notification.objects.get(recipient=bookkeeper)
    assert told.title == "Dana Okafor declined the introduction"
    assert told.body == "Books are covered"


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "This field cannot be blank."),
        ("hi there", "at least 20 characters"),
        ("<a href='x'>click my site for deals</a>", "plain text"),
        ("x" * 1001, "at most 1000 characters"),
    ],
)
def test_request_without_a_real_reason_is_refused(
    owner: User, bookkeeper: User, reason: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        introduction_request(requester=bookkeeper, recipient=owner, reason=reason)
    assert message in " ".join(caught.value.message_dict["reason"])
    assert not Introduction.objects.exists()
    assert not Notification.objects.exists()


def test_request_to_oneself_is_refused(owner: User) -> None:
    with pytest.raises(ValidationError, match="yourself"):
        introduction_request(requester=owner, recipient=owner, reason=REASON)


def test_duplicate_pending_request_is_refused_in_either_direction(
    owner: User, bookkeeper: User
) -> None:
    introduction_request(requester=bookkeeper, recipient=owner, reason=REASON)
    with pytest.raises(ValidationError, match="already waiting"):
        introduction_request(requester=bookkeeper, recipient=owner, reason=REASON)
    with pytest.raises(ValidationError, match="already waiting"):
        introduction_request(requester=owner, recipient=bookkeeper, reason=REASON)
    assert Introduction.objects.count() == 1


def test_request_to_someone_who_blocked_you_is_refused(owner: User, bookkeeper: User) -> None:
    member_block(blocker=owner, blocked=bookkeeper)
    with pytest.raises(ValidationError, match="blocked"):
        introduction_request(requester=bookkeeper, recipient=owner, reason=REASON)
    assert not Introduction.objects.exists()


def test_daily_cap_stops_the_eleventh_request(bookkeeper: User, settings: object) -> None:
    settings.INTRODUCTIONS_PER_DAY = 3  # type: ignore[attr-defined]
    others = [make_member(f"Target{n}") for n in range(4)]
    for other in others[:3]:
        introduction_request(requester=bookkeeper, recipient=other, reason=REASON)
    with pytest.raises(ValidationError, match="your daily limit"):
        introduction_request(requester=bookkeeper, recipient=others[3], reason=REASON)
    assert Introduction.objects.count() == 3


def test_cap_counts_only_the_last_24_hours(bookkeeper: User, settings: object) -> None:
    settings.INTRODUCTIONS_PER_DAY = 1  # type: ignore[attr-defined]
    first, second = make_member("Ada"), make_member("Ben")
    old = introduction_request(requester=bookkeeper, recipient=first, reason=REASON)
    Introduction.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    introduction_request(requester=bookkeeper, recipient=second, reason=REASON)
    assert Introduction.objects.count() == 2


def test_expired_requests_close_and_cannot_be_accepted(owner: User, bookkeeper: User) -> None:
    introduction = introduction_request(requester=bookkeeper, recipient=owner, reason=REASON)
    later = timezone.now() + timedelta(days=15)
    assert introductions_expire(now=later) == 1
    with pytest.raises(ValidationError, match="already expired"):
        introduction_accept(introduction_id=introduction.pk, member=owner)
    assert not are_connected(owner, bookkeeper)


def test_requester_cannot_accept_their_own_request(owner: User, bookkeeper: User) -> None:
    introduction = introduction_request(requester=bookkeeper, recipient=owner, reason=REASON)
    with pytest.raises(ValidationError, match="already answered"):
        introduction_accept(introduction_id=introduction.pk, member=bookkeeper)
    assert not are_connected(owner, bookkeeper)


def test_stranger_cannot_answer_or_withdraw(owner: User, bookkeeper: User, stranger: User) -> None:
    introduction = introduction_request(requester=bookkeeper, recipient=owner, reason=REASON)
    with pytest.raises(Introduction.DoesNotExist):
        introduction_accept(introduction_id=introduction.pk, member=stranger)
    with pytest.raises(Introduction.DoesNotExist):
        introduction_withdraw(introduction_id=introduction.pk, member=stranger)
    with pytest.raises(PermissionDenied):
        introduction_withdraw(introduction_id=introduction.pk, member=owner)
    introduction.refresh_from_db()
    assert introduction.status == Introduction.Status.PENDING


def test_withdrawn_request_can_no_longer_be_accepted(owner: User, bookkeeper: User) -> None:
    introduction = introduction_request(requester=bookkeeper, recipient=owner, reason=REASON)
    introduction_withdraw(introduction_id=introduction.pk, member=bookkeeper)
    with pytest.raises(ValidationError, match="already withdrawn"):
        introduction_accept(introduction_id=introduction.pk, member=owner)


def test_brokered_introduction_needs_both_yes_and_credits_the_introducer(
    owner: User, bookkeeper: User
) -> None:
    broker = make_member("Lea")
    connection_create(member=broker, other=owner, source="introduction")
    connection_create(member=broker, other=bookkeeper, source="introduction")
    introduction = introduction_broker(
        introducer=broker,
        member_a=owner,
        member_b=bookkeeper,
        note="Dana needs a bookkeeper; Rui needs a brand refresh. You should talk.",
    )
    introduction_accept(introduction_id=introduction.pk, member=owner)
    assert not are_connected(owner, bookkeeper)
    introduction_accept(introduction_id=introduction.pk, member=bookkeeper)
    assert are_connected(owner, bookkeeper)
    credit = Notification.objects.get(recipient=broker, kind="introduction_credited")
    assert credit.title == "Dana Okafor and Rui Example accepted your introduction"


def test_brokering_strangers_one_is_not_connected_to_is_refused(
    owner: User, bookkeeper: User
) -> None:
    broker = make_member("Lea")
    connection_create(member=broker, other=owner, source="introduction")
    with pytest.raises(ValidationError, match="only people you are connected with"):
        introduction_broker(introducer=broker, member_a=owner, member_b=bookkeeper, note=REASON)
    assert not Introduction.objects.exists()


def test_block_cancels_pending_introductions_and_ends_connection(
    owner: User, bookkeeper: User
) -> None:
    introduction = introduction_request(requester=bookkeeper, recipient=owner, reason=REASON)
    member_block(blocker=owner, blocked=bookkeeper)
    introduction.refresh_from_db()
    assert introduction.status == Introduction.Status.WITHDRAWN


def test_daily_cap_grows_with_earned_trust(bookkeeper: User, settings: object) -> None:
    from mensch.trust.models import TrustScore

    settings.INTRODUCTIONS_PER_DAY = 2  # type: ignore[attr-defined]
    TrustScore.objects.create(
        member=bookkeeper,
        score=0.9,
        display=90,
        band="high",
        rank=1,
        reliability=0.9,
        vouchers=12,
        is_seed=False,
        headline="",
        reasons=[],
        computed_at=timezone.now(),
    )
    for number in range(6):
        introduction_request(
            requester=bookkeeper, recipient=make_member(f"Target{number}"), reason=REASON
        )
    with pytest.raises(ValidationError, match="your daily limit"):
        introduction_request(requester=bookkeeper, recipient=make_member("Extra"), reason=REASON)
    assert Introduction.objects.count() == 6


def test_a_good_trust_band_doubles_the_daily_cap(bookkeeper: User, settings: object) -> None:
    from mensch.trust.models import TrustScore

    settings.INTRODUCTIONS_PER_DAY = 2  # type: ignore[attr-defined]
    TrustScore.objects.create(
        member=bookkeeper,
        score=0.6,
        display=60,
        band="good",
        rank=1,
        reliability=0.8,
        vouchers=5,
        is_seed=False,
        headline="",
        reasons=[],
        computed_at=timezone.now(),
    )
    assert daily_introduction_limit(bookkeeper) == 4
    for number in range(4):
        introduction_request(
            requester=bookkeeper, recipient=make_member(f"Target{number}"), reason=REASON
        )
    with pytest.raises(ValidationError, match="your daily limit"):
        introduction_request(requester=bookkeeper, recipient=make_member("Extra"), reason=REASON)
    assert Introduction.objects.count() == 4
