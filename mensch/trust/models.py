"""Endorsements that rest on verified interactions, their reports, and stored trust scores."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.db import models
from django.db.models import F, Q

from mensch.core.text import validate_plain_text

ENDORSEMENT_MIN = 20
ENDORSEMENT_MAX = 1000
REPORT_REASON_MAX = 500


class Basis(models.TextChoices):
    """The kind of verified interaction an endorsement rests on (an accepted introduction
    is not one: see ``trust.interactions``)."""

    MEETING = "meeting", "a meeting both confirmed"
    FAVOUR = "favour", "a favour the receiver confirmed"


class Endorsement(models.Model):
    """``author`` vouches for one of ``member``'s offers, because they met or worked together."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="endorsements_given"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="endorsements_received"
    )
    offer = models.ForeignKey(
        "profiles.Offer", on_delete=models.CASCADE, related_name="endorsements"
    )
    text = models.TextField(
        validators=[
            MinLengthValidator(ENDORSEMENT_MIN),
            MaxLengthValidator(ENDORSEMENT_MAX),
            validate_plain_text,
        ],
        help_text="What they did for you, in a sentence or two.",
    )
    basis = models.CharField(max_length=20, choices=Basis.choices)
    basis_id = models.PositiveBigIntegerField(help_text="The meeting or favour.")
    basis_label = models.CharField(
        max_length=200,
        help_text='Shown with the endorsement: "met at Lisbon Founders, March 2027".',
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Hidden when enough members reported it, until staff review it.
    hidden_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True, help_text="Removed by staff.")

    class Meta:
        ordering = ("-updated_at", "-id")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["author", "offer"], name="endorsement_once_per_offer"),
            models.CheckConstraint(condition=~Q(author=F("member")), name="endorsement_not_self"),
        ]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["member", "hidden_at"])]

    def __str__(self) -> str:
        return f"endorsement {self.pk}: {self.author_id} → {self.member_id} ({self.offer_id})"

    @property
    def is_visible(self) -> bool:
        return self.hidden_at is None and self.removed_at is None


class EndorsementReport(models.Model):
    endorsement = models.ForeignKey(Endorsement, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(
        max_length=REPORT_REASON_MAX, validators=[MinLengthValidator(5), validate_plain_text]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["endorsement", "reporter"], name="report_once"),
        ]

    def __str__(self) -> str:
        return f"report on endorsement {self.endorsement_id} by {self.reporter_id}"


class TrustScore(models.Model):
    """The last computed trust of one member; the explanation is for the member only."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trust_score"
    )
    score = models.FloatField(help_text="0-1, propagated level adjusted by reliability.")
    display = models.PositiveSmallIntegerField(help_text="The score on 0-100.")
    band = models.CharField(max_length=10)
    rank = models.PositiveIntegerField()
    reliability = models.FloatField()
    vouchers = models.PositiveIntegerField(help_text="Distinct members who vouch for this one.")
    is_seed = models.BooleanField(default=False)
    headline = models.CharField(max_length=300)
    reasons = models.JSONField(default=list)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ("rank",)

    def __str__(self) -> str:
        return f"trust of {self.member_id}: {self.display} ({self.band})"
