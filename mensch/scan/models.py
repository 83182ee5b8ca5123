"""Scan to connect: each member's personal code, the scans it led to, and event badges.

A code is a signed URL (:mod:`mensch.scan.codes`) naming the member and the current
``nonce`` of their :class:`ScanCode`. Revoking draws a new nonce, so every code shown or
printed before stops working at once; each code also expires on its own.
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q


def new_nonce() -> str:
    return secrets.token_urlsafe(9)


class ScanCode(models.Model):
    """The member's code version: a new nonce revokes every code issued before."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scan_code"
    )
    version = models.PositiveIntegerField(default=1)
    nonce = models.CharField(max_length=24, default=new_nonce)
    revoked_at = models.DateTimeField(
        null=True, blank=True, help_text="When the codes before this version were revoked."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"scan code v{self.version} of {self.member_id}"


class Scan(models.Model):
    """One member scanned another's code: the scanner's "we met", waiting for the code's
    owner to confirm with one tap."""

    class Status(models.TextChoices):
        WAITING = "waiting", "waiting for confirmation"
        CONFIRMED = "confirmed", "confirmed"
        DECLINED = "declined", "declined"

    scanner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scans_made"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scans_received"
    )
    event = models.ForeignKey(
        "events.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["owner", "status"])]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(condition=~Q(scanner=F("owner")), name="scan_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.scanner_id} scanned {self.owner_id}"


class BadgeSheet(models.Model):
    """An event's printable badges, made by the worker; only the organizer downloads them."""

    class Status(models.TextChoices):
        IDLE = "idle", "idle"
        QUEUED = "queued", "queued"
        RUNNING = "running", "running"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    class Paper(models.TextChoices):
        A4 = "a4", "A4"
        LETTER = "letter", "US Letter"

    event = models.OneToOneField(
        "events.Event", on_delete=models.CASCADE, related_name="badge_sheet"
    )
    paper = models.CharField(max_length=6, choices=Paper.choices, default=Paper.A4)
    job = models.PositiveIntegerField(
        default=0, help_text="Rises with each request; an older job's result is dropped."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.IDLE)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done.")
    step = models.CharField(max_length=120, blank=True)
    error = models.CharField(max_length=500, blank=True)
    badges = models.PositiveIntegerField(default=0)
    pages = models.PositiveIntegerField(default=0)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"badges for event {self.event_id}"
