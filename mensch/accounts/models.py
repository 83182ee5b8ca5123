"""Members log in with their email address; API tokens are stored hashed."""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.dispatch import Signal
from django.utils import timezone

from mensch.core.text import validate_plain_text

# Sent after a member's new password is saved (reset, admin, ``changepassword``), never for
# a new account; mensch.accounts.receivers revokes their API tokens.
password_changed = Signal()


def default_time_zone() -> str:
    """A new member's time zone: the server's (``TIME_ZONE``) until they choose theirs."""
    return str(settings.TIME_ZONE)


def validate_time_zone(value: str) -> None:
    """An IANA time zone name, such as Europe/Lisbon."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            f"{value!r} is not a time zone name; write one such as Europe/Lisbon."
        ) from exc
    if value not in available_timezones() and value != "UTC":
        raise ValidationError(
            f"{value!r} is not a time zone name; write one such as Europe/Lisbon."
        )


class MemberManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username or "")


class User(AbstractBaseUser, PermissionsMixin):
    """A member (or an organizer) of this Mensch community. They log in with their email."""

    email = models.EmailField("email address", max_length=254, unique=True)
    first_name = models.CharField(max_length=80, validators=[validate_plain_text])
    last_name = models.CharField(max_length=80, blank=True, validators=[validate_plain_text])
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    is_organizer = models.BooleanField(
        default=False, help_text="Organizers can publish events and see event outcomes."
    )
    date_joined = models.DateTimeField(default=timezone.now)
    time_zone = models.CharField(
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text="IANA name (Europe/Lisbon): meeting times are shown in it.",
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["first_name"]

    objects = MemberManager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def set_password(self, raw_password: str | None) -> None:
        super().set_password(raw_password)
        self._new_password = True  # told to receivers once it is saved

    def save(self, *args: Any, **kwargs: Any) -> None:
        new_password = getattr(self, "_new_password", False) and not self._state.adding
        super().save(*args, **kwargs)
        self._new_password = False
        if new_password:
            password_changed.send(sender=self.__class__, user=self)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token. The secret is shown once; only its hash is kept."""

    PREFIX = "mensch_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    key_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=16, help_text="The first characters, to tell tokens apart.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class CalendarFeed(models.Model):
    """A member's private calendar address (iCalendar), one per member.

    Calendar apps cannot log in, so the token in the address is the only key. It is kept
    so the member can see and copy the address again; requests are matched on its SHA-256
    digest, so how long a lookup takes says nothing about the token. Every app's entries
    are in the one feed (:mod:`mensch.accounts.calendar_feed`).
    """

    member = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    token_digest = models.CharField(max_length=64, unique=True)
    # A member who had both the events and the follow-ups feed before they were merged
    # keeps the follow-ups address working too, until they replace or revoke the address.
    former_digest = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.member_id}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class PendingSignup(models.Model):
    """A sign-up whose address is not confirmed yet: no account exists until it is.

    Nothing of it is visible anywhere (directory, matching, search, counts, API): the
    member's :class:`User` and profile are made only when the emailed link is followed
    (:func:`mensch.accounts.services.signup_confirm`). One per address; signing up again
    with the same address replaces the names and password and sends the link again.

    ``browser_key_hash`` ties the password to the browser that chose it: the link signs
    that browser straight in, while any other browser must choose a password on the
    confirmation page, so a stranger who signed up with someone else's address cannot
    set the password of the account its owner confirms.
    """

    email = models.EmailField("email address", max_length=254, unique=True)
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80, blank=True)
    password = models.CharField(max_length=128)  # a hash, as on User
    nonce = models.CharField(max_length=32, help_text="In every link; a used link names none.")
    browser_key_hash = models.CharField(max_length=64)
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-requested_at",)

    def __str__(self) -> str:
        return f"{self.email} (unconfirmed)"
