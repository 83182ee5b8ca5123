from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from mensch.accounts.models import User
from mensch.chat import services
from mensch.chat.models import ChatMessage
from mensch.events.models import Event, Rsvp
from mensch.trust.models import TrustScore
from tests.factories import make_member
from tests.trust.conftest import make_event, make_organizer

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HELLO = "Is anyone here working with small studios on pricing? Happy to compare notes."
FLOOD = "Book me now! https://acme.example/book https://acme.example/offers sales@acme.example"


@pytest.fixture
def organizer(db: None) -> User:
    return make_organizer("Olga", last_name="Organizer")


@pytest.fixture
def event(organizer: User) -> Event:
    return make_event(organizer, title="Lisbon Founders")


@pytest.fixture
def attendee(event: Event, owner: User) -> User:
    Rsvp.objects.create(event=event, member=owner)
    return owner


def test_attendee_posts_and_everyone_going_reads(
    event: Event, attendee: User, login_as: Callable[[User], Client]
) -> None:
    services.chat_message_post(author=attendee, event_id=event.pk, body=f"  {HELLO}  ")
    other = make_member("Rui")
    Rsvp.objects.create(event=event, member=other)
    page = login_as(other).get(f"/events/{event.pk}/chat/").content.decode()
    assert HELLO in page
    assert 'hx-trigger="every 5s"' in page


def test_stranger_can_neither_read_nor_post(
    event: Event, attendee: User, stranger: User, login_as: Callable[[User], Client]
) -> None:
    services.chat_message_post(author=attendee, event_id=event.pk, body=HELLO)
    client = login_as(stranger)
    assert client.get(f"/events/{event.pk}/chat/").status_code == 404
    assert client.get(f"/events/{event.pk}/chat/messages/").status_code == 404
    assert client.post(f"/events/{event.pk}/chat/", {"body": HELLO}).status_code == 404
    assert client.get(f"/api/v1/chat/events/{event.pk}/messages").status_code == 404
    posted = client.post(
        f"/api/v1/chat/events/{event.pk}/messages", {"body": HELLO}, content_type="application/json"
    )
    assert posted.status_code == 404
    assert ChatMessage.objects.count() == 1


def test_link_flood_is_stored_collapsed_and_shown_behind_details(
    event: Event, attendee: User, login_as: Callable[[User], Client]
) -> None:
    message = services.chat_message_post(author=attendee, event_id=event.pk, body=FLOOD)
    assert message.collapsed
    assert message.collapse_reason.startswith("Collapsed: 2 links and 1 contact detail")
    page = login_as(attendee).get(f"/events/{event.pk}/chat/").content.decode()
    assert "<details>" in page
    assert "Collapsed: 2 links and 1 contact detail" in page


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("https://acme.example https://acme.example/2", "only links or contact details"),
        ("x" * 10 * 1024 * 1024, "at most 2,000 characters (this one has 10,485,760)"),
        (
            "Notes from tonight: https://a.example https://b.example https://c.example "
            "https://d.example — all worth a read for anyone pricing design work.",
            "At most 3 links per message (this has 4).",
        ),
        ("   ", "Write something before sending."),
    ],
)
def test_bad_chat_messages_are_refused_and_nothing_saved(
    body: str, error: str, event: Event, attendee: User
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.chat_message_post(author=attendee, event_id=event.pk, body=body)
    assert error in caught.value.message_dict["body"][0]
    assert ChatMessage.objects.count() == 0


def test_ten_megabyte_post_to_api_is_refused(
    event: Event, attendee: User, login_as: Callable[[User], Client]
) -> None:
    response = login_as(attendee).post(
        f"/api/v1/chat/events/{event.pk}/messages",
        {"body": "x" * 10 * 1024 * 1024},
        content_type="application/json",
    )
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]
    assert ChatMessage.objects.count() == 0


def test_only_links_via_page_gets_422_with_message(
    event: Event, attendee: User, login_as: Callable[[User], Client]
) -> None:
    response = login_as(attendee).post(
        f"/events/{event.pk}/chat/", {"body": "https://acme.example"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert "only links or contact details" in response.content.decode()
    assert ChatMessage.objects.count() == 0


def test_hourly_limit_grows_with_trust(event: Event, attendee: User, settings: object) -> None:
    settings.CHAT_MESSAGES_PER_HOUR = {"new": 2, "building": 3, "good": 4, "high": 5}  # type: ignore[attr-defined]
    for n in range(2):
        services.chat_message_post(author=attendee, event_id=event.pk, body=f"{HELLO} ({n})")
    with pytest.raises(ValidationError) as caught:
        services.chat_message_post(author=attendee, event_id=event.pk, body=HELLO)
    assert "the limit while your trust is “new here”" in caught.value.messages[0]
    TrustScore.objects.create(
        member=attendee,
        score=0.5,
        display=50,
        band="good",
        rank=1,
        reliability=0.8,
        vouchers=3,
        headline="",
        computed_at=event.starts_at,
    )
    for n in range(2):
        services.chat_message_post(author=attendee, event_id=event.pk, body=f"{HELLO} [{n}]")
    assert ChatMessage.objects.count() == 4


def test_organizer_hides_mutes_and_removes(
    event: Event, organizer: User, attendee: User, login_as: Callable[[User], Client]
) -> None:
    message = services.chat_message_post(author=attendee, event_id=event.pk, body=HELLO)
    other = make_member("Rui")
    Rsvp.objects.create(event=event, member=other)
    # Another attendee cannot moderate.
    assert login_as(other).post(f"/chat/messages/{message.pk}/hide/").status_code == 404
    assert (
        login_as(other)
        .post(f"/events/{event.pk}/chat/members/{attendee.profile.pk}/mute/")
        .status_code
        == 404
    )
    organizer_client = login_as(organizer)
    organizer_client.post(f"/chat/messages/{message.pk}/hide/")
    assert HELLO not in login_as(other).get(f"/events/{event.pk}/chat/").content.decode()
    assert HELLO in organizer_client.get(f"/events/{event.pk}/chat/").content.decode()
    organizer_client.post(f"/events/{event.pk}/chat/members/{attendee.profile.pk}/mute/")
    with pytest.raises(ValidationError) as caught:
        services.chat_message_post(author=attendee, event_id=event.pk, body=HELLO)
    assert "muted you" in caught.value.messages[0]
    assert login_as(attendee).get(f"/events/{event.pk}/chat/").status_code == 200
    organizer_client.post(f"/events/{event.pk}/chat/members/{attendee.profile.pk}/remove/")
    assert login_as(attendee).get(f"/events/{event.pk}/chat/").status_code == 404
    organizer_client.post(f"/events/{event.pk}/chat/members/{attendee.profile.pk}/restore/")
    services.chat_message_post(author=attendee, event_id=event.pk, body=f"{HELLO} Back!")


def test_api_post_and_organizer_restrict(
    event: Event, organizer: User, attendee: User, login_as: Callable[[User], Client]
) -> None:
    client = login_as(attendee)
    created = client.post(
        f"/api/v1/chat/events/{event.pk}/messages", {"body": FLOOD}, content_type="application/json"
    )
    assert created.status_code == 201
    assert created.json()["collapsed"] is True
    refused = client.put(
        f"/api/v1/chat/events/{event.pk}/restrictions/{attendee.profile.pk}",
        {"kind": "muted"},
        content_type="application/json",
    )
    assert refused.status_code == 404
    muted = login_as(organizer).put(
        f"/api/v1/chat/events/{event.pk}/restrictions/{attendee.profile.pk}",
        {"kind": "muted"},
        content_type="application/json",
    )
    assert muted.status_code == 204
    again = client.post(
        f"/api/v1/chat/events/{event.pk}/messages", {"body": HELLO}, content_type="application/json"
    )
    assert again.status_code == 400


@pytest.mark.parametrize("count", [1, 3])
def test_chat_page_poll_and_api_query_count(
    count: int,
    event: Event,
    attendee: User,
    login_as: Callable[[User], Client],
    django_assert_num_queries: Callable[..., object],
) -> None:
    for n in range(count):
        author = make_member(f"Talker{n}")
        Rsvp.objects.create(event=event, member=author)
        services.chat_message_post(author=author, event_id=event.pk, body=f"{HELLO} #{n}")
    client = login_as(attendee)
    # session, user, event, rsvps, meetings, restriction, messages, restriction, badge
    with django_assert_num_queries(9):
        page = client.get(f"/events/{event.pk}/chat/")
    assert page.content.decode().count(HELLO) == count
    with django_assert_num_queries(8):
        client.get(f"/events/{event.pk}/chat/messages/")
    with django_assert_num_queries(7):
        api = client.get(f"/api/v1/chat/events/{event.pk}/messages")
    assert len(api.json()) == count


def test_a_draft_events_chat_is_hidden_even_from_people_on_its_list(
    organizer: User, owner: User, login_as: Callable[[User], Client]
) -> None:
    """The chat reads events through the events app's one visibility rule."""
    draft = make_event(organizer, title="Not announced yet")
    Event.objects.filter(pk=draft.pk).update(status=Event.Status.DRAFT)
    Rsvp.objects.create(event=draft, member=owner)  # e.g. imported before publishing
    client = login_as(owner)
    assert client.get(f"/events/{draft.pk}/chat/").status_code == 404
    assert client.get(f"/api/v1/chat/events/{draft.pk}/messages").status_code == 404
    with pytest.raises(Event.DoesNotExist):
        services.chat_message_post(author=owner, event_id=draft.pk, body=HELLO)
    assert login_as(organizer).get(f"/events/{draft.pk}/chat/").status_code == 200
    # A cancelled event stays readable to the people who were going.
    Event.objects.filter(pk=draft.pk).update(status=Event.Status.CANCELLED)
    assert client.get(f"/events/{draft.pk}/chat/").status_code == 200
