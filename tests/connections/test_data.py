from __future__ import annotations

import json

import pytest

from mensch.accounts.models import User
from mensch.connections.data import member_data
from mensch.connections.services import connection_create, message_send
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_member_data_has_own_connections_and_messages_written_not_strangers(
    owner: User, stranger: User
) -> None:
    ben = make_member("Ben")
    connection_create(member=owner, other=ben, source="introduction")
    message_send(sender=owner, recipient=ben, body="Thanks for saying yes: coffee on Friday?")
    message_send(sender=ben, recipient=owner, body="Friday works, the usual place.")
    olga = make_member("Olga")
    connection_create(member=stranger, other=olga, source="event")
    message_send(sender=stranger, recipient=olga, body="A stranger's private note to Olga.")

    data = member_data(owner)

    assert [c["with"] for c in data["connections"]] == [
        {"name": "Ben Example", "profile_id": ben.profile.pk}
    ]
    bodies = [m["body"] for m in data["messages"]]
    assert bodies == ["Thanks for saying yes: coffee on Friday?"]
    dumped = json.dumps(data)
    assert "A stranger's private note" not in dumped
    assert "Olga" not in dumped
    # Only what the member wrote: the reply is Ben's.
    assert "Friday works" not in dumped


def test_member_data_of_a_createsuperuser_account_is_empty_lists(db: None) -> None:
    admin = User.objects.create_superuser(email="root@example.org", password="x" * 20)
    assert member_data(admin) == {"connections": [], "messages": []}
