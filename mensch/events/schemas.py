"""Request and response shapes of the events API."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from ninja import Field, Schema


class AgendaItemOut(Schema):
    id: int
    starts_at: datetime
    title: str
    kind: str


class EventOut(Schema):
    id: int
    uid: str
    sequence: int
    status: str
    title: str
    description: str
    venue: str
    address: str
    sponsors: list[str]
    price: Decimal
    currency: str
    capacity: int
    going: int
    time_zone: str
    starts_at: datetime
    ends_at: datetime
    educational: bool
    organizer_name: str
    agenda: list[AgendaItemOut]


class FitOut(Schema):
    event: EventOut
    fit: str  # the score in words: "Strong fit", "Good fit", "Some fit" or "Not much to go on yet"
    score: float  # for ordering only: 0 or more, no upper bound (events/fit.py's weights)
    strong_matches: int
    educational: bool
    organizer_meetings_per_attendee: float | None
    reasons: list[str]
    your_rsvp: str


class EventIn(Schema):
    title: str
    description: str = ""
    venue: str = ""
    address: str = ""
    sponsors: str = ""
    price: Decimal = Decimal(0)
    currency: str = "EUR"
    capacity: int
    time_zone: str = "UTC"
    starts_at: datetime
    ends_at: datetime


class EventPatch(Schema):
    title: str | None = None
    description: str | None = None
    venue: str | None = None
    address: str | None = None
    sponsors: str | None = None
    price: Decimal | None = None
    currency: str | None = None
    capacity: int | None = None
    time_zone: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None


class AgendaItemIn(Schema):
    starts_at: datetime
    title: str
    kind: str


class RsvpIn(Schema):
    goal: str = ""
    contact_consent: bool = False
    waitlist: bool = False


class RsvpOut(Schema):
    id: int
    event_id: int
    status: str
    goal: str
    contact_consent: bool
    checked_in: bool
    goal_met: bool | None
    topic_id: int | None


class AttendeeOut(Schema):
    rsvp_id: int
    profile_id: int
    name: str
    status: str
    goal: str
    checked_in: bool


class PersonOut(Schema):
    profile_id: int
    name: str
    headline: str
    reason: str


class TopicIn(Schema):
    title: str
    side: str


class TopicOut(Schema):
    id: int
    title: str
    from_agenda: bool
    sharing: int
    learning: int


class JoinIn(Schema):
    side: str


class RoundsIn(Schema):
    rounds: int
    table_size: int
    round_minutes: int = 12
    topic_rounds: list[int] = []


class ScheduleOut(Schema):
    rounds: list[list[list[int]]]
    message: str
    table_size: int | None
    round_minutes: int
    current_round: int
    paused: bool
    seating_status: str = Field(
        description="The seating job: idle, queued, running, done or failed."
    )
    seating_progress: int = Field(description="Percent done while the job runs.")
    seating_error: str = Field(description="Why the last seating job failed, if it did.")


class ConsoleIn(Schema):
    action: str


class TablemateOut(Schema):
    profile_id: int
    name: str
    why: str


class TableOut(Schema):
    phase: str
    round_number: int
    round_count: int
    table_number: int
    tablemates: list[TablemateOut]
    prompts: list[str]
    speakers: list[str]
    current_speaker: str | None
    turn_seconds: int
    turn_remaining: int
    round_remaining: int


class TickIn(Schema):
    profile_id: int


class TickOut(Schema):
    confirmed: bool
    meeting_id: int | None


class GoalMetIn(Schema):
    met: bool


class AnalyticsOut(Schema):
    going: int
    waitlisted: int
    cancelled: int
    checked_in: int
    confirmed_meetings: int
    meetings_per_attendee: float
    goals_answered: int
    goals_met: int


class ImportIn(Schema):
    csv: str
    dry_run: bool = True
    invite: bool = Field(
        False,
        description="Email a sign-up link to every address that is no member's (at most once "
        "a day per address and event); otherwise those lines are skipped.",
    )


class ImportLineOut(Schema):
    line: int
    email: str
    name: str
    action: str
    outcome: str = Field(description="added, already going, invited, skipped or error")
    note: str = Field(description="Why a line is skipped, e.g. invited less than a day ago")
    error: str


class ImportOut(Schema):
    layout: str
    imported: int
    invited: int
    lines: list[ImportLineOut]


class ExportRowOut(Schema):
    name: str
    headline: str
    status: str
    checked_in: str
    goal: str
    email: str
