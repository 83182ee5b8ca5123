"""A member's profile: who they are, and what they ask for and offer."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxLengthValidator, MinLengthValidator, RegexValidator
from django.db import models

from mensch.core.text import validate_plain_text
from mensch.vocabulary import ITEM_KINDS

# (value, label) pairs for the kind of an ask or an offer, e.g. ("client", "Client").
ITEM_KIND_CHOICES: list[tuple[str, str]] = [(kind, kind.capitalize()) for kind in ITEM_KINDS]

ITEM_TEXT_MAX = 200
TEXT = [validate_plain_text]
validate_phone = RegexValidator(
    r"^\+?[0-9 ()./-]{5,40}$",
    "Enter a phone number with digits, spaces and + ( ) - . / only.",
)


class Profile(models.Model):
    """Public by default, except the contact details, which only the owner (and,
    once introductions exist, accepted connections) may see."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    headline = models.CharField(
        max_length=160,
        blank=True,
        validators=TEXT,
        help_text="Who you are and what you do, in one sentence.",
    )
    what_i_do = models.TextField(
        max_length=1000, blank=True, validators=[MaxLengthValidator(1000), *TEXT]
    )
    industry = models.CharField(max_length=80, blank=True, validators=TEXT)
    location = models.CharField(max_length=120, blank=True, validators=TEXT)
    languages = models.CharField(
        max_length=200,
        blank=True,
        validators=TEXT,
        help_text="Comma-separated, e.g. English, Portuguese.",
    )
    goals = models.TextField(
        "networking goals",
        max_length=500,
        blank=True,
        validators=[MaxLengthValidator(500), *TEXT],
        help_text="What you want from networking.",
    )
    # Private contact details.
    contact_email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True, validators=[validate_phone])
    website = models.URLField(max_length=200, blank=True)
    is_hidden = models.BooleanField(
        default=False,
        help_text="Hidden profiles appear in no directory, search or recommendation.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Kept by mensch.profiles.search on every write (never edited by hand): the member's
    # name, headline, asks, offers, what they do, industry and location, case- and
    # accent-folded; the weighted PostgreSQL vector of the same text; the folded name
    # the directory sorts by.
    search_document = models.TextField(blank=True, default="", editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    sort_name = models.CharField(max_length=320, blank=True, default="", editable=False)

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["industry"]),
            models.Index(fields=["sort_name", "id"], name="profiles_sort_name_idx"),
            # "New in <city>": a city's newest members, read in order (web.selectors).
            models.Index(
                fields=["location", "-created_at", "-id"], name="profiles_location_newest_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.user.name or self.user.email

    @property
    def name(self) -> str:
        return self.user.name

    @property
    def language_list(self) -> list[str]:
        return [part.strip() for part in self.languages.split(",") if part.strip()]


class ProfileItem(models.Model):
    kind = models.CharField(max_length=20, choices=ITEM_KIND_CHOICES)
    text = models.CharField(
        max_length=ITEM_TEXT_MAX, validators=[MinLengthValidator(3), validate_plain_text]
    )
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ("position", "id")

    def __str__(self) -> str:
        return f"{self.kind}: {self.text}"


class Ask(ProfileItem):
    """Something the member is looking for: a client, a graphic designer, advice…"""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="asks")

    class Meta(ProfileItem.Meta):
        pass


class Offer(ProfileItem):
    """Something the member can give: a skill, an introduction, a resource, time."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="offers")

    class Meta(ProfileItem.Meta):
        pass
