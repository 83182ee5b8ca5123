from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.selectors import are_connected
from mensch.events import cancel_notices, services
from mensch.events.models import Event, Rsvp, Topic
from mensch.meetings.models import Meeting
from mensch.meetings.services import meeting_follow_up
from mensch.notifications.models import Notification
from tests.events.conftest import make_event
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _fields(**overrides: object) -> dict[str, object]:
    starts = timezone.now() + timedelta(days=2)
    fields: dict[str, object] = {
        "title": "Breakfast",
        "capacity": 10,
        "time_zone": "Europe/Lisbon",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
    }
    fields.update(overrides)
    return fields


def test_event_create_by_member_who_is_not_organizer_is_refused(stranger: User) -> None:
    with pytest.raises(PermissionDenied):
        services.event_create(organizer=stranger, **_fields())
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"capacity": 0}, "capacity", "Capacity must be at least 1 seat."),
        ({"capacity": -5}, "capacity", "Capacity must be at least 1 seat."),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Unknown time zone"),
        ({"currency": "EURO"}, "currency", "three-letter currency code"),
        ({"currency": "EUX"}, "currency", "“EUX” is not an ISO 4217 currency code"),
        ({"title": "<b>Party</b>"}, "title", "plain text"),
    ],
)
def test_event_create_bad_input_names_the_field_and_saves_nothing(
    organizer: User, overrides: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.event_create(organizer=organizer, **_fields(**overrides))
    assert message in " ".join(caught.value.message_dict[field])
    assert not Event.objects.exists()


def test_event_create_ending_before_it_starts_is_refused(organizer: User) -> None:
    starts = timezone.now() + timedelta(days=2)
    with pytest.raises(ValidationError) as caught:
        services.event_create(
            organizer=organizer, **_fields(starts_at=starts, ends_at=starts - timedelta(hours=1))
        )
    assert caught.value.message_dict["ends_at"] == ["The event must end after it starts."]
    assert not Event.objects.exists()


def test_event_update_of_visible_fields_raises_the_sequence(event: Event) -> None:
    before = event.sequence
    services.event_update(event=event, venue="The Garden Room")
    event.refresh_from_db()
    assert event.venue == "The Garden Room"
    assert event.sequence == before + 1
    services.event_update(event=event, sponsors="Local Bank")  # not in the calendar
    event.refresh_from_db()
    assert event.sequence == before + 1


def test_agenda_change_raises_the_sequence(event: Event) -> None:
    before = event.sequence
    item = event.agenda.first()
    services.agenda_item_delete(event=event, item_id=item.pk)
    event.refresh_from_db()
    assert event.sequence == before + 1


def test_agenda_item_outside_the_event_is_refused(event: Event) -> None:
    with pytest.raises(ValidationError) as caught:
        services.agenda_item_create(
            event=event, starts_at=event.ends_at + timedelta(hours=1), title="Late", kind="talk"
        )
    assert caught.value.message_dict["starts_at"] == ["An agenda item must start during the event."]
    assert event.agenda.count() == 2


def test_rsvp_records_the_goal(event: Event, designer: User) -> None:
    rsvp = services.rsvp_create(event=event, member=designer, goal="  meet two   distributors ")
    assert (rsvp.status, rsvp.goal) == ("going", "meet two distributors")


def test_rsvp_to_a_full_event_offers_the_waitlist_and_saves_nothing(
    organizer: User, designer: User, bookkeeper: User
) -> None:
    event = make_event(organizer, capacity=1)
    services.rsvp_create(event=event, member=designer)
    with pytest.raises(ValidationError) as caught:
        services.rsvp_create(event=event, member=bookkeeper)
    assert "This event is full (1 of 1 seats taken). Join the waitlist" in str(caught.value)
    assert not Rsvp.objects.filter(member=bookkeeper).exists()
    rsvp = services.rsvp_create(event=event, member=bookkeeper, waitlist=True)
    assert rsvp.status == Rsvp.Status.WAITLISTED


def test_cancelling_promotes_the_first_on_the_waitlist_and_tells_them(
    organizer: User, designer: User, bookkeeper: User, developer: User
) -> None:
    event = make_event(organizer, capacity=1)
    services.rsvp_create(event=event, member=designer)
    services.rsvp_create(event=event, member=bookkeeper, waitlist=True)
    services.rsvp_create(event=event, member=developer, waitlist=True)
    services.rsvp_cancel(event=event, member=designer)
    statuses = dict(Rsvp.objects.filter(event=event).values_list("member_id", "status"))
    assert statuses == {
        designer.pk: "cancelled",
        bookkeeper.pk: "going",
        developer.pk: "waitlisted",
    }
    note = Notification.objects.get(recipient=bookkeeper, kind="event_waitlist_promoted")
    assert note.title == "You have a seat at Referral breakfast"
    assert not Notification.objects.filter(recipient=developer).exists()


def test_raising_the_capacity_promotes_the_waitlist(
    organizer: User, designer: User, bookkeeper: User
) -> None:
    event = make_event(organizer, capacity=1)
    services.rsvp_create(event=event, member=designer)
    services.rsvp_create(event=event, member=bookkeeper, waitlist=True)
    services.event_update(event=event, capacity=2)
    assert Rsvp.objects.get(member=bookkeeper).status == "going"


def test_rsvp_to_a_cancelled_event_is_refused(event: Event, designer: User) -> None:
    services.event_cancel(event=event)
    with pytest.raises(ValidationError) as caught:
        services.rsvp_create(event=event, member=designer)
    assert caught.value.message_dict["event"] == [
        "This event was cancelled; it takes no more RSVPs."
    ]
    assert not Rsvp.objects.exists()


def test_rsvp_to_a_draft_is_not_found(organizer: User, designer: User) -> None:
    draft = make_event(organizer, publish=False)
    with pytest.raises(Event.DoesNotExist):
        services.rsvp_create(event=draft, member=designer)


def test_cancel_tells_attendees_and_raises_the_sequence(
    event: Event, attendees: list[User]
) -> None:
    before = event.sequence
    services.event_cancel(event=event)
    event.refresh_from_db()
    assert event.status == "cancelled"
    assert event.sequence == before + 1
    # Attendees are told once the undo window has passed (tests/events/test_cancel.py).
    assert not Notification.objects.filter(kind="event_cancelled").exists()
    cancel_notices.event_cancel_notify(event_id=event.pk, now=event.cancel_notify_after)
    assert Notification.objects.filter(kind="event_cancelled").count() == 3


def test_check_in_marks_the_attendee(event: Event, attendees: list[User]) -> None:
    rsvp = Rsvp.objects.get(event=event, member=attendees[0])
    services.rsvp_check_in(event=event, rsvp_id=rsvp.pk)
    rsvp.refresh_from_db()
    assert rsvp.checked_in_at is not None


def test_check_in_of_someone_on_the_waitlist_is_refused(organizer: User, designer: User) -> None:
    event = make_event(organizer, capacity=1)
    services.rsvp_create(event=event, member=make_member("Full"))
    rsvp = services.rsvp_create(event=event, member=designer, waitlist=True)
    with pytest.raises(ValidationError):
        services.rsvp_check_in(event=event, rsvp_id=rsvp.pk)
    rsvp.refresh_from_db()
    assert rsvp.checked_in_at is None


def test_topic_post_and_join_seat_attendees_at_a_topic(event: Event, attendees: list[User]) -> None:
    topic = services.topic_post(event=event, member=attendees[0], title="Pricing", side="share")
    services.topic_join(event=event, member=attendees[1], topic_id=topic.pk, side="learn")
    rows = Rsvp.objects.filter(topic=topic).values_list("member_id", "topic_side")
    assert sorted(rows) == sorted([(attendees[0].pk, "share"), (attendees[1].pk, "learn")])


def test_topic_post_by_someone_not_going_is_refused(event: Event, stranger: User) -> None:
    with pytest.raises(ValidationError):
        services.topic_post(event=event, member=stranger, title="Pricing", side="share")
    assert not Topic.objects.exists()


def test_topics_seed_from_agenda_makes_one_table_per_talk(event: Event) -> None:
    services.topics_seed_from_agenda(event=event)
    services.topics_seed_from_agenda(event=event)
    assert list(event.topics.values_list("title", flat=True)) == ["Pricing your services"]


def test_meeting_at_the_event_is_confirmed_when_both_tick_and_follow_up_connects(
    organizer: User, designer: User, bookkeeper: User
) -> None:
    event = make_event(organizer, starts_in=timedelta(hours=-1))
    for member in (designer, bookkeeper):
        services.rsvp_create(event=event, member=member)
    assert services.event_meeting_tick(event=event, member=designer, other=bookkeeper) is None
    meeting = services.event_meeting_tick(event=event, member=bookkeeper, other=designer)
    assert meeting is not None
    assert meeting.event_id == event.pk
    meeting_follow_up(member=designer, meeting_id=meeting.pk, yes=True)
    meeting_follow_up(member=bookkeeper, meeting_id=meeting.pk, yes=True)
    assert are_connected(designer, bookkeeper)


def test_meeting_tick_with_someone_who_did_not_attend_is_refused(
    organizer: User, designer: User, stranger: User
) -> None:
    event = make_event(organizer, starts_in=timedelta(hours=-1))
    services.rsvp_create(event=event, member=designer)
    with pytest.raises(ValidationError) as caught:
        services.event_meeting_tick(event=event, member=designer, other=stranger)
    assert "did not attend this event" in str(caught.value)
    with pytest.raises(ValidationError):
        services.event_meeting_tick(event=event, member=stranger, other=designer)
    assert not Meeting.objects.exists()


def test_meeting_tick_before_the_event_starts_is_refused(
    event: Event, attendees: list[User]
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.event_meeting_tick(event=event, member=attendees[0], other=attendees[1])
    assert "once the event has started" in str(caught.value)


def test_goal_met_is_recorded_after_the_start(organizer: User, designer: User) -> None:
    event = make_event(organizer, starts_in=timedelta(hours=-1))
    services.rsvp_create(event=event, member=designer, goal="meet a bookkeeper")
    rsvp = services.rsvp_goal_met(event=event, member=designer, met=True)
    assert rsvp.goal_met is True
