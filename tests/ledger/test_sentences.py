"""The ledger's sentences agree with the kind: "an introduction", "advice" (issue 11)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.ledger import services
from mensch.notifications.models import Notification
from tests.sentences import page_text, problems_in

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

Login = Callable[[User], Client]


def test_ledger_page_and_entry_page_put_the_right_article_before_the_kind(
    login_as: Login, owner: User, ben: User, connected: Connection
) -> None:
    intro = services.ledger_entry_record(
        member=owner, kind="introduction", direction="given", description="To a printer",
        counterpart=ben,
    )  # fmt: skip
    services.ledger_entry_record(
        member=owner, kind="advice", direction="received", description="On pricing",
        counterpart=ben,
    )  # fmt: skip
    client = login_as(owner)

    ledger = page_text(client.get("/ledger/").content.decode())
    entry = page_text(client.get(f"/ledger/{intro.pk}/").content.decode())

    assert "You gave an introduction to Ben" in ledger
    assert "You received advice from Ben" in ledger
    assert "a introduction" not in ledger
    assert "a advice" not in ledger
    assert f"You gave {ben.name} an introduction" in entry
    assert problems_in(ledger) == []
    assert problems_in(entry) == []


def test_the_notification_of_a_recorded_entry_agrees_with_the_kind(
    owner: User, ben: User, connected: Connection
) -> None:
    services.ledger_entry_record(
        member=owner, kind="advice", direction="given", description="On pricing", counterpart=ben
    )
    services.ledger_entry_record(
        member=owner, kind="introduction", direction="given", description="To a printer",
        counterpart=ben,
    )  # fmt: skip

    titles = sorted(Notification.objects.filter(recipient=ben).values_list("title", flat=True))

    assert f"{owner.name} recorded advice they gave you" in titles
    assert f"{owner.name} recorded an introduction they gave you" in titles
