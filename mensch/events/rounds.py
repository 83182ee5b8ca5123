"""Structured rounds: generate the seating with the round scheduler, run the console.

The scheduler (``mensch.engine.rounds``) gets the pair values of the matching
engine restricted to the attendees, the pairs to keep apart (members who blocked
each other), the pairs who would rather not meet (a declined introduction that
still cools: seated apart where possible, see ``introductions.cooldown``) and, for
topic rounds, each attendee's topic table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mensch.connections.models import Block
from mensch.engine.matching import MatchEngine
from mensch.engine.matching import Profile as EngineProfile
from mensch.engine.rounds import InfeasibleSchedule, ScheduleError, schedule_rounds
from mensch.events.models import Event, Rsvp, Seat
from mensch.introductions.cooldown import cooling_pairs
from mensch.matching.services import engine_profiles

MAX_ROUNDS = 20


def attendee_engine(member_ids: Iterable[int]) -> tuple[MatchEngine, list[str]]:
    """The matching engine over these members only, and their ids in engine order."""
    profiles: list[EngineProfile] = engine_profiles(member_ids)
    engine = MatchEngine(profiles, model=settings.MATCH_MODEL)
    return engine, [p.id for p in profiles]


def _avoid_pairs(member_ids: Sequence[int]) -> list[tuple[str, str]]:
    blocks = Block.objects.filter(Q(blocker_id__in=member_ids) & Q(blocked_id__in=member_ids))
    pairs = {tuple(sorted((b.blocker_id, b.blocked_id))) for b in blocks}
    return [(str(low), str(high)) for low, high in sorted(pairs)]


def _rather_not_pairs(member_ids: Sequence[int]) -> list[tuple[str, str]]:
    """Attendees a declined introduction still keeps apart: a soft avoid."""
    return [(str(low), str(high)) for low, high in sorted(cooling_pairs(member_ids))]


def _check_shape(rounds: int, table_size: int, round_minutes: int) -> None:
    errors: dict[str, list[str]] = {}
    if not 1 <= rounds <= MAX_ROUNDS:
        errors["rounds"] = [f"Choose between 1 and {MAX_ROUNDS} rounds."]
    if table_size < 2:
        errors["table_size"] = ["Tables need at least 2 seats: nobody talks at a table of one."]
    if not 1 <= round_minutes <= 240:
        errors["round_minutes"] = ["A round lasts between 1 and 240 minutes."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def rounds_generate(
    *,
    event: Event,
    rounds: int,
    table_size: int,
    round_minutes: int = 12,
    topic_rounds: Sequence[int] = (),
) -> Event:
    """Seat everyone who is going; replaces an earlier seating, never a running one.

    ``topic_rounds`` (1-based) are the rounds that seat people by topic table.
    When the scheduler cannot seat the rounds (too many rounds for the people,
    pairs that cannot be kept apart), its message is the error and nothing is saved.
    """
    _check_shape(rounds, table_size, round_minutes)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError({"rounds": ["Publish the event before seating rounds."]})
    if event.current_round:
        raise ValidationError({"rounds": ["The rounds are under way; the seating is fixed now."]})
    rsvps = list(event.rsvps.filter(status=Rsvp.Status.GOING).order_by("member_id"))
    if len(rsvps) < 2:
        raise ValidationError({"rounds": ["At least two attendees must be going to seat rounds."]})
    member_ids = [r.member_id for r in rsvps]
    engine, ids = attendee_engine(member_ids)
    topics = {str(r.member_id): (str(r.topic_id) if r.topic_id else None) for r in rsvps}
    chosen_topic_rounds = [n - 1 for n in topic_rounds if 1 <= n <= rounds]
    rather_not = _rather_not_pairs([int(i) for i in ids])
    try:
        schedule = schedule_rounds(
            ids,
            rounds,
            table_size,
            engine.pair_values(ids),
            avoid=_avoid_pairs(member_ids),
            rather_not=rather_not,
            seed=event.pk,
            topics=[topics[i] for i in ids] if chosen_topic_rounds else None,
            topic_rounds=chosen_topic_rounds or None,
            strict=True,
        )
    except InfeasibleSchedule as exc:
        raise ValidationError({"rounds": [str(exc)]}) from exc
    except ScheduleError as exc:
        field = "table_size" if "table size" in str(exc) else "rounds"
        raise ValidationError({field: [str(exc)]}) from exc
    reasons = _reasons(engine, ids)
    # A pair a decline keeps apart, seated together only because nothing else fitted,
    # gets no "why you should meet" at the table.
    for first, second in rather_not:
        reasons.pop((first, second), None)
        reasons.pop((second, first), None)
    seats = [
        Seat(
            event=event,
            member_id=int(member),
            round_number=round_index,
            table_number=table_index,
            reasons={other: reasons.get((member, other), "") for other in table if other != member},
        )
        for round_index, tables in enumerate(schedule.rounds, start=1)
        for table_index, table in enumerate(tables, start=1)
        for member in table
    ]
    Seat.objects.filter(event=event).delete()
    Seat.objects.bulk_create(seats)
    event.table_size = table_size
    event.round_count = rounds
    event.round_minutes = round_minutes
    event.schedule_version += 1
    event.schedule_message = schedule.message[:500]
    event.current_round = 0
    event.round_started_at = None
    event.paused_at = None
    event.save()
    return event


def _reasons(engine: MatchEngine, ids: list[str]) -> dict[tuple[str, str], str]:
    """The engine's one-sentence why for each pair it would recommend."""
    out: dict[tuple[str, str], str] = {}
    for member in ids:
        for match in engine.recommend(member, top=len(ids)):
            out[(member, match.id)] = match.reason
    return out


# -- the organizer's console -------------------------------------------------------

CONSOLE_ACTIONS = ("start", "pause", "next")


@transaction.atomic
def round_console(*, event: Event, action: str) -> Event:
    """start (or resume after a pause), pause, next round (or finish after the last)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    now = timezone.now()
    if action not in CONSOLE_ACTIONS:
        raise ValidationError({"action": [f"Use one of: {', '.join(CONSOLE_ACTIONS)}."]})
    if not event.round_count:
        raise ValidationError({"action": ["Generate the rounds first."]})
    finished = event.current_round > event.round_count
    if finished:
        raise ValidationError({"action": ["All rounds are over."]})
    if action == "start":
        if event.current_round == 0:
            event.current_round, event.round_started_at = 1, now
        elif event.paused_at is not None and event.round_started_at is not None:
            # Resume: the clock continues where it stopped.
            event.round_started_at += now - event.paused_at
        event.paused_at = None
    elif action == "pause":
        if event.current_round == 0:
            raise ValidationError({"action": ["No round is running."]})
        event.paused_at = event.paused_at or now
    else:
        event.current_round += 1
        event.round_started_at = now if event.current_round <= event.round_count else None
        event.paused_at = None
    event.save(update_fields=["current_round", "round_started_at", "paused_at", "updated_at"])
    return event
