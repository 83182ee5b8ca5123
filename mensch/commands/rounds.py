"""``mensch rounds``: seat event attendees at tables over several rounds.

    mensch rounds --input attendees.jsonl --rounds R --table-size K \\
        --output schedule.json [--avoid pairs.csv] [--seed S]

``attendees.jsonl`` has the lines of ``mensch match``'s input; pair values come
from the matching engine (lexical model). ``pairs.csv`` lists two attendee ids
a line that must never share a table (a header row is allowed). The output is
``{"rounds": [{"tables": [[id, ...], ...]}, ...], "value": float, "repeats": int}``.

Bad input (a malformed line, a missing id, a table size below 2, fewer than one
round, an unknown id in the pairs file, fewer than two attendees, pairs that
cannot be kept apart) is reported on stderr with the line and the reason, the
exit status is 2 and nothing is written. Repeats that cannot be avoided are a
warning, not an error, unless ``--strict`` is given. Never imports Django.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from tqdm import tqdm

from mensch.commands.files import write_atomically
from mensch.engine.matching import MatchEngine, Profile, ProfileInputError, read_profiles_jsonl
from mensch.engine.rounds import RoundSchedule, ScheduleError, schedule_rounds

EXIT_OK = 0
EXIT_BAD_INPUT = 2
_NAME = "mensch rounds"


class RoundsInputError(ValueError):
    """Bad input to the command; the message names the file, line and reason."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "rounds",
        help="seat event attendees at tables over several rounds so the right people meet",
        description=(
            "Seat attendees (JSON Lines, the same lines as 'mensch match' reads) at tables "
            "over several rounds: nobody sits with the same person twice when that is "
            "possible, pairs listed in --avoid never share a table, and the total match "
            "value of the pairs who meet is as high as the scheduler can make it. "
            "Needs no database."
        ),
    )
    parser.add_argument("--input", required=True, type=Path, help="attendees, JSON Lines")
    parser.add_argument("--rounds", required=True, type=int, help="number of rounds (1 or more)")
    parser.add_argument(
        "--table-size", required=True, type=int, help="people per table (2 or more)"
    )
    parser.add_argument("--output", required=True, type=Path, help="schedule, JSON")
    parser.add_argument(
        "--avoid", type=Path, help="CSV of attendee id pairs that must not share a table"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed; same seed, same schedule (0)")
    parser.add_argument(
        "--strict", action="store_true", help="fail instead of seating anyone together twice"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    source: Path = args.input
    target: Path = args.output
    try:
        _check_arguments(args)
        profiles = _read_attendees(source)
        ids = [profile.id for profile in profiles]
        avoid = read_avoid_pairs(args.avoid, set(ids)) if args.avoid is not None else []
    except RoundsInputError as exc:
        return _error(f"{exc}; nothing was written")
    _info(args, f"read {len(ids)} attendees from {source}; computing pair values")
    values = MatchEngine(profiles, model="lexical").pair_values(ids)
    try:
        with _progress(args.quiet) as advance:
            schedule = schedule_rounds(
                ids,
                args.rounds,
                args.table_size,
                values,
                avoid=avoid,
                seed=args.seed,
                strict=args.strict,
                progress=advance,
            )
    except ScheduleError as exc:
        return _error(f"{exc}; nothing was written")
    write_atomically(target, [_render(schedule)])
    _info(args, schedule.message)
    if schedule.repeats:
        sys.stderr.write(f"{_NAME}: warning: {schedule.repeats} pairs meet more than once\n")
    _info(args, f"wrote {target} (total value {schedule.value:.3f})")
    return EXIT_OK


def _check_arguments(args: argparse.Namespace) -> None:
    if args.rounds < 1:
        raise RoundsInputError(f"--rounds must be at least 1, got {args.rounds}")
    if args.table_size < 2:
        raise RoundsInputError(f"--table-size must be at least 2, got {args.table_size}")
    if not args.input.is_file():
        raise RoundsInputError(f"{args.input}: no such file")
    if args.avoid is not None and not args.avoid.is_file():
        raise RoundsInputError(f"{args.avoid}: no such file")
    if not args.output.parent.is_dir():
        raise RoundsInputError(f"{args.output.parent}: the output folder does not exist")


def _read_attendees(source: Path) -> list[Profile]:
    try:
        profiles = read_profiles_jsonl(source)
    except ProfileInputError as exc:
        where = f"{source}:{exc.line}" if exc.line else str(source)
        raise RoundsInputError(f"{where}: {exc.message}") from exc
    if len(profiles) < 2:
        raise RoundsInputError(
            f"{source}: need at least 2 attendees to seat, found {len(profiles)}"
        )
    return profiles


def read_avoid_pairs(path: Path, known: set[str]) -> list[tuple[str, str]]:
    """Pairs of attendee ids from a two-column CSV file.

    Blank lines are skipped. The first line is taken as a header when neither
    of its cells is a known id; after that, every line must hold two known,
    different ids.
    """
    pairs: list[tuple[str, str]] = []
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.reader(handle), start=1):
                cells = [cell.strip() for cell in row]
                while cells and not cells[-1]:
                    cells.pop()
                if not cells:
                    continue
                where = f"{path}:{number}"
                if len(cells) != 2:
                    raise RoundsInputError(
                        f"{where}: expected two attendee ids, got {len(cells)} column(s)"
                    )
                first, second = cells
                if number == 1 and first not in known and second not in known:
                    continue
                for identifier in (first, second):
                    if identifier not in known:
                        raise RoundsInputError(f"{where}: unknown attendee id {identifier!r}")
                if first == second:
                    raise RoundsInputError(f"{where}: the same id {first!r} twice")
                pairs.append((first, second))
    except UnicodeDecodeError as exc:
        raise RoundsInputError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except csv.Error as exc:
        raise RoundsInputError(f"{path}: not a readable CSV file ({exc})") from exc
    return pairs


def _render(schedule: RoundSchedule) -> str:
    record = schedule.to_json()
    record["value"] = round(schedule.value, 6)
    return json.dumps(record, ensure_ascii=False) + "\n"


@contextlib.contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[int, int], None]]:
    bar = tqdm(desc="seating", unit="step", file=sys.stderr, disable=quiet, mininterval=0.5)

    def advance(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    try:
        yield advance
    finally:
        bar.close()


def _info(args: argparse.Namespace, message: str) -> None:
    if not args.quiet:
        sys.stderr.write(f"{_NAME}: {message}\n")


def _error(message: str) -> int:
    sys.stderr.write(f"{_NAME}: error: {message}\n")
    return EXIT_BAD_INPUT
