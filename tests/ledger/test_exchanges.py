from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.ledger import exchanges
from mensch.ledger.models import LedgerEntry, Pledge, ReferralExchange
from mensch.notifications.models import Notification
from tests.ledger.conftest import api_client

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SECRET_NAME = "Quintessa Vandermolen"
SECRET_REASON = "She is opening a ceramics studio and needs a brand before spring"


def first_pledge(owner: User, ben: User) -> ReferralExchange:
    exchange = exchanges.referral_exchange_propose(proposer=owner, partner=ben)
    exchanges.pledge_create(
        member=owner,
        exchange_id=exchange.pk,
        referral_name=SECRET_NAME,
        reason=SECRET_REASON,
        consent=True,
    )
    return exchange


@pytest.fixture
def immediate_tasks(settings: object) -> None:
    settings.TASKS = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }


def test_first_pledge_is_sealed_on_every_path_until_the_second(
    owner: User, ben: User, connected: Connection, login_as: Callable, immediate_tasks: None
) -> None:
    exchange = first_pledge(owner, ben)
    ben_page = login_as(ben).get(f"/referral-exchanges/{exchange.pk}/").content.decode()
    ben_list = login_as(ben).get("/referral-exchanges/").content.decode()
    ben_ledger = login_as(ben).get("/ledger/").content.decode()
    ben_csv = login_as(ben).get("/ledger/export.csv").content.decode()
    api = api_client(ben)
    detail = api.get(f"/api/v1/ledger/exchanges/{exchange.pk}").json()
    listing = api.get("/api/v1/ledger/exchanges").text
    entries = api.get("/api/v1/ledger/entries").text
    notifications = (
        " ".join(f"{n.title} {n.body}" for n in Notification.objects.filter(recipient=ben))
        + api.get("/api/v1/notifications").text
    )
    emails = " ".join(f"{m.subject} {m.body}" for m in mail.outbox)
    assert emails  # Ben was emailed about the proposal and the pledge…
    for leak in (ben_page, ben_list, ben_ledger, ben_csv, listing, entries, notifications, emails):
        # …but nothing anywhere holds Dana's words.
        assert "Quintessa" not in leak
        assert "ceramics" not in leak
    assert detail["their_pledge"] is None
    assert detail["they_pledged"] is True
    assert "Dana has pledged. It stays sealed" in ben_page
    # Dana sees her own pledge.
    assert (
        SECRET_NAME in login_as(owner).get(f"/referral-exchanges/{exchange.pk}/").content.decode()
    )

    exchanges.pledge_create(
        member=ben,
        exchange_id=exchange.pk,
        referral_name="Rui Lopes",
        reason="Runs a studio that needs bookkeeping",
        consent=True,
    )
    exchange.refresh_from_db()
    assert exchange.status == "released"
    assert SECRET_NAME in login_as(ben).get(f"/referral-exchanges/{exchange.pk}/").content.decode()
    theirs = api.get(f"/api/v1/ledger/exchanges/{exchange.pk}").json()["their_pledge"]
    assert (theirs["referral_name"], theirs["reason"]) == (SECRET_NAME, SECRET_REASON)
    entries = LedgerEntry.objects.filter(source="exchange").order_by("giver_id")
    assert [(e.giver, e.receiver, e.kind, e.status) for e in entries] == [
        (owner, ben, "referral", "offered"),
        (ben, owner, "referral", "offered"),
    ]
    # Release notifications say that, not what.
    released = Notification.objects.filter(kind="referral_exchange_released")
    assert released.count() == 2
    assert all("Quintessa" not in n.title + n.body for n in released)


def test_stranger_cannot_see_or_act_on_an_exchange(
    owner: User, ben: User, stranger: User, connected: Connection, login_as: Callable
) -> None:
    exchange = first_pledge(owner, ben)
    client = login_as(stranger)
    assert client.get(f"/referral-exchanges/{exchange.pk}/").status_code == 404
    assert client.post(f"/referral-exchanges/{exchange.pk}/cancel/").status_code == 404
    api = api_client(stranger)
    assert api.get(f"/api/v1/ledger/exchanges/{exchange.pk}").status_code == 404
    assert api.get("/api/v1/ledger/exchanges").json() == []
    response = api.post(
        f"/api/v1/ledger/exchanges/{exchange.pk}/pledge",
        {"referral_name": "x", "reason": "y", "consent": True},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert Pledge.objects.count() == 1


def test_pledging_twice_is_refused(owner: User, ben: User, connected: Connection) -> None:
    exchange = first_pledge(owner, ben)
    response = api_client(owner).post(
        f"/api/v1/ledger/exchanges/{exchange.pk}/pledge",
        {"referral_name": "Someone else", "reason": "Another try", "consent": True},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"__all__": ["You have already pledged in this exchange."]}
    assert list(Pledge.objects.values_list("referral_name", flat=True)) == [SECRET_NAME]


def test_pledge_without_consent_is_refused_with_a_field_message(
    owner: User, ben: User, connected: Connection, login_as: Callable
) -> None:
    exchange = exchanges.referral_exchange_propose(proposer=owner, partner=ben)
    response = login_as(ben).post(
        f"/referral-exchanges/{exchange.pk}/",
        {"referral_name": "Rui Lopes", "reason": "Needs a designer"},
    )
    assert response.status_code == 422
    assert "Ask the person first: a referral needs their consent." in response.content.decode()
    assert Pledge.objects.count() == 0


def test_cancelled_exchange_refuses_pledges_and_releases_nothing(
    owner: User, ben: User, connected: Connection
) -> None:
    exchange = first_pledge(owner, ben)
    exchanges.referral_exchange_cancel(member=ben, exchange_id=exchange.pk)
    with pytest.raises(ValidationError) as error:
        exchanges.pledge_create(
            member=ben, exchange_id=exchange.pk, referral_name="Rui", reason="r", consent=True
        )
    assert error.value.messages == ["This exchange is cancelled: nothing changed."]
    with pytest.raises(ValidationError):
        exchanges.referral_exchange_cancel(member=owner, exchange_id=exchange.pk)
    assert Pledge.objects.count() == 1
    assert LedgerEntry.objects.count() == 0
    cancelled = Notification.objects.get(kind="referral_exchange_cancelled")
    assert "Quintessa" not in cancelled.title + cancelled.body


def test_expired_exchange_reads_expired_and_refuses_pledges(
    owner: User, ben: User, connected: Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    exchange = first_pledge(owner, ben)
    later = timezone.now() + timedelta(days=15)
    monkeypatch.setattr(timezone, "now", lambda: later)
    body = api_client(ben).get(f"/api/v1/ledger/exchanges/{exchange.pk}").json()
    assert body["status"] == "expired"
    response = api_client(ben).post(
        f"/api/v1/ledger/exchanges/{exchange.pk}/pledge",
        {"referral_name": "Rui Lopes", "reason": "Needs books kept", "consent": True},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"__all__": ["This exchange has expired: nothing changed."]}
    assert exchanges.referral_exchanges_expire() == 1
    exchange.refresh_from_db()
    assert exchange.status == "expired"
    assert Pledge.objects.count() == 1


def test_exchange_only_with_connections(owner: User, stranger: User) -> None:
    response = api_client(owner).post(
        "/api/v1/ledger/exchanges",
        {"partner_profile_id": stranger.profile.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "partner": ["You can propose an exchange to your connections only."]
    }
    assert ReferralExchange.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_exchanges_api_and_page_query_count(
    owner: User,
    count: int,
    login_as: Callable,
    django_assert_num_queries: Callable,
) -> None:
    from mensch.connections.services import connection_create
    from tests.factories import make_member

    for number in range(count):
        partner = make_member(f"Partner{number}")
        connection_create(member=owner, other=partner, source=Connection.Source.INTRODUCTION)
        first_pledge(owner, partner)
    api = api_client(owner)
    # token, token update, exchanges with both profiles, pledges
    with django_assert_num_queries(4):
        assert len(api.get("/api/v1/ledger/exchanges").json()) == count
    client = login_as(owner)
    # session, user, connections + their profiles + unread messages, exchanges, pledges, badge
    with django_assert_num_queries(8):
        html = client.get("/referral-exchanges/").content.decode()
    assert f"Your exchanges ({count})" in html
