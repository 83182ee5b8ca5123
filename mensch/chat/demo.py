"""Demo chat: a few realistic messages on the organizer's latest past event, one link
flood collapsed.

The messages are stamped within the event's own time (from its start to its end, in
order), and what they say agrees with the event: the times of its talk and rounds as its
agenda has them, in its time zone, and "this morning" or "tonight" as the hour has it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from mensch.accounts.models import User
from mensch.chat.models import ChatMessage
from mensch.chat.selectors import chat_member_ids
from mensch.chat.services import chat_message_post
from mensch.events.models import AgendaItem, Event
from mensch.events.selectors import visible_events

FLOOD = (
    "Book me now! https://acme-consulting.example/book https://acme-consulting.example/offers "
    "sales@acme-consulting.example"
)
# When each message is posted, as a share of the event's length (in order).
AT = (0.02, 0.3, 0.36, 0.42, 0.55, 0.9)


def _event(organizer: User) -> Event | None:
    events = visible_events(organizer).filter(organizer=organizer, status=Event.Status.PUBLISHED)
    return events.filter(ends_at__lt=timezone.now()).order_by("-starts_at").first()


def _clock(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%H:%M")


def lines_for(event: Event) -> tuple[tuple[str, str], ...]:
    """(who, text) for each demo message, true to the event's agenda and hour."""
    try:
        zone = ZoneInfo(event.time_zone or "UTC")
    except (KeyError, ValueError):
        zone = ZoneInfo("UTC")
    agenda = list(AgendaItem.objects.filter(event=event).order_by("starts_at", "pk"))
    talk = next((a for a in agenda if a.kind in ("talk", "workshop")), None)
    first_round = next((a for a in agenda if a.kind == "round"), None)
    hour = event.starts_at.astimezone(zone).hour
    when = "this morning" if hour < 12 else "this afternoon" if hour < 17 else "tonight"
    part = "tonight's" if when == "tonight" else f"{when}'s"
    if talk is not None:
        welcome = f"Welcome, everyone! The {talk.kind} starts at {_clock(talk.starts_at, zone)}"
        welcome += (
            f"; the rounds follow at {_clock(first_round.starts_at, zone)}."
            if first_round is not None
            else "."
        )
        reaction = (
            f"Great {talk.kind}. The point about asking what the client needs before quoting "
            "was the best part for me. Does anyone have the book that was mentioned?"
        )
        closing = (
            f"Slides from {part} {talk.kind}, as promised: https://mensch.example/slides/pricing"
        )
    else:
        starts = first_round.starts_at if first_round is not None else event.starts_at
        welcome = f"Welcome, everyone! The first round starts at {_clock(starts, zone)}."
        reaction = (
            "Great first round. The point about asking what the client needs before quoting "
            "was the best part for me. Who else is working on their pricing?"
        )
        closing = f"Thank you all for coming {when}: who was here is on the event page."
    return (
        ("organizer", welcome),
        (
            "member",
            "Is anyone here working with small studios on their finances? I'd love to compare "
            "notes on quoting fixed-price projects.",
        ),
        (
            "member",
            "Yes, me. What kind of projects do you quote? Happy to share the template we use.",
        ),
        ("member", reaction),
        ("member", FLOOD),
        ("organizer", closing),
    )


def load_demo(*, members: list[User], organizer: User, seed: int) -> str:
    event = _event(organizer)
    if event is None:
        return "chat: no past event to chat on"
    if ChatMessage.objects.filter(event=event).exists():
        return f"chat on “{event.title}” already there"
    present = chat_member_ids(event)
    speakers = [m for m in members if m.pk in present and m.pk != organizer.pk]
    if len(speakers) < 2:
        return f"chat: too few attendees at “{event.title}”"
    start = seed % len(speakers)
    speakers = speakers[start:] + speakers[:start]
    posted = collapsed = 0
    turn = 0
    length = event.ends_at - event.starts_at if event.ends_at else timedelta(hours=2)
    for (who, text), share in zip(lines_for(event), AT, strict=True):
        if who == "organizer":
            author = organizer
        else:
            author = speakers[turn % len(speakers)]
            turn += 1
        message = chat_message_post(author=author, event_id=event.pk, body=text)
        # Posted now, but said during the event: stamp it with its moment there.
        ChatMessage.objects.filter(pk=message.pk).update(
            created_at=event.starts_at + length * share
        )
        posted += 1
        collapsed += message.collapsed
    return f"{posted} chat messages on “{event.title}” ({collapsed} link flood collapsed)"
