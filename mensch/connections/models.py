"""Two members who both said yes (an accepted introduction, a mutual follow-up after an
event) are connected. Only connections see each other's contact details and message."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from mensch.core.text import validate_plain_text

MESSAGE_MAX = 5000


class Connection(models.Model):
    class Source(models.TextChoices):
        INTRODUCTION = "introduction", "an accepted introduction"
        EVENT = "event", "a mutual follow-up after an event"
        SCAN = "scan", "a scanned code and a meeting both confirmed"

    # Stored with member_low.pk < member_high.pk so a pair exists once.
    member_low = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    member_high = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    source_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The introduction or event that made the connection."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["member_low", "member_high"], name="connection_once"),
            models.CheckConstraint(
                condition=Q(member_low__lt=F("member_high")), name="connection_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_low_id} ↔ {self.member_high_id}"

    def other(self, user_id: int) -> int:
        return self.member_high_id if user_id == self.member_low_id else self.member_low_id


class Block(models.Model):
    """The blocker no longer receives requests or messages from the blocked member."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
            models.CheckConstraint(condition=~Q(blocker=F("blocked")), name="block_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


class Message(models.Model):
    """A message in the thread of one connection."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(validators=[validate_plain_text])
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("created_at", "id")
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["connection", "created_at"])]

    def __str__(self) -> str:
        return f"message {self.pk} in {self.connection_id}"
