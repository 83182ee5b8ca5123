"""What each event returned: outcomes traced back to the event where people first met.

For one member: confirmed meetings at the event, connections made there,
follow-ups done with people met there, and referrals and business closed with
people *first* met there, against the ticket, travel and hours it cost.
For an organizer: the same counts summed over the attendees of their events
(counts only, nothing private), by format.

Every figure comes from its one definition, shared with every other page and API route
that shows it:

* attendees and confirmed meetings per attendee: ``events.selectors.attending_rsvps``
  and ``events.selectors.per_attendee``;
* confirmed meetings: ``Meeting`` rows (a pair that met counts once);
* connections made at an event: ``events.selectors.connections_made``;
* business closed and business credited: ``ledger.selectors.Business``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.events.models import Event
from mensch.events.selectors import (
    attendee_totals,
    connections_made,
    per_attendee,
    visible_events,
)
from mensch.goals import roi_reads
from mensch.goals.attendance import event_formats
from mensch.goals.models import EventCost
from mensch.ledger.charts import BarChart, LineChart, bar_chart, line_chart
from mensch.ledger.models import EntryKind, LedgerEntry
from mensch.ledger.selectors import COUNTED, Business, closed_business
from mensch.meetings.models import Meeting


@dataclass
class EventOutcome:
    event: Event
    cost: EventCost | None = None
    meetings: int = 0
    connections: int = 0
    followups_done: int = 0
    referrals_received: int = 0
    referrals_given: int = 0
    money: Business = field(default_factory=Business)

    @property
    def business(self) -> dict[str, Decimal]:
        """Business the member closed (``ledger.selectors.Business.closed``)."""
        return self.money.closed

    @property
    def credited(self) -> dict[str, Decimal]:
        """Business credited to the member (``ledger.selectors.Business.credited``)."""
        return self.money.credited

    @property
    def deals(self) -> int:
        return self.money.deals

    @property
    def relationships(self) -> int:
        """Everything that is a relationship moving: the numerator of "per hour"."""
        return (
            self.meetings
            + self.connections
            + self.followups_done
            + self.referrals_received
            + self.referrals_given
            + self.deals
        )

    @property
    def hours(self) -> Decimal:
        return self.cost.hours if self.cost is not None else Decimal(0)

    @property
    def per_hour(self) -> Decimal | None:
        return (
            (Decimal(self.relationships) / self.hours).quantize(Decimal("0.01"))
            if self.hours
            else None
        )

    def business_in(self, currency: str) -> Decimal:
        return self.business.get(currency, Decimal(0))

    def cost_in(self, currency: str) -> Decimal:
        if self.cost is None or self.cost.currency != currency:
            return Decimal(0)
        return self.cost.total


@dataclass(frozen=True)
class Roi:
    outcomes: list[EventOutcome]
    currency: str
    best_per_hour: list[EventOutcome]
    outcomes_chart: BarChart | None
    money_chart: BarChart | None
    over_time: LineChart | None

    @property
    def total_hours(self) -> Decimal:
        return sum((o.hours for o in self.outcomes), Decimal(0))

    @property
    def total_business(self) -> Decimal:
        """Business the member closed, in the main currency only (the money chart's)."""
        return sum((o.business_in(self.currency) for o in self.outcomes), Decimal(0))

    @property
    def business(self) -> Business:
        """Business closed and credited over every event, in every currency: the sum of
        what each event's page shows."""
        total = Business()
        for outcome in self.outcomes:
            total.merge(outcome.money)
        return total

    @property
    def total_cost(self) -> Decimal:
        return sum((o.cost_in(self.currency) for o in self.outcomes), Decimal(0))


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def first_met_events(meetings: list[Meeting], member_id: int) -> dict[int, int | None]:
    """Other member id → the event of the first confirmed meeting with them (None: not at one)."""
    first: dict[int, Meeting] = {}
    for meeting in sorted(meetings, key=lambda m: (m.met_on, m.pk)):
        first.setdefault(meeting.other(member_id), meeting)
    return {other: meeting.event_id for other, meeting in first.items()}


def _main_currency(costs: list[EventCost], entries: list[LedgerEntry]) -> str:
    counts = Counter(c.currency for c in costs)
    counts.update(e.currency for e in entries if e.currency)
    return counts.most_common(1)[0][0] if counts else "EUR"


def roi_of(member: User) -> Roi:
    facts = roi_reads.facts_of(member)
    meetings = facts.meetings
    # The events attended (``goals.attendance.attended_event_ids``) and those with a cost.
    event_ids = {m.event_id for m in meetings if m.event_id is not None} | facts.attended
    event_ids |= set(facts.costs)
    events = roi_reads.events_of(member, event_ids)
    costs = facts.costs
    outcomes = {e.pk: EventOutcome(e, costs.get(e.pk)) for e in events}
    for meeting in meetings:
        outcome = outcomes.get(meeting.event_id) if meeting.event_id is not None else None
        if outcome is None:
            continue
        outcome.meetings += 1
    # The member's connections, read once for two figures: those made at each event (the
    # rule of ``events.selectors.connections_made``: the event is the connection's source)
    # and when each was made (the chart's "new connections").
    connections = facts.connections
    for _, source, source_id in connections:
        if source == Connection.Source.EVENT and source_id in outcomes:
            outcomes[source_id].connections += 1
    met_at = first_met_events(meetings, member.pk)
    for other_id, met_event_id in facts.followups_done:
        # The contact record says where we met; for members, the first meeting does too.
        event_id = met_event_id or (met_at.get(other_id) if other_id is not None else None)
        if event_id in outcomes:
            outcomes[event_id].followups_done += 1
    entries = facts.entries
    connected_on = [created_at for created_at, _, _ in connections]
    for entry in entries:
        other_id = entry.receiver_id if entry.giver_id == member.pk else entry.giver_id
        met_event_id = met_at.get(other_id) if other_id is not None else None
        outcome = outcomes.get(met_event_id) if met_event_id is not None else None
        if outcome is None:
            continue
        received = entry.receiver_id == member.pk
        if entry.kind == EntryKind.REFERRAL:
            if received:
                outcome.referrals_received += 1
            else:
                outcome.referrals_given += 1
        outcome.money.add(entry, member.pk)
    ordered = list(outcomes.values())
    currency = _main_currency(list(costs.values()), entries)
    return Roi(
        outcomes=ordered,
        currency=currency,
        best_per_hour=sorted(
            (o for o in ordered if o.per_hour is not None),
            key=lambda o: (o.per_hour, o.business_in(currency)),
            reverse=True,
        ),
        outcomes_chart=_outcomes_chart(ordered),
        money_chart=_money_chart(ordered, currency),
        over_time=_over_time(meetings, connected_on, ordered),
    )


def _label(event: Event) -> str:
    return f"{event.title} ({timezone.localdate(event.starts_at):%d %b})"


def _outcomes_chart(outcomes: list[EventOutcome]) -> BarChart | None:
    if not outcomes:
        return None
    return bar_chart(
        title="What each event returned",
        labels=[_label(o.event) for o in outcomes],
        series=[
            ("Confirmed meetings", "outcomes", [float(o.meetings) for o in outcomes]),
            ("Connections", "given", [float(o.connections) for o in outcomes]),
            (
                "Referrals and deals",
                "received",
                [float(o.referrals_received + o.referrals_given + o.deals) for o in outcomes],
            ),
        ],
    )


def _money_chart(outcomes: list[EventOutcome], currency: str) -> BarChart | None:
    if not any(o.business_in(currency) or o.cost_in(currency) for o in outcomes):
        return None
    return bar_chart(
        title=f"Business closed against cost, in {currency}",
        labels=[_label(o.event) for o in outcomes],
        series=[
            (
                f"Business closed ({currency})",
                "value",
                [float(o.business_in(currency)) for o in outcomes],
            ),
            (f"Cost ({currency})", "cost", [float(o.cost_in(currency)) for o in outcomes]),
        ],
    )


def _over_time(
    meetings: list[Meeting], connected_on: list[datetime], outcomes: list[EventOutcome]
) -> LineChart | None:
    if not meetings:
        return None
    today = timezone.localdate()
    months: list[tuple[int, int]] = []
    year, month = today.year, today.month
    for _ in range(12):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    months.reverse()
    met: dict[tuple[int, int], int] = defaultdict(int)
    connected: dict[tuple[int, int], int] = defaultdict(int)
    for meeting in meetings:
        met[(meeting.met_on.year, meeting.met_on.month)] += 1
    for moment in connected_on:  # new connections, as the "new connections" goal counts
        day = timezone.localdate(moment)
        connected[(day.year, day.month)] += 1
    hours: dict[tuple[int, int], float] = defaultdict(float)
    for outcome in outcomes:
        when = timezone.localdate(outcome.event.starts_at)
        hours[(when.year, when.month)] += float(outcome.hours)
    return line_chart(
        title="Month by month",
        labels=[date(y, m, 1).strftime("%b %Y") for y, m in months],
        series=[
            ("Confirmed meetings", "outcomes", [float(met[k]) for k in months]),
            ("Connections", "given", [float(connected[k]) for k in months]),
            ("Hours at events", "cost", [hours[k] for k in months]),
        ],
    )


def event_outcome(*, member: User, event_id: int) -> EventOutcome:
    """One attended event's outcome; DoesNotExist for an event the member did not attend."""
    for outcome in roi_of(member).outcomes:
        if outcome.event.pk == event_id:
            return outcome
    raise Event.DoesNotExist


# Organizers ---------------------------------------------------------------------


@dataclass
class OrganizerRow:
    event: Event
    format: str
    educational: bool
    attendees: int = 0
    meetings: int = 0
    connections: int = 0
    referrals: int = 0
    deals: int = 0


@dataclass
class FormatRow:
    format: str
    educational: bool
    events: int = 0
    attendees: int = 0
    meetings: int = 0
    connections: int = 0
    referrals: int = 0
    deals: int = 0

    @property
    def meetings_per_attendee(self) -> Decimal:
        return per_attendee(self.meetings, self.attendees)


@dataclass(frozen=True)
class OrganizerReport:
    events: list[OrganizerRow]
    formats: list[FormatRow]
    chart: BarChart | None


def organizer_report(organizer: User) -> OrganizerReport:
    """Counts over the attendees of the organizer's events that have begun (drafts never
    do); no names, no values. Attendees and meetings per attendee follow the events app's
    one rule (``events.selectors.attending_rsvps`` and ``per_attendee``)."""
    held = (
        visible_events(organizer)
        .filter(organizer=organizer, starts_at__lte=timezone.now())
        .exclude(status=Event.Status.DRAFT)
    )
    events = list(held.order_by("starts_at", "pk"))
    ids = [e.pk for e in events]
    formats = event_formats(events)
    rows = {e.pk: OrganizerRow(e, *formats[e.pk]) for e in events}
    for event_id, attendees in attendee_totals(held).items():
        rows[event_id].attendees = attendees
    at_event = list(Meeting.objects.filter(event_id__in=ids))
    pairs = {_pair(m.member_low_id, m.member_high_id) for m in at_event}
    members = {member for pair in pairs for member in pair}
    # The first meeting of every pair decides where a later referral "came from".
    first: dict[tuple[int, int], Meeting] = {}
    for meeting in Meeting.objects.filter(
        member_low_id__in=members, member_high_id__in=members
    ).order_by("met_on", "pk"):
        first.setdefault((meeting.member_low_id, meeting.member_high_id), meeting)
    for meeting in at_event:
        if meeting.event_id is None:  # not possible: filtered by event above
            continue
        rows[meeting.event_id].meetings += 1
    for event_id, made in connections_made(ids).items():
        rows[event_id].connections = made
    for entry in LedgerEntry.objects.filter(
        giver_id__in=members, receiver_id__in=members, status__in=COUNTED
    ).only("giver_id", "receiver_id", "kind", "status", "value"):
        if entry.giver_id is None or entry.receiver_id is None:
            continue
        origin = first.get(_pair(entry.giver_id, entry.receiver_id))
        if origin is None or origin.event_id is None or origin.event_id not in rows:
            continue
        row = rows[origin.event_id]
        if entry.kind == EntryKind.REFERRAL:
            row.referrals += 1
        if closed_business(entry):
            row.deals += 1
    by_format: dict[tuple[str, bool], FormatRow] = {}
    for row in rows.values():
        group = by_format.setdefault(
            (row.format, row.educational), FormatRow(row.format, row.educational)
        )
        group.events += 1
        group.attendees += row.attendees
        group.meetings += row.meetings
        group.connections += row.connections
        group.referrals += row.referrals
        group.deals += row.deals
    ordered = list(rows.values())
    chart = (
        bar_chart(
            title="Relationships per event",
            labels=[_label(r.event) for r in ordered],
            series=[
                ("Confirmed meetings", "outcomes", [float(r.meetings) for r in ordered]),
                ("Connections", "given", [float(r.connections) for r in ordered]),
                ("Referrals", "received", [float(r.referrals) for r in ordered]),
            ],
        )
        if ordered
        else None
    )
    return OrganizerReport(ordered, sorted(by_format.values(), key=lambda f: f.format), chart)
