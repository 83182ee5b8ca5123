"""The give-first ledger: what members gave and received, and referral exchanges.

A ledger entry has a giver and a receiver. The member who records it is one of the
two; the other is a member or, for people outside Mensch, just a name. Its life is
offered → delivered → thanked → business closed; the receiver records the value of
closed business, credited to the giver. When the receiving member confirms, the
entry is *verified*: the only kind of entry trust builds on.

A referral exchange ends the "you first" standoff: two connections each write a
sealed pledge; nobody sees the other's until both have pledged.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from mensch.accounts.models import User
from mensch.core.currencies import validate_currency
from mensch.core.text import validate_plain_text

DESCRIPTION_MAX = 1000
NAME_MAX = 120
# A deal above a billion is a typo, not a referral.
VALUE_MAX = Decimal("1000000000")


class EntryKind(models.TextChoices):
    FAVOUR = "favour", "favour"
    INTRODUCTION = "introduction", "introduction"
    REFERRAL = "referral", "referral"
    RESOURCE = "resource", "resource"
    ADVICE = "advice", "advice"


class EntryStatus(models.TextChoices):
    OFFERED = "offered", "offered"
    DELIVERED = "delivered", "delivered"
    THANKED = "thanked", "thanked"
    CLOSED = "closed", "business closed"


STATUS_ORDER = [s.value for s in EntryStatus]


class LedgerEntry(models.Model):
    class Source(models.TextChoices):
        MANUAL = "manual", "recorded by a member"
        INTRODUCTION = "introduction", "an accepted introduction"
        EXCHANGE = "exchange", "a referral exchange"

    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ledger_given",
    )
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ledger_received",
    )
    counterpart_name = models.CharField(
        max_length=NAME_MAX,
        blank=True,
        validators=[validate_plain_text],
        help_text="The other side when they are not a member.",
    )
    counterpart_contact = models.ForeignKey(
        "contacts.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ledger_entries",
        help_text="The recorder's contact record for the other side, when they chose one.",
    )
    description = models.TextField(
        validators=[MaxLengthValidator(DESCRIPTION_MAX), validate_plain_text]
    )
    status = models.CharField(
        max_length=10, choices=EntryStatus.choices, default=EntryStatus.OFFERED
    )
    value = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(VALUE_MAX)],
        help_text="Business closed, recorded by the receiver and credited to the giver.",
    )
    currency = models.CharField(max_length=3, blank=True, validators=[validate_currency])
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.MANUAL)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    thanked_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(
        null=True, blank=True, help_text="When the receiving member confirmed it."
    )

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name_plural = "ledger entries"
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["giver", "created_at"]),
            models.Index(fields=["receiver", "created_at"]),
        ]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(giver=F("recorded_by")) | Q(receiver=F("recorded_by")),
                name="ledger_recorder_is_a_side",
            ),
            models.CheckConstraint(
                condition=Q(giver__isnull=True)
                | Q(receiver__isnull=True)
                | ~Q(giver=F("receiver")),
                name="ledger_not_self",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gt=0, value__lte=VALUE_MAX),
                name="ledger_value_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"ledger entry {self.pk}: {self.kind} {self.giver_id} → {self.receiver_id}"

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    def reached(self, status: str) -> bool:
        return STATUS_ORDER.index(self.status) >= STATUS_ORDER.index(status)

    def direction_for(self, member_id: int) -> str:
        return "given" if self.giver_id == member_id else "received"

    def counterpart_of(self, member_id: int) -> User | None:
        """The other member, or None when the other side is a name only."""
        return self.receiver if self.giver_id == member_id else self.giver

    def counterpart_label(self, member_id: int) -> str:
        other = self.counterpart_of(member_id)
        return other.name if other is not None else self.counterpart_name


class ReferralExchange(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "waiting for pledges"
        RELEASED = "released", "released"
        CANCELLED = "cancelled", "cancelled"
        EXPIRED = "expired", "expired"

    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchanges_proposed"
    )
    partner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchanges_received"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    released_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("-created_at", "-id")
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["status", "expires_at"])]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(condition=~Q(proposer=F("partner")), name="exchange_not_self"),
        ]

    def __str__(self) -> str:
        return f"referral exchange {self.pk}: {self.proposer_id} ↔ {self.partner_id}"

    def other(self, member_id: int) -> int:
        return self.partner_id if member_id == self.proposer_id else self.proposer_id

    def involves(self, member_id: int) -> bool:
        return member_id in (self.proposer_id, self.partner_id)


class Pledge(models.Model):
    """One side's sealed promise: whom they will refer, why, and that the person agreed."""

    exchange = models.ForeignKey(ReferralExchange, on_delete=models.CASCADE, related_name="pledges")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    referral_name = models.CharField(
        max_length=NAME_MAX,
        validators=[validate_plain_text],
        help_text="Whom you will refer to them.",
    )
    reason = models.TextField(
        validators=[MaxLengthValidator(DESCRIPTION_MAX), validate_plain_text],
        help_text="Why this person needs them.",
    )
    consent = models.BooleanField(help_text="The person agreed to be referred.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["exchange", "member"], name="pledge_once"),
            models.CheckConstraint(condition=Q(consent=True), name="pledge_with_consent"),
        ]

    def __str__(self) -> str:
        return f"pledge {self.pk} in exchange {self.exchange_id}"
