"""Follow-up tasks and the daily digest claim."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mensch.core.text import validate_plain_text


class FollowUp(models.Model):
    """Something to do (or to expect) after meeting someone."""

    class Kind(models.TextChoices):
        THANK_YOU = "thank_you", "thank-you note"
        PROPOSE_MEETING = "propose_meeting", "propose a meeting"
        CHECK_IN = "check_in", "check in"
        INTRODUCTION = "introduction", "introduction follow-up"
        PROMISE = "promise", "promise"
        MANUAL = "manual", "task"
        # One task per person per meeting (per event): what is due, listed in ``steps``.
        AFTER_MEETING = "after_meeting", "after meeting"

    class OwedBy(models.TextChoices):
        ME = "me", "I promised"
        THEM = "them", "they promised"

    class Status(models.TextChoices):
        OPEN = "open", "open"
        DONE = "done", "done"
        DISMISSED = "dismissed", "dismissed"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followups"
    )
    contact = models.ForeignKey(
        "contacts.Contact",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followups",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MANUAL)
    owed_by = models.CharField(max_length=4, choices=OwedBy.choices, default=OwedBy.ME)
    title = models.CharField(max_length=200, validators=[validate_plain_text])
    due_on = models.DateField()
    # The first due date: snoozing moves ``due_on`` but "done on time" is judged on this.
    original_due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    source_key = models.CharField(max_length=60, blank=True)
    # The event where they met, for a bundle of what is due after it (``AFTER_MEETING``).
    event = models.ForeignKey(
        "events.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What is due in a bundle, in order: "thank-you note", "propose a meeting".
    steps = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("due_on", "pk")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["owner", "status", "due_on"]),
        ]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["owner", "source_key"],
                condition=~Q(source_key=""),
                name="followup_created_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class FollowUpPreference(models.Model):
    """How many follow-up reminders a day the member wants; None: the site's default
    (``FOLLOWUP_REMINDERS_PER_DAY``)."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followup_preference"
    )
    reminders_per_day = models.PositiveSmallIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"follow-up reminders of {self.member_id}: {self.reminders_per_day}"


class DailyDigest(models.Model):
    """One row per member per day: the worker that creates it sends the digest."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    items = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["member", "day"], name="digest_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"digest for {self.member_id} on {self.day}"
