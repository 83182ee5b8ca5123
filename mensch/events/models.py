"""Managed events: an organizer, an agenda that teaches something, rounds that seat
people who should meet."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinLengthValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from mensch.core.currencies import validate_currency
from mensch.core.text import validate_plain_text

TEXT = [validate_plain_text]

# Events take place in a sensible range: from the year 2000 to five years from now. A date
# far beyond (9999-12-31, a typo) is no plan, and shown in a time zone east of UTC it would
# fall past the last day a date can hold.
EARLIEST_START = datetime(2000, 1, 1, tzinfo=UTC)
MAX_YEARS_AHEAD = 5


def latest_start(now: datetime | None = None) -> datetime:
    """The latest moment an event may start or end: five years from ``now``."""
    return (now or timezone.now()) + timedelta(days=366 * MAX_YEARS_AHEAD)


class Event(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "draft"
        PUBLISHED = "published", "published"
        CANCELLED = "cancelled", "cancelled"

    class SeatingStatus(models.TextChoices):
        IDLE = "idle", "idle"
        QUEUED = "queued", "queued"
        RUNNING = "running", "running"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    uid = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, help_text="Stable iCalendar UID."
    )
    sequence = models.PositiveIntegerField(
        default=0, help_text="iCalendar SEQUENCE: rises on every change attendees should see."
    )
    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="events_organized"
    )
    title = models.CharField(max_length=160, validators=[validate_plain_text])
    description = models.TextField(
        blank=True, validators=[MaxLengthValidator(5000), validate_plain_text]
    )
    venue = models.CharField(max_length=200, blank=True, validators=[validate_plain_text])
    address = models.CharField(max_length=300, blank=True, validators=[validate_plain_text])
    sponsors = models.CharField(
        max_length=300, blank=True, validators=[validate_plain_text], help_text="Comma-separated."
    )
    price = models.DecimalField(
        max_digits=10, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(max_length=3, default="EUR", validators=[validate_currency])
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    time_zone = models.CharField(max_length=64, default="UTC")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Structured rounds: the schedule's shape and the live console's state.
    table_size = models.PositiveSmallIntegerField(null=True, blank=True)
    round_count = models.PositiveSmallIntegerField(default=0)
    round_minutes = models.PositiveSmallIntegerField(default=12, validators=[MinValueValidator(1)])
    schedule_version = models.PositiveIntegerField(
        default=0, help_text="Rises each time the seating is generated (calendar SEQUENCE)."
    )
    schedule_message = models.CharField(max_length=500, blank=True)
    current_round = models.PositiveSmallIntegerField(
        default=0, help_text="1-based; 0 before the first round starts."
    )
    round_started_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)

    # Seating runs as a background job (mensch.events.tasks); the console polls its state.
    attendee_version = models.PositiveIntegerField(
        default=0,
        help_text="Rises whenever the attendee list changes (RSVP, cancel, check-in): a "
        "seating solved for an older list is not saved.",
    )
    seating_job = models.PositiveIntegerField(
        default=0, help_text="Rises with each seating request; an older job's result is dropped."
    )
    seating_status = models.CharField(
        max_length=10, choices=SeatingStatus.choices, default=SeatingStatus.IDLE
    )
    seating_progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done.")
    seating_step = models.CharField(max_length=120, blank=True)
    seating_error = models.CharField(max_length=500, blank=True)

    # Cancelling can be undone for a few minutes before attendees are told.
    cancel_message = models.CharField(
        max_length=1000,
        blank=True,
        validators=[validate_plain_text],
        help_text="The organizer's message to attendees when cancelling.",
    )
    cancel_notify_after = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Attendees are told of the cancellation after this moment, unless it is "
        "undone first.",
    )
    cancel_notified_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When attendees were told of the cancellation (null: not yet).",
    )

    class Meta:
        ordering = ("starts_at", "pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="event_has_seats"),
        ]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def sponsor_list(self) -> list[str]:
        return [part.strip() for part in self.sponsors.split(",") if part.strip()]

    @property
    def is_free(self) -> bool:
        return self.price == 0


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        TALK = "talk", "talk"
        WORKSHOP = "workshop", "workshop"
        ROUND = "round", "networking round"
        BREAK = "break", "break"

    EDUCATIONAL = (Kind.TALK, Kind.WORKSHOP)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda")
    starts_at = models.DateTimeField()
    title = models.CharField(max_length=160, validators=TEXT)
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        ordering = ("starts_at", "pk")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class Topic(models.Model):
    """A topic table: something attendees can share or want to learn."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(max_length=120, validators=[MinLengthValidator(3), *TEXT])
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["event", "title"], name="topic_once_per_event"),
        ]

    def __str__(self) -> str:
        return self.title


class Rsvp(models.Model):
    class Status(models.TextChoices):
        GOING = "going", "going"
        WAITLISTED = "waitlisted", "on the waitlist"
        CANCELLED = "cancelled", "cancelled"

    class Side(models.TextChoices):
        SHARE = "share", "can share"
        LEARN = "learn", "wants to learn"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rsvps"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.GOING)
    goal = models.CharField(
        max_length=200, blank=True, validators=TEXT, help_text='e.g. "meet two distributors".'
    )
    contact_consent = models.BooleanField(
        default=False, help_text="The organizer may see my email address in the attendee export."
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.SET_NULL, null=True, blank=True, related_name="rsvps"
    )
    topic_side = models.CharField(max_length=5, choices=Side.choices, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    goal_met = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("created_at", "pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["event", "member"], name="rsvp_once_per_event"),
        ]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.member_id} {self.status} {self.event_id}"


class Seat(models.Model):
    """Where one attendee sits in one round."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    round_number = models.PositiveSmallIntegerField()
    table_number = models.PositiveSmallIntegerField()
    # {other member id: the one-line why}, for the tablemates of this round.
    reasons = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("round_number", "table_number", "pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["event", "round_number", "member"], name="seat_once_per_round"
            ),
        ]

    def __str__(self) -> str:
        return f"round {self.round_number} table {self.table_number}: {self.member_id}"


# -- meeting slots: 1:1 meetings booked at a spot in the event's meeting hours -------


class MeetingHours(models.Model):
    """A window of the event in which attendees can book 1:1 meetings, cut into slots of
    ``slot_minutes`` (a slot starts at ``starts_at + k × slot_minutes`` and ends inside)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_hours")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    slot_minutes = models.PositiveSmallIntegerField(
        default=20, validators=[MinValueValidator(5)], help_text="Length of one meeting."
    )

    class Meta:
        ordering = ("starts_at", "pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_hours_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5), name="meeting_hours_slot_minutes"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M} ({self.slot_minutes} min)"


class MeetingSpot(models.Model):
    """A table or room where 1:1 meetings happen; ``capacity`` meetings at once."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_spots")
    name = models.CharField(max_length=80, validators=[MinLengthValidator(1), *TEXT])
    capacity = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1)], help_text="Meetings at the same time."
    )

    class Meta:
        ordering = ("name", "pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["event", "name"], name="meeting_spot_name_once"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="meeting_spot_has_room"),
        ]

    def __str__(self) -> str:
        return self.name


class SlotBooking(models.Model):
    """A 1:1 meeting one attendee (the booker) asks another (the guest) to, in one slot
    at one spot. A request already holds the slot for both and a place at the spot; a
    decline or a cancel frees them."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "waiting for an answer"
        ACCEPTED = "accepted", "booked"
        DECLINED = "declined", "declined"
        CANCELLED = "cancelled", "cancelled"

    HOLDING = (Status.REQUESTED, Status.ACCEPTED)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slot_bookings")
    spot = models.ForeignKey(MeetingSpot, on_delete=models.CASCADE, related_name="bookings")
    # Which of the spot's ``capacity`` places (1-based): unique among holding bookings,
    # so a spot never takes more meetings in one slot than it has room for.
    place = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    booker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="slot_bookings_made"
    )
    guest = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="slot_bookings_received"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("starts_at", "pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["spot", "starts_at", "place"],
                condition=Q(status__in=("requested", "accepted")),
                name="slot_booking_place_once",
            ),
            models.CheckConstraint(
                condition=~Q(booker=F("guest")), name="slot_booking_not_yourself"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="slot_booking_end_after_start"
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["event", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.booker_id} meets {self.guest_id} at {self.spot_id} {self.starts_at}"

    def other_id(self, member_id: int) -> int:
        return self.guest_id if member_id == self.booker_id else self.booker_id


class SlotHold(models.Model):
    """One person's slot taken by a holding booking: unique per person and slot, so no one
    is in two meetings at once whether they booked or were asked. Deleted when the
    booking is declined or cancelled."""

    booking = models.ForeignKey(SlotBooking, on_delete=models.CASCADE, related_name="holds")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["event", "starts_at", "member"], name="slot_hold_person_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} at {self.starts_at}"


class AttendeeInvitation(models.Model):
    """The last time an address was invited to an event by an attendee import, so one
    address is not invited to the same event twice within a day. The invitation itself is
    a signed link (:mod:`mensch.events.invitations`); nothing else is stored."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(max_length=254)
    invited_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["event", "email"], name="attendee_invitation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.email} invited to {self.event_id}"
