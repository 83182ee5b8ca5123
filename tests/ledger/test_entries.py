from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.introductions.services import introduction_accept, introduction_broker
from mensch.ledger import selectors, services
from mensch.ledger.models import EntryStatus, LedgerEntry
from mensch.notifications.models import Notification
from tests.factories import make_member
from tests.ledger.conftest import api_client

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def favour_from(giver: User, receiver: User, text: str = "Reviewed the pitch deck") -> LedgerEntry:
    return services.ledger_entry_record(
        member=giver, kind="favour", direction="given", description=text, counterpart=receiver
    )


def test_entry_life_offered_delivered_confirmed_thanked_closed_credits_giver(
    owner: User, ben: User, connected: Connection
) -> None:
    entry = services.ledger_entry_record(
        member=ben,
        kind="referral",
        direction="given",
        description="Referred Porto Print Co., who need a brand identity",
        counterpart=owner,
    )
    assert (entry.status, entry.giver, entry.receiver, entry.is_verified) == (
        "offered",
        ben,
        owner,
        False,
    )
    assert Notification.objects.get(recipient=owner).title == (
        "Ben Adeyemi recorded a referral they gave you"
    )
    services.ledger_entry_deliver(member=ben, entry_id=entry.pk)
    services.ledger_entry_confirm(member=owner, entry_id=entry.pk)
    services.ledger_entry_thank(member=owner, entry_id=entry.pk)
    services.ledger_entry_close(member=owner, entry_id=entry.pk, value="4800", currency="eur")
    entry.refresh_from_db()
    assert entry.status == EntryStatus.CLOSED
    assert (entry.value, entry.currency) == (Decimal("4800.00"), "EUR")
    assert entry.is_verified
    assert list(selectors.verified_entries()) == [entry]
    assert Notification.objects.filter(recipient=ben, kind="ledger_business_closed").exists()


def test_confirming_an_entry_one_did_not_receive_is_refused_and_changes_nothing(
    owner: User, ben: User, connected: Connection
) -> None:
    entry = favour_from(ben, owner)
    with pytest.raises(ValidationError) as error:
        services.ledger_entry_confirm(member=ben, entry_id=entry.pk)
    assert error.value.messages == ["Only the person who received it can confirm this entry."]
    entry.refresh_from_db()
    assert (entry.status, entry.verified_at) == ("offered", None)


def test_stranger_cannot_confirm_or_see_an_entry(
    owner: User, ben: User, stranger: User, connected: Connection
) -> None:
    entry = favour_from(ben, owner)
    with pytest.raises(LedgerEntry.DoesNotExist):
        services.ledger_entry_confirm(member=stranger, entry_id=entry.pk)
    assert api_client(stranger).get(f"/api/v1/ledger/entries/{entry.pk}").status_code == 404
    assert (
        api_client(stranger).post(f"/api/v1/ledger/entries/{entry.pk}/confirm").status_code == 404
    )
    response = Client()
    response.force_login(stranger)
    assert response.get(f"/ledger/{entry.pk}/").status_code == 404
    entry.refresh_from_db()
    assert entry.verified_at is None


@pytest.mark.parametrize(
    ("value", "currency", "errors"),
    [
        ("-50", "EUR", {"value": ["The value must be more than zero."]}),
        ("0", "EUR", {"value": ["The value must be more than zero."]}),
        ("1000000001", "EUR", {"value": ["That is more than a billion: please check the amount."]}),
        ("lots", "EUR", {"value": ["Write the amount as a number, e.g. 2500."]}),
        (
            "100",
            "XYZ",
            {
                "currency": [
                    "“XYZ” is not an ISO 4217 currency code; use three capital letters such as EUR."
                ]
            },
        ),
    ],
)
def test_closing_with_bad_value_or_currency_is_refused_and_nothing_changes(
    owner: User, ben: User, connected: Connection, value: str, currency: str, errors: dict
) -> None:
    entry = favour_from(ben, owner)
    services.ledger_entry_confirm(member=owner, entry_id=entry.pk)
    with pytest.raises(ValidationError) as error:
        services.ledger_entry_close(member=owner, entry_id=entry.pk, value=value, currency=currency)
    assert error.value.message_dict == errors
    entry.refresh_from_db()
    assert (entry.status, entry.value, entry.currency) == ("delivered", None, "")


def test_api_close_with_absurd_value_answers_400_per_field(
    owner: User, ben: User, connected: Connection
) -> None:
    entry = favour_from(ben, owner)
    services.ledger_entry_confirm(member=owner, entry_id=entry.pk)
    response = api_client(owner).post(
        f"/api/v1/ledger/entries/{entry.pk}/close",
        {"value": "5e12", "currency": "EURO"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"value", "currency"}
    entry.refresh_from_db()
    assert entry.status == "delivered"


def test_giver_cannot_record_business_closed(owner: User, ben: User, connected: Connection) -> None:
    entry = favour_from(ben, owner)
    services.ledger_entry_confirm(member=owner, entry_id=entry.pk)
    response = api_client(ben).post(
        f"/api/v1/ledger/entries/{entry.pk}/close",
        {"value": "100", "currency": "EUR"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "__all__": ["Only the person who received it can record business closed for this entry."]
    }


def test_recording_with_a_member_one_never_met_is_refused(owner: User, stranger: User) -> None:
    with pytest.raises(ValidationError) as error:
        favour_from(owner, stranger)
    assert "counterpart" in error.value.message_dict
    assert LedgerEntry.objects.count() == 0


def test_recording_with_a_named_outsider_and_markup_refused(owner: User) -> None:
    entry = services.ledger_entry_record(
        member=owner,
        kind="advice",
        direction="received",
        description="Tax advice for freelancers",
        counterpart_name="  Maria   Costa ",
    )
    assert entry.counterpart_name == "Maria Costa"
    with pytest.raises(ValidationError) as error:
        services.ledger_entry_record(
            member=owner,
            kind="advice",
            direction="given",
            description="<script>alert(1)</script>",
            counterpart_name="Someone",
        )
    assert "description" in error.value.message_dict
    assert LedgerEntry.objects.count() == 1


def test_accepted_brokered_introduction_credits_the_introducer(owner: User, ben: User) -> None:
    carla = make_member("Carla", last_name="Mendes")
    for other in (owner, ben):
        from mensch.connections.services import connection_create

        connection_create(member=carla, other=other, source=Connection.Source.INTRODUCTION)
    introduction = introduction_broker(
        introducer=carla,
        member_a=owner,
        member_b=ben,
        note="Dana designs brands and Ben needs one for his new bakery.",
    )
    introduction_accept(introduction_id=introduction.pk, member=owner)
    assert LedgerEntry.objects.count() == 0
    introduction_accept(introduction_id=introduction.pk, member=ben)
    entries = LedgerEntry.objects.order_by("receiver_id")
    assert [(e.giver, e.receiver, e.kind, e.is_verified) for e in entries] == [
        (carla, owner, "introduction", True),
        (carla, ben, "introduction", True),
    ]
    assert entries[0].description == "Introduced to Ben Adeyemi"


def test_balance_prompts_after_three_favours_received(
    owner: User, ben: User, connected: Connection
) -> None:
    for text in ("Lent a projector", "Reviewed my deck", "Covered a meeting"):
        entry = favour_from(ben, owner, text)
        services.ledger_entry_confirm(member=owner, entry_id=entry.pk)
    balance = selectors.balance_of(owner)
    assert (balance.given, balance.received) == (0, 3)
    assert balance.prompts == [
        "You've received three favours from Ben; is there something you could offer?"
    ]
    assert [(p.name, p.given, p.received) for p in balance.people] == [("Ben Adeyemi", 0, 3)]
    assert balance.chart is not None
    assert selectors.balance_of(ben).prompts == []


def test_balance_is_never_shown_to_another_member(
    owner: User, ben: User, stranger: User, connected: Connection, login_as: Callable
) -> None:
    for text in ("Lent a projector", "Reviewed my deck", "Covered a meeting"):
        entry = favour_from(ben, owner, text)
        services.ledger_entry_confirm(member=owner, entry_id=entry.pk)
    own = login_as(owner).get("/ledger/").content.decode()
    assert "received three favours from Ben; is there something you could offer?" in own
    for viewer in (stranger, ben):
        client = login_as(viewer)
        profile_page = client.get(f"/members/{owner.profile.pk}/").content.decode()
        assert "favours from" not in profile_page
        assert "You gave" not in profile_page
        body = api_client(viewer).get("/api/v1/ledger/balance").json()
        assert "Dana" not in str(body["prompts"])
    # The stranger's own balance holds nothing of Dana's.
    assert api_client(stranger).get("/api/v1/ledger/balance").json() == {
        "given": 0,
        "received": 0,
        "people": [],
        "prompts": [],
    }
    assert "Dana" not in login_as(stranger).get("/ledger/").content.decode()


def test_record_page_refuses_empty_description_with_message_and_saves_nothing(
    owner: User, ben: User, connected: Connection, login_as: Callable
) -> None:
    response = login_as(owner).post(
        "/ledger/record/",
        {
            "direction": "given",
            "kind": "favour",
            "counterpart": str(ben.profile.pk),
            "description": "",
            "status": "delivered",
        },
    )
    assert response.status_code == 422
    assert "This field cannot be blank." in response.content.decode()
    assert LedgerEntry.objects.count() == 0


def test_record_page_then_receiver_confirms_and_closes_on_entry_page(
    owner: User, ben: User, connected: Connection, login_as: Callable
) -> None:
    response = login_as(ben).post(
        "/ledger/record/",
        {
            "direction": "given",
            "kind": "referral",
            "counterpart": str(owner.profile.pk),
            "description": "Referred a bakery that needs a logo",
            "status": "delivered",
        },
    )
    entry = LedgerEntry.objects.get()
    assert response.url == f"/ledger/{entry.pk}/"
    dana = login_as(owner)
    dana.post(f"/ledger/{entry.pk}/confirm/")
    bad = dana.post(f"/ledger/{entry.pk}/close/", {"value": "-3", "currency": "EUR"})
    assert bad.status_code == 422
    assert "The value must be more than zero." in bad.content.decode()
    dana.post(f"/ledger/{entry.pk}/close/", {"value": "1250.50", "currency": "EUR"})
    entry.refresh_from_db()
    assert (entry.status, entry.value, entry.is_verified) == ("closed", Decimal("1250.50"), True)
    page = login_as(ben).get(f"/ledger/{entry.pk}/").content.decode()
    assert "1250.50 EUR" in page
    assert "credited to you" in page


def test_csv_export_holds_only_own_entries(
    owner: User, ben: User, stranger: User, connected: Connection, login_as: Callable
) -> None:
    favour_from(ben, owner, "=HYPERLINK(evil)")
    own = login_as(owner).get("/ledger/export.csv").content.decode()
    assert own.splitlines()[1].split(",")[1:4] == ["received", "favour", "Ben Adeyemi"]
    assert "'=HYPERLINK(evil)" in own
    assert login_as(stranger).get("/ledger/export.csv").content.decode().count("\n") == 1


@pytest.mark.parametrize("count", [1, 3])
def test_entries_api_query_count(
    owner: User,
    ben: User,
    connected: Connection,
    count: int,
    django_assert_num_queries: Callable,
) -> None:
    for number in range(count):
        favour_from(ben, owner, f"Favour {number}")
    client = api_client(owner)
    # token lookup, token last-used update, entries with both sides' profiles
    with django_assert_num_queries(3):
        body = client.get("/api/v1/ledger/entries").json()
    assert len(body) == count


@pytest.mark.parametrize("count", [1, 3])
def test_ledger_page_query_count(
    owner: User,
    ben: User,
    connected: Connection,
    count: int,
    login_as: Callable,
    django_assert_num_queries: Callable,
) -> None:
    for number in range(count):
        favour_from(ben, owner, f"Favour {number}")
    client = login_as(owner)
    # session, user, entries (balance and list from one read), the record form's people
    # and own contacts (one statement), unread badge
    with django_assert_num_queries(5):
        html = client.get("/ledger/").content.decode()
    assert f"Entries ({count})" in html


def test_recording_with_a_contact_names_them_or_uses_the_member(
    owner: User, ben: User, stranger: User, connected: Connection
) -> None:
    from mensch.contacts.services import contact_create, contact_for_member

    outsider = contact_create(owner=owner, name="Maria Costa", company="Costa Legal")
    entry = services.ledger_entry_record(
        member=owner,
        kind="advice",
        direction="received",
        description="Explained the new invoicing rules",
        contact=outsider,
    )
    assert (entry.receiver, entry.giver, entry.counterpart_name) == (owner, None, "Maria Costa")
    assert entry.counterpart_contact == outsider
    ben_contact = contact_for_member(owner=owner, member=ben)
    entry = services.ledger_entry_record(
        member=owner,
        kind="favour",
        direction="given",
        description="Lent my studio for his shoot",
        contact=ben_contact,
    )
    assert (entry.giver, entry.receiver, entry.counterpart_name) == (owner, ben, "")
    # Somebody else's contact record cannot be used, through the API either.
    sams = contact_create(owner=stranger, name="Private Person")
    response = api_client(owner).post(
        "/api/v1/ledger/entries",
        {
            "kind": "favour",
            "direction": "given",
            "description": "Something",
            "counterpart_contact_id": sams.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 404
    assert LedgerEntry.objects.count() == 2
    # Ben sees the entry but not Dana's contact record id.
    body = api_client(ben).get(f"/api/v1/ledger/entries/{entry.pk}").json()
    assert body["counterpart"] == {
        "profile_id": owner.profile.pk,
        "name": "Dana Okafor",
        "contact_id": None,
    }
