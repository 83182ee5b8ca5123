"""A meeting both people confirmed: the record follow-ups, trust and ROI build on.

Each side ticks whom they met (at an event, or after an introduction). When both
have ticked, the meeting is confirmed. A mutual "follow up?" yes makes a connection.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q


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
