"""Who may read and post in an event's chat, and what they see."""

from __future__ import annotations

from django.db.models import QuerySet

from mensch.accounts.models import User
from mensch.chat.models import ChatMessage, ChatRestriction
from mensch.events.models import Event
from mensch.events.selectors import going_member_ids, visible_events
from mensch.meetings.models import Meeting


def chat_member_ids(event: Event) -> set[int]:
    """Who belongs in the chat: the organizer, members holding a seat (RSVP "going"), and
    members with a meeting confirmed there."""
    ids = {event.organizer_id} | going_member_ids(event)
    for low, high in Meeting.objects.filter(event=event).values_list(
        "member_low_id", "member_high_id"
    ):
        ids |= {low, high}
    return ids


def restriction_of(event: Event, member: User) -> str | None:
    return (
        ChatRestriction.objects.filter(event=event, member=member)
        .values_list("kind", flat=True)
        .first()
    )


def chat_event_for(*, member: User, event_id: int) -> Event:
    """An event whose chat ``member`` may read; ``Event.DoesNotExist`` for anyone else.

    The event must be one the member may see at all (``events.selectors.visible_events``).
    """
    event = visible_events(member).select_related("organizer").get(pk=event_id)
    if event.organizer_id == member.pk:
        return event
    if member.pk not in chat_member_ids(event):
        raise Event.DoesNotExist
    if restriction_of(event, member) == ChatRestriction.Kind.REMOVED:
        raise Event.DoesNotExist
    return event


def chat_messages(event: Event, viewer: User, limit: int = 200) -> list[ChatMessage]:
    """The latest messages, oldest first; hidden ones only for the organizer."""
    queryset: QuerySet[ChatMessage] = ChatMessage.objects.filter(event=event).select_related(
        "author__profile"
    )
    if viewer.pk != event.organizer_id:
        queryset = queryset.filter(hidden_at__isnull=True)
    rows = list(queryset.order_by("-created_at", "-id")[:limit])
    rows.reverse()
    return rows


def restrictions(event: Event) -> QuerySet[ChatRestriction]:
    return ChatRestriction.objects.filter(event=event).select_related("member__profile")
