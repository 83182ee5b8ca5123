"""Double-opt-in introductions: nobody is reachable without saying yes.

A *direct* introduction is a member asking to be introduced to another, with a
reason; only the recipient decides. A *brokered* introduction is a member
introducing two of their connections; both must accept, and the introducer is
credited when they do.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.db import models
from django.db.models import F, Q

from mensch.core.text import validate_plain_text

REASON_MIN = 20
REASON_MAX = 1000
NOTE_MAX = 500


class Decision(models.TextChoices):
    PENDING = "pending", "waiting"
    ACCEPTED = "accepted", "accepted"
    DECLINED = "declined", "declined"


class Introduction(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        ACCEPTED = "accepted", "accepted"
        DECLINED = "declined", "declined"
        WITHDRAWN = "withdrawn", "withdrawn"
        EXPIRED = "expired", "expired"

    introducer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="introductions_brokered",
        help_text="Set for a brokered introduction.",
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="introductions_sent"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="introductions_received"
    )
    reason = models.TextField(
        validators=[
            MinLengthValidator(REASON_MIN),
            MaxLengthValidator(REASON_MAX),
            validate_plain_text,
        ],
        help_text="Why these two should meet: what each could give the other.",
    )
    requester_decision = models.CharField(
        max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    recipient_decision = models.CharField(
        max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    requester_note = models.CharField(
        max_length=NOTE_MAX, blank=True, validators=[validate_plain_text]
    )
    recipient_note = models.CharField(
        max_length=NOTE_MAX, blank=True, validators=[validate_plain_text]
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["status", "expires_at"]),
            models.Index(fields=["requester", "created_at"]),
        ]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=~Q(requester=F("recipient")), name="introduction_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"introduction {self.pk}: {self.requester_id} → {self.recipient_id} ({self.status})"

    @property
    def is_brokered(self) -> bool:
        return self.introducer_id is not None

    def deciders(self) -> list[int]:
        """Members whose yes is still awaited."""
        waiting = []
        if self.requester_decision == Decision.PENDING:
            waiting.append(self.requester_id)
        if self.recipient_decision == Decision.PENDING:
            waiting.append(self.recipient_id)
        return waiting

    def other_party(self, member_id: int) -> int:
        return self.recipient_id if member_id == self.requester_id else self.requester_id
