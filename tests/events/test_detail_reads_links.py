"""The event page reverses each row link's pattern once for the page: the topic tables'
join links and who to meet's profile and "book a slot" links must stay those
``{% url %}`` gives."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from mensch.accounts.models import User
from mensch.events import services
from mensch.events.models import Rsvp
from tests.events.slot_setup import going, slot_event
from tests.factories import make_member

pytestmark = [pytest.mark.django_db]


def test_row_links_are_those_reverse_gives(
    login_as: Callable[[User], Client], organizer: User
) -> None:
    event, _, _ = slot_event(organizer)
    ana = make_member("Ana", industry="Design")
    ben = make_member("Ben", industry="Design")
    cai = make_member("Cai", industry="Design")
    going(event, [ana, ben, cai])
    topics = [
        services.topic_post(event=event, member=ben, title=title, side=Rsvp.Side.SHARE)
        for title in ("Pricing design work", "Finding clients")
    ]
    page = login_as(ana).get(f"/events/{event.pk}/").content.decode()
    for topic in topics:
        assert f'action="{reverse("event_topic_join", args=[event.pk, topic.pk])}"' in page
    for other in (ben, cai):
        pk = other.profile.pk
        assert f'<a href="{reverse("member_detail", args=[pk])}">{other.name}</a>' in page
        assert f'href="{reverse("event_slot_book", args=[event.pk, pk])}"' in page
