"""The unread badge every signed-in page carries: right at once, one query, never cached."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.test import Client
from django.utils import timezone

from mensch.accounts.models import User
from mensch.notifications.models import Notification
from mensch.notifications.selectors import unread_count
from mensch.notifications.services import notify

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def orm_count(member: User) -> int:
    return Notification.objects.filter(recipient=member, read_at__isnull=True).count()


def test_the_count_is_the_members_unread_notifications(owner: User, stranger: User) -> None:
    assert unread_count(owner) == 0
    for title in ("One", "Two", "Three"):
        notify(recipient=owner, kind="test", title=title, email=False)
    notify(recipient=stranger, kind="test", title="Not Dana's", email=False)
    assert unread_count(owner) == orm_count(owner) == 3
    assert unread_count(stranger) == orm_count(stranger) == 1
    Notification.objects.filter(recipient=owner, title="Two").update(read_at=timezone.now())
    assert unread_count(owner) == orm_count(owner) == 2
    Notification.objects.filter(recipient=owner).update(read_at=timezone.now())
    assert unread_count(owner) == 0
    assert unread_count(stranger) == 1


def test_the_badge_is_right_on_the_next_page_after_each_change(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    client, other = login_as(owner), login_as(stranger)

    def page(of: Client) -> str:
        return of.get("/settings/time-zone/").content.decode()

    assert "unread" not in page(client)
    notify(recipient=owner, kind="test", title="One", email=False)
    assert 'aria-label="1 unread"' in page(client)
    notify(recipient=owner, kind="test", title="Two", email=False)
    notify(recipient=stranger, kind="test", title="Sam's own", email=False)
    assert 'aria-label="2 unread"' in page(client)
    assert 'aria-label="1 unread"' in page(other)
    client.post("/notifications/read/")
    assert "unread" not in page(client)
    assert 'aria-label="1 unread"' in page(other)


@pytest.mark.parametrize("count", [0, 1, 5])
def test_the_signed_in_floor_is_three_queries(
    login_as: Callable[[User], Client],
    owner: User,
    count: int,
    django_assert_num_queries: Callable[..., AbstractContextManager[object]],
) -> None:
    for number in range(count):
        notify(recipient=owner, kind="test", title=f"Note {number}", email=False)
    client = login_as(owner)
    with django_assert_num_queries(3):  # session, user, unread badge
        html = client.get("/settings/time-zone/").content.decode()
    assert (f'aria-label="{count} unread"' in html) == bool(count)
