"""In-app notifications; the email copy goes out from a background task."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40, help_text="e.g. introduction_requested")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True, help_text="Where the notification leads.")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Email delivery, at least once: a worker claims the email (``email_claimed_at``) and
    # sets ``emailed_at`` only once the mail server took it. A claim older than the lease
    # (its worker died) may be taken again; failures are retried, then recorded.
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.CharField(max_length=300, blank=True)
    email_failed_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when every attempt to email it failed."
    )

    class Meta:
        ordering = ("-created_at", "-id")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["recipient", "read_at"]),
        ]

    def __str__(self) -> str:
        return self.title


class EmailPreference(models.Model):
    """What a member agreed to receive by email; every email carries a one-click way out."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preference"
    )
    notifications = models.BooleanField(
        default=True, help_text="Introduction requests and decisions, messages."
    )
    daily_digest = models.BooleanField(
        default=False, help_text="One email a day with follow-ups due (opt-in)."
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"email preferences of {self.member_id}"
