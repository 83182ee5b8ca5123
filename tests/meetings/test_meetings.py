from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.connections.selectors import are_connected
from mensch.connections.services import connection_create
from mensch.meetings.models import Meeting
from mensch.meetings.services import meeting_follow_up, meeting_tick
from mensch.meetings.signals import meeting_confirmed

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_meeting_is_confirmed_only_when_both_tick(owner: User, stranger: User) -> None:
    connection_create(member=owner, other=stranger, source="introduction")
    received: list[Meeting] = []

    def handler(sender: object, meeting: Meeting, **kwargs: object) -> None:
        received.append(meeting)

    meeting_confirmed.connect(handler)
    try:
        assert meeting_tick(member=owner, other=stranger) is None
        assert not Meeting.objects.exists()
        meeting = meeting_tick(member=stranger, other=owner)
    finally:
        meeting_confirmed.disconnect(handler)
    assert meeting is not None
    assert received == [meeting]
    assert meeting_tick(member=owner, other=stranger) == meeting
    assert Meeting.objects.count() == 1


def test_outside_events_only_connections_can_confirm(owner: User, stranger: User) -> None:
    with pytest.raises(ValidationError, match="connections only"):
        meeting_tick(member=owner, other=stranger)


def test_two_follow_up_yeses_connect(owner: User, stranger: User) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from mensch.events.models import Event

    event = Event.objects.create(
        organizer=owner,
        title="Lisbon Founders",
        capacity=20,
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(hours=2),
    )
    meeting_tick(member=owner, other=stranger, event=event)
    meeting = meeting_tick(member=stranger, other=owner, event=event)
    assert meeting is not None
    meeting_follow_up(member=owner, meeting_id=meeting.pk, yes=True)
    assert not are_connected(owner, stranger)
    meeting_follow_up(member=stranger, meeting_id=meeting.pk, yes=True)
    assert Connection.objects.get().source == Connection.Source.EVENT


def test_stranger_cannot_answer_someone_elses_meeting(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    from tests.factories import make_member

    other = make_member("Rui")
    connection_create(member=owner, other=other, source="introduction")
    meeting_tick(member=owner, other=other)
    meeting = meeting_tick(member=other, other=owner)
    assert meeting is not None
    response = login_as(stranger).post(f"/meetings/{meeting.pk}/follow-up/yes/")
    assert response.status_code == 404
    assert login_as(stranger).get("/api/v1/meetings").json() == []
    meeting.refresh_from_db()
    assert meeting.low_follow_up is None
    assert meeting.high_follow_up is None


def test_we_met_button_and_meetings_page(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    connection_create(member=owner, other=stranger, source="introduction")
    login_as(owner).post(f"/meetings/tick/{stranger.profile.pk}/")
    response = login_as(stranger).post(f"/meetings/tick/{owner.profile.pk}/", follow=True)
    html = response.content.decode()
    assert "Your meeting with Dana Okafor is confirmed." in html
    assert "Follow up?" in html
