from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from mensch.accounts.models import User
from mensch.connections.models import Connection, Message
from mensch.connections.services import connection_create, member_block, message_send
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def connection(owner: User, stranger: User) -> Connection:
    return connection_create(member=owner, other=stranger, source="introduction")


def test_connection_reveals_contact_details_to_each_other_only(
    login_as: Callable[[User], Client], owner: User, stranger: User, connection: Connection
) -> None:
    html = login_as(stranger).get(f"/members/{owner.profile.pk}/").content.decode()
    assert "dana.private@example.org" in html
    api = login_as(stranger).get(f"/api/v1/members/{owner.profile.pk}").json()
    assert api["contact"]["phone"] == "+351 21 000 0000"
    outsider = login_as(make_member("Olga"))
    assert (
        "dana.private@example.org"
        not in outsider.get(f"/members/{owner.profile.pk}/").content.decode()
    )


def test_connections_exchange_messages_on_the_thread_page(
    login_as: Callable[[User], Client], owner: User, stranger: User, connection: Connection
) -> None:
    login_as(stranger).post(
        f"/connections/{owner.profile.pk}/", {"body": "What kind of books do you need kept?"}
    )
    html = login_as(owner).get(f"/connections/{stranger.profile.pk}/").content.decode()
    assert "What kind of books do you need kept?" in html
    assert Message.objects.get().read_at is not None


def test_message_to_a_non_connection_is_refused(owner: User, stranger: User) -> None:
    with pytest.raises(PermissionDenied, match="Ask for an introduction"):
        message_send(sender=stranger, recipient=owner, body="Buy my course")
    assert not Message.objects.exists()


def test_thread_with_non_connection_is_not_found(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    client = login_as(stranger)
    assert client.get(f"/connections/{owner.profile.pk}/").status_code == 404
    response = client.post(
        f"/api/v1/connections/{owner.profile.pk}/messages",
        {"body": "hello"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Message.objects.exists()


def test_third_party_cannot_read_a_thread(
    login_as: Callable[[User], Client], owner: User, stranger: User, connection: Connection
) -> None:
    message_send(sender=owner, recipient=stranger, body="Private plans for the rebrand")
    outsider = login_as(make_member("Olga"))
    for profile in (owner.profile, stranger.profile):
        assert outsider.get(f"/connections/{profile.pk}/").status_code == 404
        assert outsider.get(f"/api/v1/connections/{profile.pk}/messages").status_code == 404


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("   ", "Write something"),
        ("x" * 5001, "at most 5000 characters"),
        ("<script>steal()</script>", "plain text"),
    ],
)
def test_bad_message_is_refused_with_reason(
    owner: User, stranger: User, connection: Connection, body: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        message_send(sender=owner, recipient=stranger, body=body)
    assert not Message.objects.exists()


def test_ten_megabyte_message_is_refused_by_the_api(
    login_as: Callable[[User], Client], owner: User, stranger: User, connection: Connection
) -> None:
    response = login_as(owner).post(
        f"/api/v1/connections/{stranger.profile.pk}/messages",
        {"body": "a" * 10_000_000},
        content_type="application/json",
    )
    assert response.status_code == 413
    assert not Message.objects.exists()


def test_block_ends_connection_and_messaging(
    login_as: Callable[[User], Client], owner: User, stranger: User, connection: Connection
) -> None:
    login_as(owner).post(f"/members/{stranger.profile.pk}/block/")
    assert not Connection.objects.exists()
    with pytest.raises(PermissionDenied):
        message_send(sender=stranger, recipient=owner, body="Why did you go?")
    assert (
        "dana.private@example.org"
        not in login_as(stranger).get(f"/members/{owner.profile.pk}/").content.decode()
    )


def test_blocking_oneself_is_refused(owner: User) -> None:
    with pytest.raises(ValidationError, match="yourself"):
        member_block(blocker=owner, blocked=owner)


@pytest.mark.parametrize("count", [1, 3])
def test_connection_list_query_count(
    login_as: Callable[[User], Client],
    owner: User,
    count: int,
    django_assert_num_queries: Callable[..., object],
) -> None:
    for number in range(count):
        other = make_member(f"Friend{number}")
        connection_create(member=owner, other=other, source="introduction")
        message_send(sender=other, recipient=owner, body="Hello!")
    client = login_as(owner)
    # session, user, connections, profiles, unread messages, unread badge
    with django_assert_num_queries(6):
        html = client.get("/connections/").content.decode()
    assert html.count("(1 new)") == count
    with django_assert_num_queries(5):
        body = client.get("/api/v1/connections").json()
    assert [row["unread"] for row in body] == [1] * count
