"""The goals page's events and the ROI page's connections, each read in one query, list
and count what their rules (``events.selectors.visible_events``, ``connections_made``) say."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.connections.services import connection_create
from mensch.events.models import Event, Rsvp
from mensch.events.selectors import connections_made, visible_events
from mensch.goals import roi, selectors
from mensch.meetings.models import Meeting
from tests.factories import make_member
from tests.ledger.conftest import make_event, meet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _reference_choices(member: User) -> list[tuple[int, str]]:
    """``goal_event_choices`` as the ORM wrote it."""
    going = Rsvp.objects.filter(event=OuterRef("pk"), member=member, status=Rsvp.Status.GOING)
    met = Meeting.objects.filter(Q(member_low=member) | Q(member_high=member), event=OuterRef("pk"))
    events = (
        visible_events(member)
        .filter(Exists(going) | Exists(met))
        .order_by("-starts_at", "pk")
        .values_list("pk", "title", "starts_at")
    )
    return [
        (pk, f"{title} ({timezone.localdate(starts_at):%d %b %Y})")
        for pk, title, starts_at in events
    ]


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Auckland"])
def test_goal_event_choices_follow_the_visibility_rule(
    owner: User, ben: User, organizer: User, stranger: User, zone: str
) -> None:
    going = make_event(organizer, "Going & <Co>", days_ago=3)
    Rsvp.objects.create(event=going, member=owner)
    waitlisted = make_event(organizer, "Waitlisted", days_ago=4)
    Rsvp.objects.create(event=waitlisted, member=owner, status=Rsvp.Status.WAITLISTED)
    met_low = make_event(organizer, "Met, owner lower", days_ago=5)
    meet(owner, ben, met_low, follow_up=False)
    met_high = make_event(organizer, "Met, owner higher", days_ago=5)
    Event.objects.filter(pk=met_high.pk).update(  # the same start: then by id
        starts_at=met_low.starts_at, ends_at=met_low.ends_at
    )
    meet(organizer, owner, met_high, follow_up=False)
    others = make_event(organizer, "Only others met", days_ago=6)
    meet(ben, stranger, others, follow_up=False)
    draft = make_event(organizer, "Someone's draft", days_ago=7)
    Rsvp.objects.create(event=draft, member=owner)
    Event.objects.filter(pk=draft.pk).update(status=Event.Status.DRAFT)
    cancelled = make_event(organizer, "Cancelled", days_ago=8)
    Rsvp.objects.create(event=cancelled, member=owner)
    Event.objects.filter(pk=cancelled.pk).update(status=Event.Status.CANCELLED)
    # late in the evening in UTC: the day shown is the member's own
    evening = timezone.now().replace(hour=23, minute=30) - timedelta(days=3)
    Event.objects.filter(pk=going.pk).update(
        starts_at=evening, ends_at=evening + timedelta(hours=3)
    )
    with timezone.override(zone):
        choices = selectors.goal_event_choices(owner)
        assert choices == _reference_choices(owner)
    assert [pk for pk, _ in choices] == [going.pk, met_low.pk, met_high.pk, cancelled.pk]
    # the organizer's own draft: listed once they hold an RSVP to it
    assert draft.pk not in [pk for pk, _ in selectors.goal_event_choices(organizer)]
    Rsvp.objects.create(event=draft, member=organizer)
    assert selectors.goal_event_choices(organizer) == _reference_choices(organizer)
    assert draft.pk in [pk for pk, _ in selectors.goal_event_choices(organizer)]
    assert selectors.goal_event_choices(make_member("New")) == []


def test_roi_connections_are_those_made_at_each_event(
    owner: User, ben: User, organizer: User, stranger: User
) -> None:
    first = make_event(organizer, "First", days_ago=10)
    second = make_event(organizer, "Second", days_ago=5)
    meet(owner, ben, first)  # both said follow up: connected at the first event
    meet(owner, organizer, second)  # ... at the second, the owner the higher id
    later = make_member("Zara", last_name="Later")
    meet(owner, later, second, follow_up=False)  # met, not connected
    connection_create(member=owner, other=stranger, source=Connection.Source.INTRODUCTION)
    meet(ben, stranger, second)  # someone else's connection there
    result = roi.roi_of(owner)
    made = connections_made([o.event.pk for o in result.outcomes], member=owner)
    assert {o.event.pk: o.connections for o in result.outcomes} == {
        first.pk: made.get(first.pk, 0),
        second.pk: made.get(second.pk, 0),
    }
    assert [o.connections for o in result.outcomes] == [1, 1]
    assert result.over_time is not None  # every connection counted on the chart
    assert (
        sum(float(v[1]) for _, v in result.over_time.rows)
        == Connection.objects.filter(Q(member_low=owner) | Q(member_high=owner)).count()
    )
