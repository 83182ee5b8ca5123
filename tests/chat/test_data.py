from __future__ import annotations

import json

import pytest

from mensch.accounts.models import User
from mensch.chat import services
from mensch.chat.data import member_data
from mensch.events.models import Rsvp
from tests.factories import make_member
from tests.trust.conftest import make_event, make_organizer

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_member_data_has_the_messages_the_member_wrote_not_others(
    owner: User, stranger: User
) -> None:
    event = make_event(make_organizer("Olga"), title="Lisbon Founders")
    Rsvp.objects.create(event=event, member=owner)
    Rsvp.objects.create(event=event, member=stranger)
    services.chat_message_post(
        author=owner, event_id=event.pk, body="Who else prices design work by the day?"
    )
    services.chat_message_post(
        author=stranger, event_id=event.pk, body="A stranger's reply about day rates."
    )

    data = member_data(owner)

    messages = data["chat"]
    assert isinstance(messages, list)
    assert [(m["event"], m["body"]) for m in messages] == [
        ("Lisbon Founders", "Who else prices design work by the day?")
    ]
    assert "A stranger's reply" not in json.dumps(data)
    assert member_data(make_member("Quiet")) == {"chat": []}


def test_member_data_of_a_createsuperuser_account_is_empty_lists(db: None) -> None:
    admin = User.objects.create_superuser(email="root@example.org", password="x" * 20)
    assert member_data(admin) == {"chat": []}
