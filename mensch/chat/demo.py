"""Demo chat: a few realistic messages on the organizer's event, one link flood collapsed."""

from __future__ import annotations

from django.utils import timezone

from mensch.accounts.models import User
from mensch.chat.models import ChatMessage
from mensch.chat.selectors import chat_member_ids
from mensch.chat.services import chat_message_post
from mensch.events.models import Event
from mensch.events.selectors import visible_events

LINES = (
    "organizer",
    "Welcome, everyone! The talk on pricing starts at 18:30; the rounds follow at 19:15.",
    "member",
    "Is anyone here working with small studios on their finances? I'd love to compare notes "
    "on quoting fixed-price projects.",
    "member",
    "Yes, me. What kind of projects do you quote? Happy to share the template we use.",
    "member",
    "Great talk. The point about asking what the client needs before quoting was the best "
    "part for me. Does anyone have the book she mentioned?",
    "member",
    "Book me now! https://acme-consulting.example/book https://acme-consulting.example/offers "
    "sales@acme-consulting.example",
    "organizer",
    "Slides from tonight's talk, as promised: https://mensch.example/slides/pricing",
)


def _event(organizer: User) -> Event | None:
    now = timezone.now()
    events = visible_events(organizer).filter(organizer=organizer, status=Event.Status.PUBLISHED)
    return events.filter(starts_at__lt=now).order_by("-starts_at").first() or events.first()


def load_demo(*, members: list[User], organizer: User, seed: int) -> str:
    event = _event(organizer)
    if event is None:
        return "chat: no published event to chat on"
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
    for who, text in zip(LINES[::2], LINES[1::2], strict=True):
        if who == "organizer":
            author = organizer
        else:
            author = speakers[turn % len(speakers)]
            turn += 1
        message = chat_message_post(author=author, event_id=event.pk, body=text)
        posted += 1
        collapsed += message.collapsed
    return f"{posted} chat messages on “{event.title}” ({collapsed} link flood collapsed)"
