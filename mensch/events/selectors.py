"""Reads about events that pages and the API share."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.core import statements
from mensch.events.models import (
    EARLIEST_START,
    AgendaItem,
    Event,
    Rsvp,
    Seat,
    Topic,
    latest_start,
)
from mensch.matching.models import Recommendation
from mensch.matching.selectors import not_suggested
from mensch.meetings.models import Meeting, MeetingTick
from mensch.profiles.models import Ask, Offer, Profile
from mensch.profiles.selectors import visible_profiles

WHO_TO_MEET = 5
ONE_PLACE = Decimal("0.1")


def with_details(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """Agenda, the organizer and seat counts, in a fixed number of queries."""
    return (
        queryset.select_related("organizer")
        .prefetch_related(Prefetch("agenda", queryset=AgendaItem.objects.order_by("starts_at")))
        .annotate(
            going=Count("rsvps", filter=Q(rsvps__status=Rsvp.Status.GOING), distinct=True),
            educational=Exists(
                AgendaItem.objects.filter(event=OuterRef("pk"), kind__in=AgendaItem.EDUCATIONAL)
            ),
        )
    )


# -- who may see an event ------------------------------------------------------------
#
# The one rule. Every page, API route, chat and calendar path that reads an event goes
# through ``visible_events`` (or ``event_for_viewer``/``open_events``, built on it); nothing
# else filters events by status to decide who may see them.


def visible_events(viewer: User) -> QuerySet[Event]:
    """The events ``viewer`` may see: published and cancelled events (a cancelled event
    stays readable so people learn it is off), for every member; drafts, for their
    organizer only."""
    # Outside the range events may be set in (only a row written around the services can
    # be), an event is its organizer's to fix, and no one else's to see.
    in_range = Q(starts_at__gte=EARLIEST_START, starts_at__lte=latest_start())
    return Event.objects.filter(
        (Q(status__in=(Event.Status.PUBLISHED, Event.Status.CANCELLED)) & in_range)
        | Q(organizer_id=viewer.pk)
    )


def event_for_viewer(*, viewer: User, event_id: int) -> Event:
    """An event the viewer may read. Raises Event.DoesNotExist otherwise."""
    return with_details(visible_events(viewer)).get(pk=event_id)


def open_events(viewer: User) -> QuerySet[Event]:
    """Visible events that take RSVPs: published and not over yet, starting within the
    range events may be set in (a row written around the services with a start in year
    9999 must not break the event list, the organizer's own included)."""
    now = timezone.now()
    return visible_events(viewer).filter(
        status=Event.Status.PUBLISHED, ends_at__gte=now, starts_at__lte=latest_start(now)
    )


def organized_event(*, actor: User, event_id: int) -> Event:
    """The actor's own event: 403 for members who are not organizers, 404 for an event of
    another organizer (they cannot tell it from one that does not exist)."""
    if not actor.is_authenticated or not actor.is_organizer:
        raise PermissionDenied("Only the event's organizer can do this.")
    return with_details(visible_events(actor).filter(organizer=actor)).get(pk=event_id)


def organized_events(actor: User) -> QuerySet[Event]:
    return with_details(visible_events(actor).filter(organizer=actor)).order_by("-starts_at", "-pk")


def own_rsvp(*, member: User, event: Event) -> Rsvp | None:
    return Rsvp.objects.filter(event=event, member=member).select_related("topic").first()


def is_going(*, member: User, event: Event) -> bool:
    """The member holds a seat (RSVP "going"): what the table page and the chat ask."""
    return Rsvp.objects.filter(event=event, member=member, status=Rsvp.Status.GOING).exists()


def going_member_ids(event: Event) -> set[int]:
    return set(
        Rsvp.objects.filter(event=event, status=Rsvp.Status.GOING).values_list(
            "member_id", flat=True
        )
    )


def guest_list(event: Event) -> QuerySet[Rsvp]:
    """Everyone on the list (going and waitlisted), for the organizer."""
    return (
        event.rsvps.exclude(status=Rsvp.Status.CANCELLED)
        .select_related("member__profile", "topic")
        .order_by("status", "created_at", "pk")
    )


def going_profiles(event: Event) -> QuerySet[Profile]:
    return Profile.objects.filter(
        user__rsvps__event=event, user__rsvps__status=Rsvp.Status.GOING, user__is_active=True
    ).select_related("user")


def topics_of(event: Event) -> QuerySet[Topic]:
    return event.topics.annotate(
        sharing=Count("rsvps", filter=Q(rsvps__topic_side=Rsvp.Side.SHARE)),
        learning=Count("rsvps", filter=Q(rsvps__topic_side=Rsvp.Side.LEARN)),
    ).order_by("created_at", "pk")


# -- who to meet here ----------------------------------------------------------------


@dataclass(frozen=True)
class ViewerProfile:
    """What the event page reads of the viewer's own profile, in one query: the industry
    and city ``who_to_meet`` compares, the goals and asks the fit reads (``exists`` is
    False for a member without a profile: then all of it is empty)."""

    exists: bool
    industry: str = ""
    location: str = ""
    goals: str = ""
    asks: tuple[str, ...] = ()


def viewer_profile(viewer: User) -> ViewerProfile:
    # One statement, written out: building the ORM's join cost more than running it.
    profile, ask = statements.table(Profile), statements.table(Ask)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.industry, p.location, p.goals, a.text FROM {profile} p"  # noqa: S608
            f" LEFT OUTER JOIN {ask} a ON a.profile_id = p.id WHERE p.user_id = %s"
            " ORDER BY a.position, a.id",
            [viewer.pk],
        )
        rows = cursor.fetchall()
    if not rows:
        return ViewerProfile(exists=False)
    industry, location, goals, _ = rows[0]
    return ViewerProfile(
        True, industry, location, goals, tuple(text for *_, text in rows if text is not None)
    )


@dataclass(frozen=True)
class PersonToMeet:
    profile: Profile
    reason: str
    score: float


def who_to_meet(
    *, viewer: User, event: Event, top: int = WHO_TO_MEET, mine: ViewerProfile | None = None
) -> list[PersonToMeet]:
    """The viewer's best matches among the attendees (the viewer need not be going yet).

    The one answer to "who should I meet": the viewer's stored recommendations (the
    matching worker's last run, ``matching.Recommendation``) of members going to the
    event, best score first, with blocks either way and declined introductions that
    still cool (``introductions.cooldown``) left out in the same query. Where none of the
    viewer's recommendations is going (a new member the worker has not reached yet),
    attendees who share the viewer's industry or city. Never an engine fit per request:
    two queries, whatever the attendance and whichever answer it is (the viewer's
    industry and city, then the attendees with their stored recommendation, if any, and
    the alike ones, recommended first: the alike ones only count when none is).

    The second is one statement, written out: the ORM took longer to build it than
    PostgreSQL takes to run it (and planning its subqueries, longer than running it). The
    rules stay where they are kept: who is visible (``visible_profiles``), which declines
    still cool (``still_cooling``) and what "the same industry or city" means (the
    ``iexact`` lookup) come as those querysets' filters, compiled, and applied here to the
    same tables.
    """
    if mine is None:  # ``mine``: the viewer's profile when the caller has read it already
        mine = viewer_profile(viewer)
    industry = city = ""
    if mine.exists:  # without a profile, nobody is alike
        industry, city = mine.industry.strip(), mine.location.strip()
    rows = _attendees_to_meet(viewer.pk, event.pk, industry, city, top)
    found = []
    for profile_id, user_id, headline, industry_of, location_of, *rest in rows:
        first_name, last_name, score, reason = rest
        profile = statements.instance(
            Profile,
            id=profile_id,
            user_id=user_id,
            headline=headline,
            industry=industry_of,
            location=location_of,
        )
        profile.user = statements.instance(
            User, id=user_id, first_name=first_name, last_name=last_name
        )
        found.append((profile, score, reason))
    if any(score is not None for _, score, _ in found):
        return [PersonToMeet(p, reason, score) for p, score, reason in found if score is not None]
    return [PersonToMeet(p, _alike_reason(p, industry, city), 0.0) for p, _, _ in found]


@functools.lru_cache(maxsize=512)
def _alike_rule(industry: str, city: str, alias: str, vendor: str) -> tuple[str, tuple[Any, ...]]:
    """Profiles in ``industry`` or ``city`` (the ``iexact`` lookup: what "the same" means
    here) as SQL, compiled once per process, database and pair (few pairs recur)."""
    del alias, vendor  # the cache's key
    alike = Q()
    if industry:
        alike |= Q(industry__iexact=industry)
    if city:
        alike |= Q(location__iexact=city)
    sql, params = statements.where(Profile.objects.filter(alike))
    return sql, tuple(params)


def _attendees_to_meet(
    viewer_id: int, event_id: int, industry: str, city: str, top: int
) -> list[tuple[Any, ...]]:
    """The first ``top`` attendees of the event the viewer may be suggested (not the
    viewer, visible, no block either way, no decline that still cools) who are either
    recommended to the viewer or in the viewer's ``industry`` or ``city`` (neither:
    nobody is alike):
    recommended first, best score first (then rank, then member), the alike ones after
    them by name. Each row: the profile's id, user id, headline, industry and location,
    the member's names, and the recommendation's score and reason (None if not
    recommended)."""
    rsvp, profile, user = statements.table(Rsvp), statements.table(Profile), statements.table(User)
    recommendation = statements.table(Recommendation)
    visible, visible_params = statements.where_once(visible_profiles)
    member = "g.member_id"
    # Everyone the viewer must not be suggested: blocks either way, declines that cool.
    excluded, excluded_params = not_suggested(viewer_id, connected=False)
    wanted_params: list[Any]
    wanted, wanted_params = "r.id IS NOT NULL", []
    if industry or city:
        alike_sql, alike_params = _alike_rule(industry, city, connection.alias, connection.vendor)
        wanted, wanted_params = f"({wanted} OR {alike_sql})", list(alike_params)
    # Tables from the models, values bound:
    sql = (
        f"SELECT {profile}.id, {member}, {profile}.headline, {profile}.industry,"  # noqa: S608
        f" {profile}.location, {user}.first_name, {user}.last_name, r.score, r.reason"
        f" FROM {rsvp} g"
        f" INNER JOIN {profile} ON {profile}.user_id = {member}"
        f" INNER JOIN {user} ON {user}.id = {member}"
        f" LEFT OUTER JOIN {recommendation} r"
        f" ON r.member_id = %s AND r.candidate_id = {member}"
        f" WHERE g.event_id = %s AND g.status = %s AND {member} <> %s AND {visible}"
        f" AND {member} NOT IN ({excluded}) AND {wanted}"
        " ORDER BY r.score DESC NULLS LAST, r.rank ASC NULLS LAST,"
        f" CASE WHEN r.id IS NOT NULL THEN {member} END ASC NULLS LAST,"
        f" {user}.first_name ASC, {user}.last_name ASC, {profile}.id ASC"
        " LIMIT %s"
    )
    params = [
        viewer_id,
        event_id,
        Rsvp.Status.GOING.value,
        viewer_id,
        *visible_params,
        *excluded_params,
        *wanted_params,
        top,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _alike_reason(profile: Profile, industry: str, city: str) -> str:
    """Why an attendee in the viewer's industry or city is suggested (the cheap answer
    before the worker has stored the viewer's recommendations)."""
    same = []
    if industry and profile.industry.strip().lower() == industry.lower():
        same.append(f"you both work in {industry}")
    if city and profile.location.strip().lower() == city.lower():
        same.append(f"you are both in {city}")
    reason = " and ".join(same) + "."
    return reason[0].upper() + reason[1:]


# -- after the event ---------------------------------------------------------------


@dataclass(frozen=True)
class TickCandidate:
    profile: Profile
    tablemate: bool
    ticked: bool
    confirmed: bool


def tick_candidates(*, member: User, event: Event, query: str = "") -> list[TickCandidate]:
    """Whom the member may say they met: tablemates first, then other attendees by name."""
    my_tables = Seat.objects.filter(event=event, member=member).values_list(
        "round_number", "table_number"
    )
    tablemates: set[int] = set()
    for round_number, table_number in my_tables:
        tablemates.update(
            Seat.objects.filter(
                event=event, round_number=round_number, table_number=table_number
            ).values_list("member_id", flat=True)
        )
    tablemates.discard(member.pk)
    profiles = going_profiles(event).exclude(user=member)
    if query:
        for term in query.split()[:4]:
            profiles = profiles.filter(
                Q(user__first_name__icontains=term) | Q(user__last_name__icontains=term)
            )
    elif tablemates:
        profiles = profiles.filter(user_id__in=tablemates)
    ticked = set(
        MeetingTick.objects.filter(member=member, event=event).values_list("other_id", flat=True)
    )
    confirmed = {
        m.other(member.pk)
        for m in Meeting.objects.filter(Q(member_low=member) | Q(member_high=member), event=event)
    }
    rows = [
        TickCandidate(p, p.user_id in tablemates, p.user_id in ticked, p.user_id in confirmed)
        for p in profiles.order_by("user__first_name", "user__last_name", "pk")[:50]
    ]
    return sorted(rows, key=lambda row: not row.tablemate)


def event_meetings_of(*, member: User, event: Event) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        Q(member_low=member) | Q(member_high=member), event=event
    ).select_related("member_low__profile", "member_high__profile")


# -- attendees and meetings per attendee ------------------------------------------------
#
# The one rule, used by the event page, the organizer's manage page and analytics API,
# the fit ranking, and goals' ROI pages, API routes and exports. Nothing else counts
# attendees or divides meetings by them.


def attending_rsvps() -> QuerySet[Rsvp]:
    """Who counts as an attendee of an event.

    An attendee holds an RSVP "going" (waitlisted and cancelled RSVPs do not count) to
    an event that was not cancelled. Once the organizer has checked anyone in at that
    event, only the people checked in count: the door list is then the better record.
    A confirmed meeting does not make someone an attendee on its own; it needs both
    people going (``services.event_meeting_tick``).
    """
    checked_in_there = Rsvp.objects.filter(event=OuterRef("event"), checked_in_at__isnull=False)
    return (
        Rsvp.objects.filter(status=Rsvp.Status.GOING)
        .exclude(event__status=Event.Status.CANCELLED)
        .filter(Q(checked_in_at__isnull=False) | ~Exists(checked_in_there))
    )


def per_attendee(meetings: int, attendees: int) -> Decimal:
    """The one rounding rule for "confirmed meetings per attendee".

    Every confirmed meeting involves two attendees, so it counts once for each:
    ``2 × meetings / attendees``, to one decimal place, halves rounded up; 0.0 with no
    attendees. Sums over several events divide the summed meetings by the summed
    attendees.
    """
    if not attendees:
        return Decimal("0.0")
    return (Decimal(2 * meetings) / Decimal(attendees)).quantize(ONE_PLACE, ROUND_HALF_UP)


def connections_made(event_ids: Iterable[int], member: User | None = None) -> dict[int, int]:
    """Connections made at each event, by event id (events without one are left out).

    The one definition of "connections made" at an event, used by the member's and the
    organizer's ROI pages, their API routes and exports, and goals limited to an event.
    A connection made at an event is a ``Connection`` whose source is that event: both
    people in a confirmed meeting there said "follow up", and they were not connected
    already (a pair is connected once, so it counts once, whoever answered last).
    With ``member``: only that member's connections.
    """
    ids = list(event_ids)
    connections = Connection.objects.filter(source=Connection.Source.EVENT, source_id__in=ids)
    if member is not None:
        connections = connections.filter(Q(member_low=member) | Q(member_high=member))
    return dict(connections.values_list("source_id").annotate(n=Count("pk")).order_by())


@dataclass(frozen=True)
class Attendance:
    """An event's (or a group of events') attendees and confirmed meetings.

    Confirmed meetings: ``Meeting`` rows at the event, each a pair both sides confirmed,
    so a pair that met counts once (not once per side).
    """

    attendees: int = 0
    meetings: int = 0

    @property
    def meetings_per_attendee(self) -> Decimal:
        return per_attendee(self.meetings, self.attendees)


def attendee_totals(events: QuerySet[Event], key: str = "pk") -> dict[int, int]:
    """Attendees of ``events`` summed by ``key`` (an Event field such as ``"pk"`` or
    ``"organizer_id"``), in one query whatever the number of events."""
    return dict(
        attending_rsvps()
        .filter(event__in=events)
        .values_list(f"event__{key}")
        .annotate(n=Count("pk"))
        .order_by()
    )


def attendance_by(events: QuerySet[Event], key: str = "pk") -> dict[int, Attendance]:
    """Attendees and confirmed meetings of ``events``, summed by ``key`` as in
    ``attendee_totals``, in two queries."""
    attendees = attendee_totals(events, key)
    meetings = dict(
        Meeting.objects.filter(event__in=events)
        .values_list(f"event__{key}")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        group: Attendance(attendees.get(group, 0), meetings.get(group, 0))
        for group in attendees.keys() | meetings.keys()
    }


def attendance_of(event: Event) -> Attendance:
    """The event's attendees and confirmed meetings, in two queries."""
    return attendance_by(Event.objects.filter(pk=event.pk)).get(event.pk, Attendance())


def attended_event_ids(member: User) -> set[int]:
    """Events the member attended by the rule above that have begun (or checked them in)."""
    return set(
        attending_rsvps()
        .filter(member=member)
        .filter(Q(event__starts_at__lte=timezone.now()) | Q(checked_in_at__isnull=False))
        .values_list("event_id", flat=True)
    )


# -- organizer analytics -----------------------------------------------------------


@dataclass(frozen=True)
class EventAnalytics:
    going: int
    waitlisted: int
    cancelled: int
    checked_in: int
    confirmed_meetings: int
    meetings_per_attendee: Decimal
    goals_answered: int
    goals_met: int
    attendees: int

    @property
    def attendance_rate(self) -> int:
        return round(100 * self.checked_in / self.going) if self.going else 0

    @property
    def goals_met_rate(self) -> int:
        return round(100 * self.goals_met / self.goals_answered) if self.goals_answered else 0


def event_analytics(event: Event) -> EventAnalytics:
    """Counts only: nobody's goal text or contacts."""
    counts = event.rsvps.aggregate(
        going=Count("pk", filter=Q(status=Rsvp.Status.GOING)),
        waitlisted=Count("pk", filter=Q(status=Rsvp.Status.WAITLISTED)),
        cancelled=Count("pk", filter=Q(status=Rsvp.Status.CANCELLED)),
        checked_in=Count("pk", filter=Q(status=Rsvp.Status.GOING, checked_in_at__isnull=False)),
        goals_answered=Count("pk", filter=Q(status=Rsvp.Status.GOING, goal_met__isnull=False)),
        goals_met=Count("pk", filter=Q(status=Rsvp.Status.GOING, goal_met=True)),
    )
    attendance = attendance_of(event)
    return EventAnalytics(
        **counts,
        confirmed_meetings=attendance.meetings,
        meetings_per_attendee=attendance.meetings_per_attendee,
        attendees=attendance.attendees,
    )


def upcoming_for_member(member: User, limit: int = 3) -> list[Rsvp]:
    return list(
        Rsvp.objects.filter(
            member=member,
            status__in=(Rsvp.Status.GOING, Rsvp.Status.WAITLISTED),
            event__in=open_events(member),
        )
        .select_related("event")
        .order_by("event__starts_at")[:limit]
    )


def profile_items(profile_ids: list[int]) -> tuple[dict[int, list[Ask]], dict[int, list[Offer]]]:
    asks: dict[int, list[Ask]] = {}
    offers: dict[int, list[Offer]] = {}
    for ask in Ask.objects.filter(profile_id__in=profile_ids).order_by("position", "pk"):
        asks.setdefault(ask.profile_id, []).append(ask)
    for offer in Offer.objects.filter(profile_id__in=profile_ids).order_by("position", "pk"):
        offers.setdefault(offer.profile_id, []).append(offer)
    return asks, offers
