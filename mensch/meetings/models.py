"""A meeting both people confirmed: the record follow-ups, trust and ROI build on.

Each side ticks whom they met (at an event, or after an introduction). When both
have ticked, the meeting is confirmed. A mutual "follow up?" yes makes a connection.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from mensch.core.text import validate_plain_text


class MeetingTick(models.Model):
    """One side's "I met them"."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_ticks"
    )
    other = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["member", "other", "event"],
                condition=Q(event__isnull=False),
                name="tick_once_per_event",
            ),
            models.UniqueConstraint(
                fields=["member", "other"],
                condition=Q(event__isnull=True),
                name="tick_once_outside_events",
            ),
            models.CheckConstraint(condition=~Q(member=F("other")), name="tick_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} met {self.other_id}"


class Meeting(models.Model):
    """A confirmed meeting between two members (stored low id first)."""

    member_low = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    member_high = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(
        "events.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    met_on = models.DateField()
    confirmed_at = models.DateTimeField(auto_now_add=True)
    # Each side's answer to "follow up?": None until answered.
    low_follow_up = models.BooleanField(null=True, blank=True)
    high_follow_up = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ("-met_on", "-pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["member_low", "member_high", "event"],
                condition=Q(event__isnull=False),
                name="meeting_once_per_event",
            ),
            models.UniqueConstraint(
                fields=["member_low", "member_high"],
                condition=Q(event__isnull=True),
                name="meeting_once_outside_events",
            ),
            models.CheckConstraint(
                condition=Q(member_low__lt=F("member_high")), name="meeting_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"meeting {self.member_low_id} ↔ {self.member_high_id} on {self.met_on}"

    def other(self, member_id: int) -> int:
        return self.member_high_id if member_id == self.member_low_id else self.member_low_id

    def involves(self, member_id: int) -> bool:
        return member_id in (self.member_low_id, self.member_high_id)


class MeetingProposal(models.Model):
    """One member's proposed times (or availability windows) for meeting a connection.

    The other picks one (a scheduled meeting is booked), proposes others (this one is
    ``countered``) or declines with a note. One pending proposal per pair at a time; it
    expires. A proposal that ``reschedules`` a scheduled meeting keeps the old time until
    the other agrees."""

    class Status(models.TextChoices):
        PENDING = "pending", "waiting for an answer"
        BOOKED = "booked", "booked"
        COUNTERED = "countered", "answered with other times"
        DECLINED = "declined", "declined"
        EXPIRED = "expired", "expired"

    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_proposals"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The pair, low id first: one pending proposal per pair whoever proposed.
    member_low = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    member_high = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    duration_minutes = models.PositiveSmallIntegerField()
    place = models.CharField(max_length=200, blank=True, validators=[validate_plain_text])
    purpose = models.CharField(max_length=140, validators=[validate_plain_text])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    note = models.CharField(max_length=300, blank=True, validators=[validate_plain_text])
    reschedules = models.ForeignKey(
        "meetings.ScheduledMeeting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reschedule_proposals",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["member_low", "member_high"],
                condition=Q(status="pending"),
                name="proposal_one_pending_per_pair",
            ),
            models.CheckConstraint(
                condition=Q(member_low__lt=F("member_high")), name="proposal_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"proposal {self.pk}: {self.proposer_id} → {self.recipient_id} ({self.status})"


class ProposedTime(models.Model):
    """A proposed start, or (with ``window_ends_at``) a window the other picks a start in."""

    proposal = models.ForeignKey(MeetingProposal, on_delete=models.CASCADE, related_name="times")
    starts_at = models.DateTimeField()
    window_ends_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("starts_at", "pk")

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"


class ScheduledMeeting(models.Model):
    """A meeting booked between two connections, in both calendars (stable ``uid``;
    ``sequence`` rises on each change, as iTIP wants)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "scheduled"
        CANCELLED = "cancelled", "cancelled"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organized_meetings"
    )
    attendee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attended_meetings"
    )
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField()
    place = models.CharField(max_length=200, blank=True, validators=[validate_plain_text])
    purpose = models.CharField(max_length=140, validators=[validate_plain_text])
    sequence = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    cancel_note = models.CharField(max_length=300, blank=True, validators=[validate_plain_text])
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    day_reminder_at = models.DateTimeField(null=True, blank=True)
    hour_reminder_at = models.DateTimeField(null=True, blank=True)
    asked_at = models.DateTimeField(null=True, blank=True)
    # "Did it happen?": each side's private answer, None until given. A no is a no-show of
    # the other, counted in that member's own figures only.
    organizer_says_happened = models.BooleanField(null=True, blank=True)
    attendee_says_happened = models.BooleanField(null=True, blank=True)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("starts_at", "pk")
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["status", "starts_at"])]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=~Q(organizer=F("attendee")), name="scheduled_meeting_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"meeting {self.uid} at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    def involves(self, member_id: int) -> bool:
        return member_id in (self.organizer_id, self.attendee_id)

    def other_id(self, member_id: int) -> int:
        return self.attendee_id if member_id == self.organizer_id else self.organizer_id
