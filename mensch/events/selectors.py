"""Reads about events that pages and the API share."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.selectors import is_blocked_either_way
from mensch.events.models import AgendaItem, Event, Rsvp, Seat, Topic
from mensch.meetings.models import Meeting
from mensch.profiles.models import Ask, Offer, Profile

WHO_TO_MEET = 5


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


def visible_events(viewer: User) -> QuerySet[Event]:
    """Published and cancelled events for everyone; drafts for their organizer only."""
    return Event.objects.filter(
        Q(status__in=(Event.Status.PUBLISHED, Event.Status.CANCELLED)) | Q(organizer_id=viewer.pk)
    )


def event_for_viewer(*, viewer: User, event_id: int) -> Event:
    """An event the viewer may read. Raises Event.DoesNotExist otherwise."""
    return with_details(visible_events(viewer)).get(pk=event_id)


def organized_event(*, actor: User, event_id: int) -> Event:
    """The actor's own event: 403 for members who are not organizers, 404 for an event of
    another organizer (they cannot tell it from one that does not exist)."""
    if not actor.is_authenticated or not actor.is_organizer:
        raise PermissionDenied("Only the event's organizer can do this.")
    return with_details(Event.objects.filter(organizer=actor)).get(pk=event_id)


def organized_events(actor: User) -> QuerySet[Event]:
    return with_details(Event.objects.filter(organizer=actor)).order_by("-starts_at", "-pk")


def own_rsvp(*, member: User, event: Event) -> Rsvp | None:
    return Rsvp.objects.filter(event=event, member=member).select_related("topic").first()


def is_attendee(*, member: User, event: Event) -> bool:
    return Rsvp.objects.filter(event=event, member=member, status=Rsvp.Status.GOING).exists()


def attendees(event: Event) -> QuerySet[Rsvp]:
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
class PersonToMeet:
    profile: Profile
    reason: str
    score: float


def who_to_meet(*, viewer: User, event: Event, top: int = WHO_TO_MEET) -> list[PersonToMeet]:
    """The viewer's best matches among the attendees (the viewer need not be going yet)."""
    from mensch.events.rounds import attendee_engine

    member_ids = set(
        event.rsvps.filter(status=Rsvp.Status.GOING).values_list("member_id", flat=True)
    )
    if not member_ids - {viewer.pk}:
        return []
    engine, ids = attendee_engine(member_ids | {viewer.pk})
    if str(viewer.pk) not in ids:
        return []
    matches = [m for m in engine.recommend(str(viewer.pk), top=top) if m.id != str(viewer.pk)]
    profiles = {
        p.user_id: p
        for p in Profile.objects.filter(
            user_id__in=[int(m.id) for m in matches], is_hidden=False
        ).select_related("user")
    }
    return [
        PersonToMeet(profiles[int(m.id)], m.reason, m.score)
        for m in matches
        if int(m.id) in profiles and not is_blocked_either_way(viewer, int(m.id))
    ]


# -- after the event ---------------------------------------------------------------


@dataclass(frozen=True)
class TickCandidate:
    profile: Profile
    tablemate: bool
    ticked: bool
    confirmed: bool


def tick_candidates(*, member: User, event: Event, query: str = "") -> list[TickCandidate]:
    """Whom the member may say they met: tablemates first, then other attendees by name."""
    from mensch.meetings.models import MeetingTick

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


# -- organizer analytics -----------------------------------------------------------


@dataclass(frozen=True)
class EventAnalytics:
    going: int
    waitlisted: int
    cancelled: int
    checked_in: int
    confirmed_meetings: int
    meetings_per_attendee: float
    goals_answered: int
    goals_met: int

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
    meetings = Meeting.objects.filter(event=event).count()
    attended = counts["checked_in"] or counts["going"]
    return EventAnalytics(
        **counts,
        confirmed_meetings=meetings,
        # Each meeting counts for both people in it.
        meetings_per_attendee=round(2 * meetings / attended, 2) if attended else 0.0,
    )


def upcoming_for_member(member: User, limit: int = 3) -> list[Rsvp]:
    return list(
        Rsvp.objects.filter(
            member=member,
            status__in=(Rsvp.Status.GOING, Rsvp.Status.WAITLISTED),
            event__status=Event.Status.PUBLISHED,
            event__ends_at__gte=timezone.now(),
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
