"""Networking goals and what each event cost.

A goal names a metric Mensch can compute (confirmed meetings, new connections,
referrals received, business closed…), a target and a period. Progress is never
typed in: it is counted from meetings, connections and the ledger.

A goal may also say *what* counts toward it (``Goal`` criteria): the kind of person
(a kind from ``mensch.vocabulary.ITEM_KINDS`` among their asks or offers, e.g. "partner"),
their industry, and the event. Only matching progress counts. A goal without criteria
(every goal set before criteria existed) counts everything of its metric, as it did.

An event cost is what one member spent on one event they attended: ticket, travel
and hours. The ROI dashboard sets it against what came of the event.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from mensch.core.currencies import validate_currency
from mensch.core.text import validate_plain_text
from mensch.ledger.models import VALUE_MAX
from mensch.profiles.models import ITEM_KIND_CHOICES

HOURS_MAX = Decimal("200")
COUNT_TARGET_MAX = 10_000


class Metric(models.TextChoices):
    MEETINGS = "meetings", "confirmed meetings"
    CONNECTIONS = "connections", "new connections"
    INTRODUCTIONS_RECEIVED = "introductions_received", "introductions received"
    INTRODUCTIONS_MADE = "introductions_made", "introductions made"
    REFERRALS_RECEIVED = "referrals_received", "referrals received"
    CLIENTS_WON = "clients_won", "new clients (business closed)"
    BUSINESS_VALUE = "business_value", "value of business closed"
    FAVOURS_GIVEN = "favours_given", "favours given"


class Goal(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="networking_goals"
    )
    title = models.CharField(
        max_length=160,
        validators=[validate_plain_text],
        help_text="In your words, e.g. “Three new clients this quarter”.",
    )
    metric = models.CharField(max_length=30, choices=Metric.choices)
    target = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(VALUE_MAX)],
    )
    currency = models.CharField(
        max_length=3, blank=True, validators=[validate_currency], help_text="For business value."
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    # What counts (all optional; blank counts everything). The other person of each
    # meeting, connection or ledger entry must match every criterion set.
    kind = models.CharField(
        max_length=20,
        blank=True,
        choices=ITEM_KIND_CHOICES,
        help_text="Only people with an ask or offer of this kind, e.g. partner.",
    )
    industry = models.CharField(
        max_length=80,
        blank=True,
        validators=[validate_plain_text],
        help_text="Only people in this industry (as their profile says it).",
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Only what came of this event: meetings and connections made there, "
        "ledger entries with people first met there.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("ends_on", "pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="goal_period_ordered"
            ),
            models.CheckConstraint(condition=Q(target__gte=1), name="goal_target_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_criteria(self) -> bool:
        return bool(self.kind or self.industry or self.event_id)

    @property
    def criteria_label(self) -> str:
        """What counts, in words: "Counts new connections in Software with a partner ask
        or offer, met at Lisbon Founders Breakfast". Empty without criteria."""
        if not self.has_criteria:
            return ""
        words = [f"Counts {self.get_metric_display()}"]
        if self.industry:
            words.append(f"in {self.industry}")
        if self.kind:
            words.append(f"with {article(self.kind)} {self.kind} ask or offer")
        if self.event is not None:
            words.append(f"from {self.event.title}")
        return " ".join(words)


def article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


class EventCost(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_costs"
    )
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    ticket = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(VALUE_MAX)],
    )
    travel = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(VALUE_MAX)],
    )
    currency = models.CharField(max_length=3, default="EUR", validators=[validate_currency])
    hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(HOURS_MAX)],
        help_text="Time spent, travel and preparation included.",
    )
    note = models.CharField(
        max_length=300, blank=True, validators=[MaxLengthValidator(300), validate_plain_text]
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["member", "event"], name="event_cost_once"),
            models.CheckConstraint(
                condition=Q(ticket__gte=0, travel__gte=0, hours__gte=0),
                name="event_cost_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"cost of event {self.event_id} for {self.member_id}"

    @property
    def total(self) -> Decimal:
        return self.ticket + self.travel
