"""Which upcoming events fit a member, before they commit (or pay).

Three signals, each shown to the member in words:

* attendee fit: how many of the member's strong matches (the matching engine's
  stored recommendations) are going;
* education: the agenda has a talk or a workshop;
* the organizer's past outcomes: confirmed meetings per attendee at the
  organizer's earlier events;

plus the words the member's goals and asks share with the event's title,
description and agenda.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db import connection
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from mensch.accounts.models import User
from mensch.core import statements
from mensch.events import rows
from mensch.events.models import EARLIEST_START, Event, Rsvp, latest_start
from mensch.events.selectors import (
    ViewerProfile,
    attending_rsvps,
    open_events,
    per_attendee,
    viewer_profile,
    with_details,
)
from mensch.introductions.cooldown import still_cooling, without_cooling
from mensch.matching.models import Recommendation
from mensch.meetings.models import Meeting
from mensch.phrasing import join_words, plural

STRONG_MATCH = 0.2  # recommendation score from which a match counts as strong
# The words a member sees instead of the score, strongest first: (label, score from).
# Two strong matches going (2.0 each) make a strong fit; one, or a talk plus shared
# topics, a good one; any signal at all, some fit.
FIT_LEVELS: tuple[tuple[str, float], ...] = (
    ("Strong fit", 4.0),
    ("Good fit", 2.0),
    ("Some fit", 0.01),
)
NO_FIT = "Not much to go on yet"
WEIGHTS = {"match": 2.0, "education": 1.5, "outcome": 1.0, "word": 0.5}
_WORD = re.compile(r"[a-zà-ÿ]{4,}")
_STOP = frozenset(
    [
        "with",
        "from",
        "that",
        "this",
        "what",
        "your",
        "about",
        "have",
        "their",
        "they",
        "them",
        "more",
        "into",
        "over",
        "just",
        "some",
        "than",
        "then",
        "very",
        "also",
        "like",
        "want",
        "wants",
        "need",
        "needs",
        "looking",
        "someone",
        "people",
    ]
)


@dataclass
class EventFit:
    event: Event
    strong_matches: int = 0
    educational: bool = False
    organizer_outcome: Decimal | None = None
    shared_words: list[str] = field(default_factory=list)
    rsvp_status: str = ""

    @property
    def score(self) -> float:
        return round(
            WEIGHTS["match"] * self.strong_matches
            + (WEIGHTS["education"] if self.educational else 0.0)
            + WEIGHTS["outcome"] * float(self.organizer_outcome or 0)
            + WEIGHTS["word"] * min(len(self.shared_words), 4),
            2,
        )

    @property
    def level(self) -> str:
        """The score in words ("Strong fit"); the number itself is for ordering only."""
        for label, lowest in FIT_LEVELS:
            if self.score >= lowest:
                return label
        return NO_FIT

    @property
    def reasons(self) -> list[str]:
        out = []
        if self.strong_matches:
            verb = "is" if self.strong_matches == 1 else "are"
            out.append(
                f"{plural(self.strong_matches, 'person', 'people')} you should meet {verb} going"
            )
        if self.educational:
            out.append("teaches something (talk or workshop)")
        if self.organizer_outcome is not None:
            out.append(
                f"{self.organizer_outcome} confirmed meetings per attendee "
                "at this organizer's past events"
            )
        if self.shared_words:
            out.append("about " + join_words(self.shared_words[:4]) + " (from your goals and asks)")
        return out


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _signals(member: User, events: list[Event]) -> tuple[dict[int, int], dict[int, Decimal]]:
    """The strong matches going to each of ``events`` (by event id: the member's stored
    recommendations from ``STRONG_MATCH`` up, without anyone a declined introduction still
    keeps apart), and each organizer's past outcomes (by organizer id: confirmed meetings
    per attendee over their past published events, by the one rule in
    ``selectors.per_attendee``, summed meetings over summed attendees; organizers without
    attendees left out).

    One statement, written out: the ORM took longer to build its three queries than the
    database takes to run them. The rules stay where they are kept: which declines still
    cool (``without_cooling``) and who counts as an attendee (``attending_rsvps``) come
    as those querysets' filters, compiled, and applied here to the same tables."""
    recommendation, rsvp = statements.table(Recommendation), statements.table(Rsvp)
    event, meeting = statements.table(Event), statements.table(Meeting)
    # Both compiled once per process: the strong matches again when the day's cool-down
    # window (the only clock the rule reads) moves on.
    strong, strong_params = statements.where_for(_strong, member.pk, also=still_cooling())
    attending, attending_params = statements.where_once(attending_rsvps)
    # The organizers' past published events (written out: compiling the ORM's filter
    # cost more than the rest of the statement).
    organizer_ids = sorted({e.organizer_id for e in events})
    past = (
        f"{event}.organizer_id IN ({', '.join(['%s'] * len(organizer_ids))})"
        f" AND {event}.ends_at < %s AND {event}.status = %s"
    )
    ends_at = Event._meta.get_field("ends_at")
    past_params = [
        *organizer_ids,
        ends_at.get_db_prep_value(timezone.now(), connection, prepared=False),
        Event.Status.PUBLISHED.value,
    ]
    event_ids = [e.pk for e in events]
    # Tables from the models, values bound:
    sql = (
        f"SELECT 's', g.event_id, COUNT(*) FROM {recommendation}"  # noqa: S608
        f" INNER JOIN {rsvp} g ON g.member_id = {recommendation}.candidate_id"
        f" WHERE {strong} AND g.status = %s"
        f" AND g.event_id IN ({', '.join(['%s'] * len(event_ids))}) GROUP BY g.event_id"
        f" UNION ALL SELECT 'a', {event}.organizer_id, COUNT(*) FROM {rsvp}"
        f" INNER JOIN {event} ON {event}.id = {rsvp}.event_id"
        f" WHERE {attending} AND {past} GROUP BY {event}.organizer_id"
        f" UNION ALL SELECT 'm', {event}.organizer_id, COUNT(*) FROM {meeting}"
        f" INNER JOIN {event} ON {event}.id = {meeting}.event_id"
        f" WHERE {past} GROUP BY {event}.organizer_id"
    )
    params = [
        *strong_params,
        Rsvp.Status.GOING.value,
        *event_ids,
        *attending_params,
        *past_params,
        *past_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    counts: dict[str, dict[int, int]] = {"s": {}, "a": {}, "m": {}}
    for kind, key, n in found:
        counts[kind][key] = n
    attendees, meetings = counts["a"], counts["m"]
    outcomes = {
        organizer: per_attendee(meetings.get(organizer, 0), n)
        for organizer, n in attendees.items()
        if n
    }
    return counts["s"], outcomes


def _strong(member_id: int) -> QuerySet[Recommendation]:
    """The member's strong matches, without anyone a declined introduction still keeps
    apart."""
    return without_cooling(
        Recommendation.objects.filter(member_id=member_id, score__gte=STRONG_MATCH),
        member_id,
        "candidate_id",
    )


def events_for_member(member: User, *, event_id: int | None = None) -> list[EventFit]:
    """Upcoming published events, best fit first (or only the one with ``event_id``)."""
    upcoming = open_events(member)
    if event_id is not None:
        upcoming = upcoming.filter(pk=event_id)
    # The member's own RSVP status comes with each event (one RSVP per member and event).
    own_status = Rsvp.objects.filter(event=OuterRef("pk"), member_id=member.pk).values("status")
    events: list[Event] = list(
        with_details(upcoming)
        .annotate(own_rsvp_status=Subquery(own_status[:1]))
        .order_by("starts_at", "pk")
    )
    if not events:
        return []
    statuses = {
        e.pk: e.own_rsvp_status  # type: ignore[attr-defined]
        for e in events
        if e.own_rsvp_status is not None  # type: ignore[attr-defined]
    }
    return _fits(member, events, statuses)


def _fits(
    member: User,
    events: list[Event],
    statuses: dict[int, str],
    mine: ViewerProfile | None = None,
    agenda: dict[int, list[str]] | None = None,
) -> list[EventFit]:
    """The fits of ``events`` (open, loaded by ``with_details``), best first;
    ``statuses`` is the member's RSVP status by event id, ``mine`` their profile when the
    caller has read it already, ``agenda`` each event's agenda titles by event id when
    the caller has read them (else the prefetched agenda is read)."""
    # Someone a decline keeps apart is nobody this member "should meet".
    strong, outcomes = _signals(member, events)
    wanted = _wanted_words(mine if mine is not None else viewer_profile(member))
    fits = []
    for event in events:
        titles = (
            agenda.get(event.pk, [])
            if agenda is not None
            else [item.title for item in event.agenda.all()]
        )
        text = " ".join([event.title, event.description, *titles])
        fits.append(
            EventFit(
                event=event,
                strong_matches=strong.get(event.pk, 0),
                educational=bool(getattr(event, "educational", False)),  # from with_details
                organizer_outcome=outcomes.get(event.organizer_id),
                shared_words=sorted(wanted & _words(text)),
                rsvp_status=statuses.get(event.pk, ""),
            )
        )
    return sorted(fits, key=lambda f: (-f.score, f.event.starts_at, f.event.pk))


def listed_fits(member: User) -> list[EventFit]:
    """``events_for_member(member)`` for the events list, read as plain rows
    (``rows.open_event_rows``) instead of through the ORM."""
    events, statuses, agenda = rows.open_event_rows(member)
    if not events:
        return []
    return _fits(member, events, statuses, agenda=agenda)


def _wanted_words(mine: ViewerProfile) -> set[str]:
    """The words of the member's goals and asks (none without a profile)."""
    if not mine.exists:
        return set()
    return _words(" ".join([mine.goals, *mine.asks]))


def _is_open(member: User, event: Event, now: datetime) -> bool:
    """``event`` (one the member may see) is in ``open_events(member)``: the same rule,
    applied to the row in hand instead of asked of the database."""
    latest = latest_start(now)
    visible = (
        event.status in (Event.Status.PUBLISHED, Event.Status.CANCELLED)
        and EARLIEST_START <= event.starts_at <= latest
    ) or event.organizer_id == member.pk
    return (
        visible
        and event.status == Event.Status.PUBLISHED
        and event.ends_at >= now
        and event.starts_at <= latest
    )


def event_fit(
    member: User,
    event: Event,
    *,
    rsvp_status: str | None = None,
    mine: ViewerProfile | None = None,
    agenda_titles: list[str] | None = None,
) -> EventFit | None:
    """The fit of one upcoming event, as the events list shows it (None when it is not
    open to the member): computed for that event alone, not for every open one.

    An event loaded by ``selectors.event_for_viewer`` (``with_details``: agenda and
    annotations in hand) is not read again; ``rsvp_status`` is the member's RSVP status
    there ("" for none) and ``mine`` the member's profile, when the caller has already
    read them. An event read by ``rows.event_page`` comes with its ``agenda_titles``."""
    loaded = hasattr(event, "educational") and (
        agenda_titles is not None or "agenda" in getattr(event, "_prefetched_objects_cache", {})
    )
    if not loaded:
        fits = events_for_member(member, event_id=event.pk)
        return fits[0] if fits else None
    if not _is_open(member, event, timezone.now()):
        return None
    if rsvp_status is None:
        rsvp_status = (
            Rsvp.objects.filter(member=member, event_id=event.pk)
            .values_list("status", flat=True)
            .first()
            or ""
        )
    statuses = {event.pk: rsvp_status} if rsvp_status else {}
    agenda = {event.pk: agenda_titles} if agenda_titles is not None else None
    return _fits(member, [event], statuses, mine, agenda)[0]
