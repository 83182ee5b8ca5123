"""The live table page: what an attendee's phone shows during the rounds.

Everything is computed on the server from the event's console state, so every
poll is right even without JavaScript: whose turn it is follows from when the
round started, the round's length and how many sit at the table. The small
script only counts the seconds down between polls.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from mensch.accounts.models import User
from mensch.engine.matching import Profile as EngineProfile
from mensch.engine.matching.reasons import shared_reason
from mensch.events.models import Event, Seat
from mensch.events.selectors import profile_items
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
