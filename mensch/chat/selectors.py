"""Who may read and post in an event's chat, and what they see."""

from __future__ import annotations

from django.apps import apps
from django.db.models import QuerySet

from mensch.accounts.models import User
from mensch.chat.models import ChatMessage, ChatRestriction
from mensch.events.models import Event
from mensch.meetings.models import Meeting


def attendee_ids(event: Event) -> set[int]:
    """The organizer, members going (RSVP), and members with a meeting confirmed there."""
    ids = {event.organizer_id}
    try:
        rsvp = apps.get_model("events", "Rsvp")
    except LookupError:  # an events app without RSVPs: meetings are the proof of presence
        rsvp = None
    if rsvp is not None:
        ids |= set(
            rsvp.objects.filter(event=event, status="going").values_list("member_id", flat=True)
        )
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
    """An event whose chat ``member`` may read; ``Event.DoesNotExist`` for anyone else."""
    event = Event.objects.select_related("organizer").get(pk=event_id)
    if event.status == "draft" and event.organizer_id != member.pk:
        raise Event.DoesNotExist
    if event.organizer_id == member.pk:
        return event
    if member.pk not in attendee_ids(event):
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
