"""The live table page: what an attendee's phone shows during the rounds.

Everything is computed on the server from the event's console state, so every
poll is right even without JavaScript: whose turn it is follows from when the
round started, the round's length and how many sit at the table. The small
script only counts the seconds down between polls.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Sum
from django.utils import timezone

from mensch.accounts.models import User
from mensch.engine.matching import Profile as EngineProfile
from mensch.engine.matching.reasons import shared_reason
from mensch.events.models import Event, Rsvp, Seat
from mensch.events.selectors import profile_items, visible_events
from mensch.phrasing import need_phrase, offer_phrase
from mensch.profiles.models import Profile

WAITING, RUNNING, PAUSED, TIME_UP, FINISHED, NOT_SEATED = (
    "waiting",
    "running",
    "paused",
    "time_up",
    "finished",
    "not_seated",
)


@dataclass(frozen=True)
class Tablemate:
    profile: Profile
    why: str


@dataclass(frozen=True)
class Speaker:
    name: str
    is_you: bool


@dataclass
class TableState:
    phase: str
    round_number: int = 0
    round_count: int = 0
    table_number: int = 0
    tablemates: list[Tablemate] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    turn_index: int = 0
    turn_seconds: int = 0
    turn_remaining: int = 0
    round_remaining: int = 0
    server_now: datetime | None = None

    @property
    def turn_clock(self) -> str:
        """Seconds left in this turn as m:ss."""
        minutes, seconds = divmod(self.turn_remaining, 60)
        return f"{minutes}:{seconds:02d}"

    @property
    def current_speaker(self) -> Speaker | None:
        return self.speakers[self.turn_index] if self.speakers else None

    @property
    def next_speaker(self) -> Speaker | None:
        following = self.turn_index + 1
        return self.speakers[following] if following < len(self.speakers) else None


def _elapsed(event: Event, now: datetime) -> float:
    if event.round_started_at is None:
        return 0.0
    until = event.paused_at or now
    return max(0.0, (until - event.round_started_at).total_seconds())


def speaking_turn(
    *, elapsed: float, round_seconds: int, speakers: int
) -> tuple[int, int, int, int]:
    """(turn index, seconds per turn, seconds left in this turn, seconds left in the round).

    Each person gets the same share of the round; the last turn ends with the round.
    """
    turn = max(1, round_seconds // max(1, speakers))
    index = min(int(elapsed // turn), speakers - 1)
    round_left = max(0, int(round_seconds - elapsed))
    turn_end = turn * (index + 1) if index < speakers - 1 else round_seconds
    return index, turn, max(0, int(turn_end - elapsed)), round_left


def table_state(*, event: Event, member: User, now: datetime | None = None) -> TableState:
    now = now or timezone.now()
    if not event.round_count:
        return TableState(phase=WAITING, server_now=now)
    if event.current_round > event.round_count:
        return TableState(phase=FINISHED, round_count=event.round_count, server_now=now)
    round_number = event.current_round or 1
    seat = Seat.objects.filter(event=event, member=member, round_number=round_number).first()
    if seat is None:
        return TableState(phase=NOT_SEATED, round_number=round_number, server_now=now)
    table = list(
        Seat.objects.filter(
            event=event, round_number=round_number, table_number=seat.table_number
        ).order_by("member_id")
    )
    profiles = {
        p.user_id: p
        for p in Profile.objects.filter(user_id__in=[s.member_id for s in table]).select_related(
            "user"
        )
    }
    me = profiles.get(member.pk)
    mates = [
        Tablemate(profiles[s.member_id], _why(seat, me, profiles[s.member_id]))
        for s in table
        if s.member_id != member.pk and s.member_id in profiles
    ]
    state = TableState(
        phase=WAITING if event.current_round == 0 else RUNNING,
        round_number=round_number,
        round_count=event.round_count,
        table_number=seat.table_number,
        tablemates=mates,
        prompts=talking_prompts([m.profile for m in mates], round_number),
        speakers=[
            Speaker(
                "You" if s.member_id == member.pk else profiles[s.member_id].user.first_name,
                s.member_id == member.pk,
            )
            for s in table
            if s.member_id in profiles
        ],
        server_now=now,
    )
    if event.current_round and state.speakers:
        index, turn, left, round_left = speaking_turn(
            elapsed=_elapsed(event, now),
            round_seconds=event.round_minutes * 60,
            speakers=len(state.speakers),
        )
        state.turn_index, state.turn_seconds = index, turn
        state.turn_remaining, state.round_remaining = left, round_left
        if event.paused_at is not None:
            state.phase = PAUSED
        elif round_left == 0:
            state.phase = TIME_UP
    return state


def _why(seat: Seat, me: Profile | None, other: Profile) -> str:
    """The engine's reason for this pair; where it had none, what the two share, never the
    other's headline passed off as a reason."""
    reason = seat.reasons.get(str(other.user_id), "")
    if reason:
        return str(reason)
    if me is None:
        return f"Ask {other.user.first_name} what they are working on."
    return shared_reason(_plain(me), _plain(other))


def _plain(profile: Profile) -> EngineProfile:
    return EngineProfile(
        id=str(profile.user_id),
        name=profile.user.first_name or profile.name,
        industry=profile.industry,
        location=profile.location,
        languages=tuple(profile.language_list),
    )


def talking_prompts(mates: list[Profile], round_number: int, limit: int = 4) -> list[str]:
    """Questions drawn from the tablemates' asks and offers, different each round."""
    asks, offers = profile_items([p.pk for p in mates])
    prompts: list[str] = []
    for profile in mates:
        name = profile.user.first_name
        their_asks, their_offers = asks.get(profile.pk, []), offers.get(profile.pk, [])
        if their_asks:
            ask = need_phrase(their_asks[(round_number - 1) % len(their_asks)].text)
            if ask:
                prompts.append(f"{name} is looking for {ask}. Who do you know?")
        if their_offers:
            offer = offer_phrase(their_offers[(round_number - 1) % len(their_offers)].text)
            if offer:
                prompts.append(f"Ask {name} about {offer}.")
    if not prompts:
        prompts.append("What would make this evening worth it for each of you?")
    return prompts[:limit]


# -- conditional polls ---------------------------------------------------------------
#
# Every attendee's phone asks for the live table every 2 s. What it shows changes only
# when the console's state changes (round, start, pause, a new seating), when the
# member's table changes, or when the turn passes to the next speaker; between those,
# the phone's own script counts the seconds down. So each poll first computes a version
# of what it would show, from the event row and the member's table (three small
# queries, no profiles, no prompts, no template), and answers 304 when the phone
# already shows it.

LIVE_FIELDS = (
    "pk",
    "status",
    "round_count",
    "current_round",
    "round_minutes",
    "round_started_at",
    "paused_at",
    "schedule_version",
)


def live_event(*, viewer: User, event_id: int) -> Event:
    """The event's console state, for a member going to it (Rsvp.DoesNotExist if not
    going, Event.DoesNotExist if the viewer may not see it): one query."""
    event = (
        visible_events(viewer)
        .filter(pk=event_id)
        .annotate(
            viewer_going=Exists(
                Rsvp.objects.filter(
                    event=OuterRef("pk"), member_id=viewer.pk, status=Rsvp.Status.GOING
                )
            )
        )
        .only(*LIVE_FIELDS)
        .get()
    )
    if not getattr(event, "viewer_going", False):
        raise Rsvp.DoesNotExist
    return event


def live_version(*, event: Event, member: User, now: datetime | None = None) -> str:
    """A version of the member's live table: it changes whenever ``table_state`` would
    show something else than the countdown the phone already runs."""
    now = now or timezone.now()
    parts: list[object] = [
        event.pk,
        event.status,
        event.round_count,
        event.current_round,
        event.round_minutes,
        event.round_started_at,
        event.paused_at,
        event.schedule_version,
    ]
    if event.round_count and event.current_round <= event.round_count:
        round_number = event.current_round or 1
        seat = Seat.objects.filter(event=event, member=member, round_number=round_number)
        table_number = seat.values_list("table_number", flat=True).first()
        parts.append(table_number)
        if table_number is not None:
            table = Seat.objects.filter(
                event=event, round_number=round_number, table_number=table_number
            ).aggregate(people=Count("pk"), ids=Sum("member_id"))
            parts += [table["people"], table["ids"]]
            if event.current_round and table["people"]:
                index, _, _, round_left = speaking_turn(
                    elapsed=_elapsed(event, now),
                    round_seconds=event.round_minutes * 60,
                    speakers=table["people"],
                )
                parts += [index, event.paused_at is None and round_left == 0]
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def round_seconds_left(event: Event, now: datetime | None = None) -> int:
    """Seconds left in the running round (the organizer's console timer); the whole round
    before it starts."""
    round_seconds = event.round_minutes * 60
    if not event.current_round:
        return round_seconds
    return max(0, int(round_seconds - _elapsed(event, now or timezone.now())))
