"""The follow-ups part of "all my data" (what the old contacts JSON export carried)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.models import Contact
from mensch.contacts.services import contact_create
from mensch.followups.data import member_data
from mensch.followups.services import followup_complete, followup_create, promise_log

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_member_data_has_own_tasks_and_promises_not_strangers(
    owner: User, stranger: User, rui: Contact
) -> None:
    today = timezone.localdate()
    promise_log(owner=owner, contact=rui, text="Send the deck", owed_by="me", due_on=today)
    done = followup_create(owner=owner, title="Book the venue", due_on=today + timedelta(days=2))
    assert done is not None
    followup_complete(followup=done)
    theirs = contact_create(owner=stranger, name="Secret Person")
    promise_log(owner=stranger, contact=theirs, text="The stranger's secret plan", owed_by="them")

    data = member_data(owner)

    assert [
        (f["title"], f["kind"], f["owed_by"], f["contact"], f["status"]) for f in data["followups"]
    ] == [
        ("Send the deck", "promise", "me", "Rui Almeida", "open"),
        ("Book the venue", "manual", "me", None, "done"),
    ]
    assert data["followups"][0]["due_on"] == today.isoformat()
    dumped = json.dumps(data)
    assert "secret plan" not in dumped
    assert "Secret Person" not in dumped


def test_member_data_of_a_createsuperuser_account_is_empty_lists(db: None) -> None:
    admin = User.objects.create_superuser(email="root@example.org", password="x" * 20)
    assert member_data(admin) == {"followups": []}
