"""Event chat: attendees talk; floods of links and contacts are collapsed; organizers moderate."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from mensch.core.text import validate_plain_text

CHAT_MESSAGE_MAX = 2000


class ChatMessage(models.Model):
    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="chat_messages"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(validators=[validate_plain_text])
    # Mostly links and contact details: stored, shown folded behind a "show" toggle.
    collapsed = models.BooleanField(default=False)
    collapse_reason = models.CharField(max_length=200, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["event", "created_at"]),
            models.Index(fields=["author", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"chat message {self.pk} in event {self.event_id}"


class ChatRestriction(models.Model):
    """The organizer muted (may read, not post) or removed (neither) a member from a chat."""

    class Kind(models.TextChoices):
        MUTED = "muted", "muted"
        REMOVED = "removed", "removed"

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["event", "member"], name="chat_restriction_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.kind} in event {self.event_id}"
