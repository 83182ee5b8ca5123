"""The follow-through card counts in the database and loads only the tasks it shows:
its figures must stay those of the full lists, right after every write."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.models import Contact, Tag
from mensch.contacts.selectors import losing_touch, losing_touch_count
from mensch.contacts.services import contact_create, tag_cadence_set
from mensch.followups import dashboard, selectors
from mensch.followups.models import FollowUp
from mensch.followups.services import (
    followup_complete,
    followup_create,
    followup_dismiss,
    followup_snooze,
)
from tests.followups.conftest import rui

__all__ = ["rui"]


def _expected(owner: User) -> dict[str, object]:
    """The card's figures as the full lists give them."""
    today = timezone.localdate()
    tasks = list(selectors.followups_of(owner))
    return {
        "open": len(tasks),
        "overdue": sum(1 for t in tasks if t.due_on < today),
        "due_today": sum(1 for t in tasks if t.due_on == today),
        "next": [t.pk for t in tasks[:5]],
        "followup_rate": selectors.followup_rate(owner, today=today),
        "losing_touch": len(losing_touch(owner, today=today)),
    }


def _shown(owner: User) -> dict[str, object]:
    card = dashboard.card(owner)
    assert card is not None
    context = dict(card.context)
    return {
        "open": context["open"],
        "overdue": context["overdue"],
        "due_today": context["due_today"],
        "next": [row.task.pk for row in context["next"]],
        "followup_rate": context["followup_rate"],
        "losing_touch": context["losing_touch"],
    }


def test_card_counts_stay_right_after_each_write(owner: User, rui: Contact) -> None:
    today = timezone.localdate()
    assert _shown(owner) == _expected(owner)
    assert _shown(owner)["open"] == 0
    tasks = [
        followup_create(owner=owner, title=f"Task {n}", due_on=today + timedelta(days=n))
        for n in (-3, -1, 0, 0, 2, 5, 9)
    ]
    followup_create(owner=owner, title="They owe me", due_on=today, owed_by=FollowUp.OwedBy.THEM)
    shown = _shown(owner)
    assert shown == _expected(owner)
    assert (shown["open"], shown["overdue"], shown["due_today"]) == (8, 2, 3)

    followup_complete(followup=tasks[0])  # overdue, done late
    assert _shown(owner) == _expected(owner)
    followup_complete(followup=tasks[4])  # done before it was due
    followup_dismiss(followup=tasks[1])
    followup_snooze(followup=tasks[2], days=3)
    shown = _shown(owner)
    assert shown == _expected(owner)
    assert (shown["open"], shown["overdue"], shown["due_today"]) == (5, 0, 2)
    rate = shown["followup_rate"]
    assert isinstance(rate, selectors.Rate)
    # Fell due (or done): the two done, the snoozed one (due today at first), the other
    # due today; on time: the one done early.
    assert (rate.done, rate.total) == (1, 4)

    # Someone else's tasks never count.
    other = User.objects.exclude(pk=owner.pk).first() or owner
    if other != owner:
        followup_create(owner=other, title="Not mine", due_on=today)
        assert _shown(owner) == _expected(owner)


def test_card_shows_the_five_due_soonest_in_order(owner: User, rui: Contact) -> None:
    today = timezone.localdate()
    for n in (4, 1, 1, -2, 7, 0, 3, 1):
        followup_create(
            owner=owner, title=f"Due in {n}", due_on=today + timedelta(days=n), contact=rui
        )
    card = dashboard.card(owner)
    assert card is not None
    rows = card.context["next"]
    assert [r.task.pk for r in rows] == [t.pk for t in selectors.followups_of(owner)[:5]]
    full = {r.task.pk: r for r in selectors.task_rows(owner, selectors.followups_of(owner))}
    for row in rows:
        assert row.write == full[row.task.pk].write
        assert row.due_items == full[row.task.pk].due_items
        assert row.task.contact.name == "Rui Almeida"


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Pacific/Auckland"])
def test_done_on_time_is_judged_in_the_members_time_zone(owner: User, zone: str) -> None:
    today = date(2026, 3, 10)
    task = followup_create(owner=owner, title="Call", due_on=today)
    FollowUp.objects.filter(pk=task.pk).update(
        original_due_on=today - timedelta(days=1),
        status=FollowUp.Status.DONE,
        # Just after midnight UTC: still the day before in New York.
        done_at=datetime(2026, 3, 10, 2, 0, tzinfo=UTC),
    )
    with timezone.override(zone):
        counts = selectors.task_counts(owner, today=today)
        assert counts.rate == selectors.followup_rate(owner, today=today)
        assert counts.rate.done == (1 if zone == "America/New_York" else 0)


def test_losing_touch_count_matches_the_list(owner: User) -> None:
    today = timezone.localdate()
    long_ago = today - timedelta(days=400)

    def contact(name: str, **fields: object) -> Contact:
        made = contact_create(owner=owner, name=name, **fields)
        Contact.objects.filter(pk=made.pk).update(last_interaction_on=long_ago)
        return made

    def check() -> None:
        assert losing_touch_count(owner, today=today) == len(losing_touch(owner, today=today))

    check()
    contact("Own cadence", ideal_days=30, max_days=60)
    contact("Recent", ideal_days=30, max_days=60, met_on=today)
    Contact.objects.filter(name="Recent").update(last_interaction_on=today)
    contact("No cadence")
    check()
    assert losing_touch_count(owner, today=today) == 1
    contact("Tagged", tags="clients, friends")
    contact("Loose friend", tags="friends")
    contact("Close friend", tags="friends, family")
    contact("Max only", max_days=10)
    check()
    assert losing_touch_count(owner, today=today) == 2
    tag_cadence_set(owner=owner, name="clients", ideal_days=14, max_days=None)
    tag_cadence_set(owner=owner, name="friends", ideal_days=None, max_days=500)
    tag_cadence_set(owner=owner, name="family", ideal_days=7, max_days=14)
    check()
    # Tagged: ideal 14 (clients), max 500 (friends); close friend: the tightest, 7 and 14.
    assert losing_touch_count(owner, today=today) == 3
    # Rows written around the services: a zero interval counts as none.
    contact("Zero ideal", max_days=5)
    Contact.objects.filter(name="Zero ideal").update(ideal_days=0)
    Tag.objects.filter(owner=owner, name="friends").update(ideal_days=0)
    check()
    # Another member's contacts never count.
    contact_create(owner=User.objects.create_user(email="x@example.org", password="x"), name="X")
    check()


def test_list_page_links_are_the_reversed_urls(
    owner: User, rui: Contact, login_as: Callable
) -> None:
    today = timezone.localdate()
    task = followup_create(owner=owner, title="Send the deck", due_on=today, contact=rui)
    alone = followup_create(owner=owner, title="Alone", due_on=today + timedelta(days=1))
    html = login_as(owner).get("/followups/").content.decode()
    for name in ("followup_done", "followup_snooze", "followup_dismiss"):
        for pk in (task.pk, alone.pk):
            url = reverse(name, args=[pk])
            assert f'action="{url}"' in html
            assert f'hx-post="{url}"' in html
    assert f'<a href="{reverse("contact_detail", args=[rui.pk])}">Rui Almeida</a>' in html
    # The HTMX answer to an action renders the row with the same links.
    response = login_as(owner).post(
        reverse("followup_snooze", args=[task.pk]), {"days": 3}, headers={"HX-Request": "true"}
    )
    assert f'hx-post="{reverse("followup_done", args=[task.pk])}"' in response.content.decode()
