"""Relationship memory: a private contact record for everyone a member has met.

Contacts belong to exactly one member (``owner``) and are never shown to anyone
else. A contact may point at a member of this community (``member``) when the
person is one; most are not.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from mensch.core.text import validate_plain_text
from mensch.profiles.models import validate_phone

TEXT = [validate_plain_text]
NOTE_MAX = 20_000
FACTS_MAX = 2_000
# Keep-in-touch intervals: at most ten years, so every due date stays a real date.
MAX_CADENCE_DAYS = 3650
IDEAL_DAYS = [
    MinValueValidator(1),
    MaxValueValidator(
        MAX_CADENCE_DAYS,
        f"The ideal interval can be at most {MAX_CADENCE_DAYS} days (ten years).",
    ),
]
MAX_DAYS = [
    MinValueValidator(1),
    MaxValueValidator(
        MAX_CADENCE_DAYS,
        f"The maximum interval can be at most {MAX_CADENCE_DAYS} days (ten years).",
    ),
]


def card_storage() -> FileSystemStorage:
    """Business-card photos live in the data folder, never under a public URL."""
    return FileSystemStorage(location=settings.DATA_DIR / "cards")


def card_path(instance: models.Model, filename: str) -> str:
    return f"{getattr(instance, 'owner_id', 0)}/{filename}"


class Tag(models.Model):
    """A member's own label for contacts ("clients", "Lisbon"), with an optional
    keep-in-touch cadence for everyone carrying it."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_tags"
    )
    name = models.CharField(max_length=40, validators=TEXT)
    ideal_days = models.PositiveIntegerField(null=True, blank=True, validators=IDEAL_DAYS)
    max_days = models.PositiveIntegerField(null=True, blank=True, validators=MAX_DAYS)

    class Meta:
        ordering = ("name",)
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["owner", "name"], name="tag_name_once_per_owner"),
            models.CheckConstraint(
                condition=Q(max_days__isnull=True)
                | Q(ideal_days__isnull=True)
                | Q(max_days__gte=F("ideal_days")),
                name="tag_max_after_ideal",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Set when this person is a member of the community.",
    )
    name = models.CharField(max_length=160, validators=TEXT)
    company = models.CharField(max_length=160, blank=True, validators=TEXT)
    role = models.CharField(max_length=160, blank=True, validators=TEXT)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True, validators=[validate_phone])
    url = models.URLField("web address", max_length=300, blank=True)
    # How and where we met.
    met_on = models.DateField(null=True, blank=True)
    met_event = models.ForeignKey(
        "events.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    introducer = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="introduced",
        help_text="Who introduced you.",
    )
    met_how = models.CharField(
        "how we met", max_length=300, blank=True, validators=TEXT, help_text="In your own words."
    )
    facts = models.TextField(
        blank=True,
        validators=[MaxLengthValidator(FACTS_MAX), *TEXT],
        help_text='One per line: "two kids", "cycles to work".',
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="contacts")
    # The photographed business card it was made from; only the owner can see it.
    card_image = models.FileField(storage=card_storage, upload_to=card_path, blank=True)
    # Keep in touch: days between interactions; empty means "use the tags' cadence".
    ideal_days = models.PositiveIntegerField(null=True, blank=True, validators=IDEAL_DAYS)
    max_days = models.PositiveIntegerField(null=True, blank=True, validators=MAX_DAYS)
    meeting_goal = models.CharField(
        "goal of our next meeting", max_length=300, blank=True, validators=TEXT
    )
    # Denormalised by the services: the last interaction, the strength score and the
    # text the search index reads (name, company, role, facts and notes).
    last_interaction_on = models.DateField(null=True, blank=True)
    strength = models.FloatField(default=0)
    search_document = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("name", "pk")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["owner", "name"]),
            models.Index(fields=["owner", "email"]),
            models.Index(fields=["owner", "-strength"]),
        ]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["owner", "member"],
                condition=Q(member__isnull=False),
                name="contact_once_per_member",
            ),
            models.CheckConstraint(
                condition=Q(max_days__isnull=True)
                | Q(ideal_days__isnull=True)
                | Q(max_days__gte=F("ideal_days")),
                name="contact_max_after_ideal",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def fact_list(self) -> list[str]:
        return [line.strip() for line in self.facts.splitlines() if line.strip()]

    def since(self) -> date:
        """The day the keep-in-touch clock counts from."""
        return self.last_interaction_on or self.met_on or self.created_at.date()


class Interaction(models.Model):
    """One entry of a contact's timeline, logged by the app or by hand."""

    class Kind(models.TextChoices):
        MET = "met", "met"
        CALL = "call", "call"
        MESSAGE = "message", "message"
        MEETING = "meeting", "meeting"
        FAVOUR = "favour", "favour"
        INTRODUCTION = "introduction", "introduction"
        NOTE = "note", "note"

    class Initiator(models.TextChoices):
        ME = "me", "I reached out"
        THEM = "them", "they reached out"
        BOTH = "both", "both / mutual"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="interactions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    happened_on = models.DateField()
    initiated_by = models.CharField(max_length=4, choices=Initiator.choices, default=Initiator.BOTH)
    body = models.TextField(
        blank=True,
        validators=[MaxLengthValidator(NOTE_MAX), *TEXT],
        help_text="Markdown: **bold**, lists, links.",
    )
    # "meeting:12", "introduction:4", "import": lets the app log an event once only.
    source_key = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-happened_on", "-created_at", "-pk")
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["contact", "happened_on"])]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["contact", "source_key"],
                condition=~Q(source_key=""),
                name="interaction_logged_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} with {self.contact_id} on {self.happened_on}"


class CardScan(models.Model):
    """A photographed business card waiting to become a contact: read in the background,
    then reviewed (every field editable) and saved or discarded by its owner."""

    class Status(models.TextChoices):
        READING = "reading", "Reading"
        READ = "read", "Read"
        FAILED = "failed", "Could not read"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="card_scans"
    )
    image = models.FileField(storage=card_storage, upload_to=card_path)
    original_name = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.READING)
    fields = models.JSONField(default=dict, blank=True)
    problem = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["owner", "created_at"])]

    def __str__(self) -> str:
        return f"card scan {self.pk} of {self.owner_id} ({self.status})"
