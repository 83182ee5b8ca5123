"""The member's part of "all my data" from this app: the event-chat messages they wrote."""

from __future__ import annotations

from mensch.accounts.models import User
from mensch.chat.models import ChatMessage


def member_data(member: User) -> dict[str, object]:
    messages = ChatMessage.objects.filter(author=member).select_related("event")
    return {
        "chat": [
            {
                "event_id": m.event_id,
                "event": m.event.title,
                "body": m.body,
                "posted_at": m.created_at.isoformat(),
                "collapsed": m.collapsed,
                "hidden_by_organizer": m.hidden_at is not None,
            }
            for m in messages.order_by("created_at", "pk")
        ]
    }
