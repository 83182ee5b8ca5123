"""Structured rounds: generate the seating with the round scheduler, run the console.

The scheduler (``mensch.engine.rounds``) gets the pair values of the matching
engine restricted to the attendees, the pairs to keep apart (members who blocked
each other), the pairs who would rather not meet (a declined introduction that
still cools: seated apart where possible, see ``introductions.cooldown``) and, for
topic rounds, each attendee's topic table.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable, Sequence

import numpy as np
from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.db.models import Q
from django.utils import timezone

from mensch.connections.models import Block
from mensch.engine.matching import MatchEngine
from mensch.engine.matching import Profile as EngineProfile
from mensch.engine.matching.reasons import explain
from mensch.engine.rounds import (
    InfeasibleSchedule,
    ScheduleError,
    repeat_free_possible,
    schedule_rounds,
    table_sizes,
)
from mensch.engine.rounds.sizes import repeat_bound_message
from mensch.events.models import Event, Rsvp, Seat
from mensch.introductions.cooldown import cooling_pairs
from mensch.matching.embeddings import StoredEmbeddings, text_model
from mensch.matching.services import engine_profiles

MAX_ROUNDS = 20
# How often a seating is solved again when the attendee list changed while solving.
SEATING_ATTEMPTS = 3
# A late arrival sits apart from a declined introduction unless no other seat is free.
RATHER_NOT_PENALTY = 10.0

logger = logging.getLogger(__name__)

# What saving a seating changes on the event.
SEATING_FIELDS = [
    "table_size",
    "round_count",
    "round_minutes",
    "schedule_version",
    "schedule_message",
    "current_round",
    "round_started_at",
    "paused_at",
    "seating_status",
    "seating_progress",
    "seating_step",
    "seating_error",
    "updated_at",
]


def attendee_engine(member_ids: Iterable[int]) -> tuple[MatchEngine, list[str]]:
    """The matching engine over these members only, and their ids in engine order."""
    profiles: list[EngineProfile] = engine_profiles(member_ids)
    engine = MatchEngine(profiles, model=text_model(), embeddings=StoredEmbeddings())
    return engine, [p.id for p in profiles]


def _avoid_pairs(member_ids: Sequence[int]) -> list[tuple[str, str]]:
    blocks = Block.objects.filter(Q(blocker_id__in=member_ids) & Q(blocked_id__in=member_ids))
    pairs = {tuple(sorted((b.blocker_id, b.blocked_id))) for b in blocks}
    return [(str(low), str(high)) for low, high in sorted(pairs)]


def _rather_not_pairs(member_ids: Sequence[int]) -> list[tuple[str, str]]:
    """Attendees a declined introduction still keeps apart: a soft avoid."""
    return [(str(low), str(high)) for low, high in sorted(cooling_pairs(member_ids))]


def check_shape(rounds: int, table_size: int, round_minutes: int) -> None:
    errors: dict[str, list[str]] = {}
    if not 1 <= rounds <= MAX_ROUNDS:
        errors["rounds"] = [f"Choose between 1 and {MAX_ROUNDS} rounds."]
    if table_size < 2:
        errors["table_size"] = ["Tables need at least 2 seats: nobody talks at a table of one."]
    if not 1 <= round_minutes <= 240:
        errors["round_minutes"] = ["A round lasts between 1 and 240 minutes."]
    if errors:
        raise ValidationError(errors)


def seating_rsvps(event: Event) -> list[Rsvp]:
    """Who gets a seat: everyone going; once check-in has started, those checked in."""
    going = event.rsvps.filter(status=Rsvp.Status.GOING)
    if going.filter(checked_in_at__isnull=False).exists():
        going = going.filter(checked_in_at__isnull=False)
    return list(going.order_by("member_id"))


def check_seatable(attendees: int, rounds: int, table_size: int) -> None:
    """What can be told at once, before a job is queued: at least two people, and the
    counting bound on rounds without repeats (the scheduler's own message)."""
    if attendees < 2:
        raise ValidationError({"rounds": ["At least two attendees must be here to seat rounds."]})
    try:
        sizes = table_sizes(attendees, table_size)
    except ScheduleError as exc:
        field = "table_size" if "table size" in str(exc) else "rounds"
        raise ValidationError({field: [str(exc)]}) from exc
    if not repeat_free_possible(attendees, rounds, sizes):
        message = repeat_bound_message(attendees, rounds, table_size, sizes)
        raise ValidationError({"rounds": [message]})


def check_can_seat(event: Event) -> None:
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError({"rounds": ["Publish the event before seating rounds."]})
    if event.current_round:
        raise ValidationError({"rounds": ["The rounds are under way; the seating is fixed now."]})


class _Progress:
    """Reports a job's progress on its event row, outside any transaction, at most
    once a percent (the console polls it)."""

    def __init__(self, event_id: int, job: int | None) -> None:
        self.event_id, self.job, self.last = event_id, job, -1

    def __call__(self, percent: int, step: str) -> None:
        if self.job is None or percent == self.last:
            return
        self.last = percent
        Event.objects.filter(pk=self.event_id, seating_job=self.job).update(
            seating_status=Event.SeatingStatus.RUNNING,
            seating_progress=max(0, min(99, percent)),
            seating_step=step[:120],
        )


def rounds_generate(
    *,
    event: Event,
    rounds: int,
    table_size: int,
    round_minutes: int = 12,
    topic_rounds: Sequence[int] = (),
    job: int | None = None,
) -> Event:
    """Seat everyone who is here; replaces an earlier seating, never a running one.

    ``topic_rounds`` (1-based) are the rounds that seat people by topic table.
    When the scheduler cannot seat the rounds (too many rounds for the people,
    pairs that cannot be kept apart), its message is the error and nothing is saved.

    The solver runs outside any transaction; the seats are written in one short
    transaction that first checks the attendee list is still the one solved for
    (``Event.attendee_version``), or solves again (at most ``SEATING_ATTEMPTS`` times).
    ``job`` is the console's job number (:func:`rounds_request`): its progress is
    reported on the event, and a job overtaken by a newer request saves nothing.
    """
    check_shape(rounds, table_size, round_minutes)
    report = _Progress(event.pk, job)
    for _attempt in range(SEATING_ATTEMPTS):
        timings: dict[str, float] = {}
        clock = time.perf_counter()
        event = Event.objects.get(pk=event.pk)
        check_can_seat(event)
        version = event.attendee_version
        rsvps = seating_rsvps(event)
        if len(rsvps) < 2:
            raise ValidationError(
                {"rounds": ["At least two attendees must be here to seat rounds."]}
            )
        member_ids = [r.member_id for r in rsvps]
        report(2, f"Reading the profiles of {len(rsvps)} attendees…")
        engine, ids = attendee_engine(member_ids)
        values = engine.pair_values(ids)
        timings["match values"] = time.perf_counter() - clock
        topics = {str(r.member_id): (str(r.topic_id) if r.topic_id else None) for r in rsvps}
        chosen_topic_rounds = [n - 1 for n in topic_rounds if 1 <= n <= rounds]
        rather_not = _rather_not_pairs([int(i) for i in ids])
        avoid = _avoid_pairs(member_ids)
        clock = time.perf_counter()
        report(10, f"Seating {len(ids)} people at tables of {table_size} over {rounds} rounds…")

        def solving(done: int, total: int) -> None:
            share = done / total if total else 1.0
            current = min(rounds, 1 + int(share * rounds))
            report(10 + int(75 * share), f"Seating round {current} of {rounds}…")

        try:
            schedule = schedule_rounds(
                ids,
                rounds,
                table_size,
                values,
                avoid=avoid,
                rather_not=rather_not,
                seed=event.pk,
                topics=[topics[i] for i in ids] if chosen_topic_rounds else None,
                topic_rounds=chosen_topic_rounds or None,
                strict=True,
                progress=solving,
            )
        except InfeasibleSchedule as exc:
            raise ValidationError({"rounds": [str(exc)]}) from exc
        except ScheduleError as exc:
            field = "table_size" if "table size" in str(exc) else "rounds"
            raise ValidationError({field: [str(exc)]}) from exc
        timings["scheduler"] = time.perf_counter() - clock
        clock = time.perf_counter()
        report(86, "Writing why each table should meet…")
        tables = [
            (round_index, table_index, table)
            for round_index, round_tables in enumerate(schedule.rounds, start=1)
            for table_index, table in enumerate(round_tables, start=1)
        ]
        reasons = table_reasons(engine, [table for _, _, table in tables], rather_not)
        seats = [
            Seat(
                event=event,
                member_id=int(member),
                round_number=round_index,
                table_number=table_index,
                reasons={
                    other: reasons.get((member, other), "") for other in table if other != member
                },
            )
            for round_index, table_index, table in tables
            for member in table
        ]
        rows = _seat_rows(seats)
        timings["reasons"] = time.perf_counter() - clock
        report(95, "Saving the seating…")
        clock = time.perf_counter()
        with transaction.atomic():
            locked = Event.objects.select_for_update().get(pk=event.pk)
            if job is not None and locked.seating_job != job:
                return locked  # a newer request took over; its job saves
            check_can_seat(locked)
            changed = (
                locked.attendee_version != version
                or [r.member_id for r in seating_rsvps(locked)] != member_ids
            )
            if not changed:
                Seat.objects.filter(event=locked).delete()
                _insert_seats(seats, rows)
                locked.table_size = table_size
                locked.round_count = rounds
                locked.round_minutes = round_minutes
                locked.schedule_version += 1
                locked.schedule_message = schedule.message[:500]
                locked.current_round = 0
                locked.round_started_at = None
                locked.paused_at = None
                locked.seating_status = Event.SeatingStatus.DONE
                locked.seating_progress = 100
                locked.seating_step = ""
                locked.seating_error = ""
                locked.save(update_fields=SEATING_FIELDS)
        timings["write transaction"] = time.perf_counter() - clock
        if not changed:
            logger.info(
                "Seated event %s: %s",
                event.pk,
                ", ".join(f"{name} {seconds:.3f} s" for name, seconds in timings.items()),
                extra={"seating_timings": timings},
            )
            return locked
        report(1, "The attendee list changed while seating; starting again…")
    raise ValidationError(
        {"rounds": ["The attendee list kept changing while seating. Try again in a minute."]}
    )


def _seat_rows(seats: list[Seat]) -> list[tuple[int, int, int, int, str]] | None:
    """The seats as rows for PostgreSQL's COPY, serialised before the write transaction
    starts (None on other databases, which take ``bulk_create``)."""
    if connections[router.db_for_write(Seat)].vendor != "postgresql":
        return None
    return [
        (s.event_id, s.member_id, s.round_number, s.table_number, json.dumps(s.reasons))
        for s in seats
    ]


def _insert_seats(seats: list[Seat], rows: list[tuple[int, int, int, int, str]] | None) -> None:
    """Write a whole seating: with COPY on PostgreSQL (a 1,000-person event is 6,000 seats
    with their reasons, megabytes that an INSERT would spell out as SQL), else in bulk."""
    if rows is None:
        Seat.objects.bulk_create(seats, batch_size=2000)
        return
    columns = "event_id, member_id, round_number, table_number, reasons"
    connection = connections[router.db_for_write(Seat)]
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor: Django has no COPY
        with raw.copy(f"COPY {Seat._meta.db_table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def table_reasons(
    engine: MatchEngine,
    tables: Sequence[Sequence[str]],
    rather_not: Iterable[tuple[str, str]] = (),
) -> dict[tuple[str, str], str]:
    """The engine's one-sentence why, addressed to each member, for the people who share
    a table with them (and nobody else). A pair a decline keeps apart, seated together
    only because nothing else fitted, gets no "why you should meet"."""
    quiet = {frozenset(pair) for pair in rather_not}
    mates: dict[str, list[str]] = {}
    for table in tables:
        for member in table:
            listed = mates.setdefault(member, [])
            listed.extend(
                other
                for other in table
                if other != member
                and other not in listed
                and frozenset((member, other)) not in quiet
            )
    mates = {member: others for member, others in mates.items() if others}
    if not mates:
        return {}
    members = list(mates)
    width = max(len(others) for others in mates.values())
    rows = np.array([engine.row_of(m) for m in members], dtype=np.int64)
    lists = np.full((len(members), width), -1, dtype=np.int64)
    for k, member in enumerate(members):
        lists[k, : len(mates[member])] = [engine.row_of(o) for o in mates[member]]
    said = explain(engine.profiles, engine.items, rows, lists, engine.help_floor)
    hidden = {p.id for p in engine.profiles if p.hidden}
    return {
        (member, other): ("" if other in hidden else reason)
        for member, why in zip(members, said, strict=True)
        for other, reason in zip(mates[member], why, strict=True)
    }


# -- late arrivals ---------------------------------------------------------------------


def unseated_count(event: Event, seated: set[int]) -> int:
    """How many people are here without a seat (checked in after the seating)."""
    return len({r.member_id for r in seating_rsvps(event)} - seated)


class _SeatingChangedError(Exception):
    """The seating or the attendee list changed while late arrivals were being placed."""


def late_arrivals_message(count: int) -> str:
    return (
        f"Seated {count} late arrival{'s' if count != 1 else ''}; everyone else keeps their seat."
    )


def check_late_arrivals(event: Event, seated: set[int]) -> None:
    """What can be told at once about seating late arrivals (a ValidationError)."""
    if not event.round_count:
        raise ValidationError({"rounds": ["Generate the rounds first."]})
    if event.current_round > event.round_count:
        raise ValidationError({"rounds": ["All rounds are over."]})
    if not unseated_count(event, seated):
        raise ValidationError({"rounds": ["Everyone who is here has a seat."]})


def seat_late_arrivals(*, event: Event, job: int | None = None) -> list[int]:
    """Seat the people who are here but have no seat (checked in after the seating), in the
    rounds still to come (the current one included), keeping everyone seated where they are.

    Each newcomer takes the free seat whose table they fit best (the engine's pair values),
    never with someone they already sat with, never with someone they block or are blocked
    by, and away from a declined introduction where another table is free; a new table
    opens when no free seat fits. Returns the member ids seated.

    Placing runs outside any transaction; the seats are written in one short transaction
    that first checks neither the seating nor the attendee list changed meanwhile, or
    places again (at most ``SEATING_ATTEMPTS`` times). ``job`` is the console's job number
    (:func:`mensch.events.tasks.late_arrivals_request`): progress and the result are
    reported on the event, and a job overtaken by a newer request saves nothing.
    """
    report = _Progress(event.pk, job)
    for _attempt in range(SEATING_ATTEMPTS):
        try:
            return _late_arrivals_attempt(event.pk, job, report)
        except _SeatingChangedError:
            report(1, "The attendee list changed meanwhile; placing the late arrivals again…")
    raise ValidationError(
        {"rounds": ["The seating or the attendee list kept changing. Try again in a minute."]}
    )


def _late_arrivals_attempt(event_id: int, job: int | None, report: _Progress) -> list[int]:
    event = Event.objects.get(pk=event_id)
    version, schedule_version = event.attendee_version, event.schedule_version
    seats = list(Seat.objects.filter(event=event))
    seated = {s.member_id for s in seats}
    check_late_arrivals(event, seated)
    present = [r.member_id for r in seating_rsvps(event)]
    newcomers = [m for m in present if m not in seated]
    report(5, f"Reading the profiles of {len(present)} attendees…")
    first_round = max(event.current_round, 1)
    size = event.table_size or 2
    everyone = sorted(set(present) | {s.member_id for s in seats if s.round_number >= first_round})
    engine, ids = attendee_engine(everyone)
    values = engine.pair_values(ids)
    index = {int(i): k for k, i in enumerate(ids)}
    blocked = {frozenset(map(int, pair)) for pair in _avoid_pairs(everyone)}
    rather = {frozenset(map(int, pair)) for pair in _rather_not_pairs(everyone)}
    met: set[frozenset[int]] = set()
    rounds_tables: dict[int, dict[int, list[int]]] = {}
    for seat in seats:
        rounds_tables.setdefault(seat.round_number, {}).setdefault(seat.table_number, []).append(
            seat.member_id
        )
    for tables in rounds_tables.values():
        for table in tables.values():
            met.update(frozenset((a, b)) for a in table for b in table if a != b)
    placed: list[tuple[int, int, int]] = []  # (round, table, member)
    report(40, f"Placing {len(newcomers)} late arrivals at the tables…")

    def best_table(member: int, tables: dict[int, list[int]], room: int) -> int | None:
        """The table with fewer than ``room`` people this member fits best, if any."""
        best: tuple[float, int] | None = None
        for number, table in tables.items():
            if not table or len(table) >= room:
                continue
            pairs = [frozenset((member, other)) for other in table]
            if any(p in blocked or p in met for p in pairs):
                continue
            value = sum(float(values[index[member], index[o]]) for o in table)
            value -= RATHER_NOT_PENALTY * sum(p in rather for p in pairs)
            if best is None or value > best[0]:
                best = (value, number)
        return None if best is None else best[1]

    def sit(round_number: int, tables: dict[int, list[int]], number: int, member: int) -> None:
        table = tables.setdefault(number, [])
        met.update(frozenset((member, other)) for other in table)
        table.append(member)
        placed.append((round_number, number, member))

    for round_number in range(first_round, event.round_count + 1):
        tables = rounds_tables.setdefault(round_number, {})
        # First the free seats; then the rest open new tables among themselves; one
        # left alone at a new table takes an extra chair at the best table instead.
        waiting = []
        for member in newcomers:
            number = best_table(member, tables, size)
            if number is None:
                waiting.append(member)
            else:
                sit(round_number, tables, number, member)
        opened: dict[int, list[int]] = {}
        for member in waiting:
            number = best_table(member, opened, size) if len(waiting) > 1 else None
            if number is None:
                number = max([*tables, *opened], default=0) + 1
                opened[number] = []
            opened[number].append(member)
            met.update(frozenset((member, o)) for o in opened[number] if o != member)
        for number, group in sorted(opened.items()):
            if len(group) == 1:
                extra = best_table(group[0], tables, size + 1)
                if extra is not None:
                    sit(round_number, tables, extra, group[0])
                    continue
            for member in group:
                tables.setdefault(number, [])
                tables[number].append(member)
                placed.append((round_number, number, member))
    report(80, "Writing why each table should meet…")
    touched = {(r, t) for r, t, _ in placed}
    table_lists = [[str(m) for m in rounds_tables[r][t]] for r, t in sorted(touched)]
    reasons = table_reasons(engine, table_lists, _rather_not_pairs(everyone))
    new_seats = [
        Seat(
            event=event,
            member_id=member,
            round_number=r,
            table_number=t,
            reasons={
                str(o): reasons.get((str(member), str(o)), "")
                for o in rounds_tables[r][t]
                if o != member
            },
        )
        for r, t, member in placed
    ]
    updated = []
    for seat in seats:
        if (seat.round_number, seat.table_number) in touched:
            for other in rounds_tables[seat.round_number][seat.table_number]:
                key = str(other)
                if other != seat.member_id and key not in seat.reasons:
                    seat.reasons[key] = reasons.get((str(seat.member_id), key), "")
            updated.append(seat)
    report(95, "Saving the seats…")
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if job is not None and locked.seating_job != job:
            return []  # a newer request took over
        if locked.attendee_version != version or locked.schedule_version != schedule_version:
            raise _SeatingChangedError
        Seat.objects.bulk_create(new_seats)
        Seat.objects.bulk_update(updated, ["reasons"])
        locked.schedule_version += 1
        fields = ["schedule_version", "updated_at"]
        if job is not None:
            locked.seating_status = Event.SeatingStatus.DONE
            locked.seating_progress = 100
            locked.seating_step = late_arrivals_message(len(newcomers))
            locked.seating_error = ""
            fields += ["seating_status", "seating_progress", "seating_step", "seating_error"]
        locked.save(update_fields=fields)
    return newcomers


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
