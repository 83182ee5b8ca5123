"""``mensch match``: recommendations for a file of profiles, without a database.

    mensch match --input profiles.jsonl --output recs.jsonl --top K [--model lexical|semantic]

Each output line is ``{"id", "matches": [{"id", "score", "reason"}]}``, one per
input profile in input order, matches in rank order. A malformed input line is
reported with its line number and exit status 2, and nothing is written: the
output is written to a temporary file next to the target and renamed into
place only when complete. This module must never import Django.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tqdm import tqdm

from mensch.commands.files import write_atomically
from mensch.engine.matching import (
    MODEL_NAMES,
    Match,
    MatchEngine,
    ModelUnavailableError,
    Profile,
    ProfileInputError,
    match_to_record,
    read_profiles_jsonl,
)

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "match",
        help="recommend who should meet whom, and why, for a JSON Lines file of profiles",
        description=(
            "Read profiles (one JSON object a line: id, name, headline, industry, location, "
            "asks and offers as lists of {kind, text}) and write each member's best matches "
            "with a score and a one-sentence reason. Needs no database."
        ),
    )
    parser.add_argument("--input", required=True, type=Path, help="profiles, JSON Lines")
    parser.add_argument("--output", required=True, type=Path, help="recommendations, JSON Lines")
    parser.add_argument("--top", type=_positive_int, default=10, help="matches per member (10)")
    parser.add_argument(
        "--model", choices=MODEL_NAMES, default="lexical", help="text model (lexical)"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.set_defaults(func=run)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def run(args: argparse.Namespace) -> int:
    say = _Reporter(quiet=args.quiet)
    source: Path = args.input
    target: Path = args.output
    if not source.is_file():
        return say.error(f"{source}: no such file")
    if not target.parent.is_dir():
        return say.error(f"{target.parent}: the output folder does not exist")
    try:
        profiles = read_profiles_jsonl(source)
    except ProfileInputError as exc:
        where = f"{source}, line {exc.line}" if exc.line else str(source)
        return say.error(f"{where}: {exc.message}; nothing was written")
    say.info(f"read {len(profiles)} profiles from {source}")
    try:
        lists = _recommend(profiles, args.model, args.top, say)
    except ModelUnavailableError as exc:
        return say.error(f"{exc}; nothing was written")
    write_atomically(target, _lines(profiles, lists))
    say.info(f"wrote {len(profiles)} lines to {target}")
    return EXIT_OK


def _recommend(
    profiles: list[Profile], model: str, top: int, say: _Reporter
) -> dict[str, list[Match]]:
    if not profiles:
        return {}
    started = time.perf_counter()
    say.info(f"building the {model} model and index")
    engine = MatchEngine(profiles, model=model)
    say.info(f"built in {time.perf_counter() - started:.1f} s ({engine.index.kind} search)")
    with say.progress(len(profiles), "matching") as advance:
        return engine.recommend_all(top=top, progress=advance)


def _lines(profiles: list[Profile], lists: dict[str, list[Match]]) -> Iterable[str]:
    for profile in profiles:
        record: dict[str, Any] = {
            "id": profile.id,
            "matches": [match_to_record(m) for m in lists.get(profile.id, [])],
        }
        yield json.dumps(record, ensure_ascii=False) + "\n"


class _Reporter:
    """Progress and messages on stderr; stdout stays free for the caller."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet

    def info(self, message: str) -> None:
        if not self.quiet:
            sys.stderr.write(f"mensch match: {message}\n")

    def error(self, message: str) -> int:
        sys.stderr.write(f"mensch match: error: {message}\n")
        return EXIT_BAD_INPUT

    @contextlib.contextmanager
    def progress(self, total: int, label: str) -> Any:
        bar = tqdm(
            total=total,
            desc=label,
            unit="member",
            file=sys.stderr,
            disable=self.quiet,
            mininterval=0.5,
        )
        try:
            yield bar.update
        finally:
            bar.close()
