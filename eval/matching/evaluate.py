"""Score the matching engine on the labelled set in this folder.

Run from the repository root::

    .venv/bin/python eval/matching/evaluate.py            # table for every model
    .venv/bin/python eval/matching/evaluate.py --verbose  # plus each query's ranks

For every configuration (lexical, semantic, and the one-sided lexical baseline)
it builds a :class:`~mensch.engine.matching.MatchEngine` over
``profiles.jsonl``, asks it for each labelled query's full ranked list with
``recommend`` and prints hit@1, hit@5 and MRR of the known reciprocal partner,
the share of queries with a look-alike competitor in the top 5, the share where
a one-sided candidate ranks above the partner, and the share where a decoy
(a false friend such as "Instagram accounts" for "accounts") does.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere, installed or not
    sys.path.insert(0, str(ROOT))

from mensch.engine.matching import (  # noqa: E402
    MatchEngine,
    ModelUnavailableError,
    Profile,
    profile_from_record,
    read_profiles_jsonl,
)
from mensch.engine.matching import sense as sense_module  # noqa: E402

TOP_K = 5


@dataclass(frozen=True)
class Config:
    label: str
    model: str
    reciprocal: bool
    sense: bool = True  # False: candidates are not re-scored in context (sense.py)


CONFIGS: tuple[Config, ...] = (
    Config("lexical", "lexical", True),
    Config("lexical (no sense)", "lexical", True, sense=False),
    Config("semantic", "semantic", True),
    Config("semantic (no sense)", "semantic", True, sense=False),
    Config("one-sided (lexical)", "lexical", False),
    Config("one-sided (semantic)", "semantic", False),
)


@contextmanager
def sense_turned(on: bool) -> Iterator[None]:
    """Run with the engine's sense re-scoring as configured, or with it off."""
    saved = dict(sense_module.SENSE_BY_MODEL)
    if not on:
        for name in saved:
            sense_module.SENSE_BY_MODEL[name] = sense_module.NO_SENSE
    try:
        yield
    finally:
        sense_module.SENSE_BY_MODEL.update(saved)


@dataclass
class QueryResult:
    query: str
    partner_rank: int | None  # 1-based rank of the best-ranked partner; None: not listed
    lookalike_in_top: bool
    one_sided_above: bool
    decoy_above: bool | None  # None: the query has no decoys
    ranked: list[str]


@dataclass
class Scores:
    label: str
    queries: int
    hit1: float
    hit5: float
    mrr: float
    lookalike_top5: float
    one_sided_above: float
    decoy_above: float
    decoy_queries: int
    build_s: float
    results: list[QueryResult]


def load_labels(path: Path, profile_ids: set[str]) -> dict[str, dict[str, Any]]:
    """The labelled queries, checked against the profile ids."""
    data = json.loads(path.read_text(encoding="utf-8"))
    queries: dict[str, dict[str, Any]] = data["queries"]
    for query, label in queries.items():
        named = [query, *label["partners"], *label.get("lookalikes", [])]
        named += [*label.get("one_sided", []), *label.get("decoys", [])]
        unknown = [pid for pid in named if pid not in profile_ids]
        if unknown:
            raise SystemExit(f"labels.json: query {query!r} names unknown profiles {unknown}")
        if not label["partners"]:
            raise SystemExit(f"labels.json: query {query!r} has no partner")
    return queries


def rank_of(ranked: Sequence[str], wanted: Sequence[str]) -> int | None:
    """1-based rank of the first of ``wanted`` in ``ranked``; None when none is listed."""
    targets = set(wanted)
    for position, pid in enumerate(ranked, start=1):
        if pid in targets:
            return position
    return None


def _above(ranked: Sequence[str], others: Sequence[str], partner_rank: int | None) -> bool:
    other_rank = rank_of(ranked, others)
    if other_rank is None:
        return False
    return partner_rank is None or other_rank < partner_rank


def evaluate(config: Config, profiles: list[Profile], labels: dict[str, dict[str, Any]]) -> Scores:
    """Build the engine for one configuration and score every labelled query."""
    with sense_turned(config.sense):
        started = time.perf_counter()
        engine = MatchEngine(profiles, model=config.model, reciprocal=config.reciprocal)
        everyone = len(profiles) - 1
        engine.recommend(profiles[0].id, top=1)  # the index and the sense reader
        build_s = time.perf_counter() - started
        lists = {query: engine.recommend(query, top=everyone) for query in labels}
    results: list[QueryResult] = []
    for query, label in labels.items():
        ranked = [match.id for match in lists[query]]
        partner_rank = rank_of(ranked, label["partners"])
        decoys = label.get("decoys", [])
        results.append(
            QueryResult(
                query=query,
                partner_rank=partner_rank,
                lookalike_in_top=bool(set(ranked[:TOP_K]) & set(label.get("lookalikes", []))),
                one_sided_above=_above(ranked, label.get("one_sided", []), partner_rank),
                decoy_above=_above(ranked, decoys, partner_rank) if decoys else None,
                ranked=ranked,
            )
        )
    n = len(results)
    with_decoys = [r for r in results if r.decoy_above is not None]
    return Scores(
        label=config.label,
        queries=n,
        hit1=sum(r.partner_rank == 1 for r in results) / n,
        hit5=sum(r.partner_rank is not None and r.partner_rank <= TOP_K for r in results) / n,
        mrr=sum(1.0 / r.partner_rank for r in results if r.partner_rank) / n,
        lookalike_top5=sum(r.lookalike_in_top for r in results) / n,
        one_sided_above=sum(r.one_sided_above for r in results) / n,
        decoy_above=(
            sum(bool(r.decoy_above) for r in with_decoys) / len(with_decoys) if with_decoys else 0.0
        ),
        decoy_queries=len(with_decoys),
        build_s=build_s,
        results=results,
    )


@dataclass
class TrapScores:
    label: str
    triples: int
    wins: int  # the true partner ranked above the decoy
    hit1: int  # the true partner ranked first
    mrr: float
    lost: list[str]


def load_traps(path: Path) -> tuple[list[dict[str, Any]], list[Profile]]:
    """Trap triples (seeker, partner, decoy) and all their profiles, in file order."""
    triples: list[dict[str, Any]] = []
    profiles: list[Profile] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        for role in ("seeker", "partner", "decoy"):
            if not isinstance(row.get(role), dict):
                raise SystemExit(f"{path.name}:{number}: needs a {role} profile")
            profiles.append(profile_from_record(row[role]))
        triples.append(row)
    return triples, profiles


def evaluate_traps(
    config: Config, triples: list[dict[str, Any]], profiles: list[Profile]
) -> TrapScores:
    """Rank everyone in the trap community for each seeker: does the partner beat the decoy?"""
    with sense_turned(config.sense):
        engine = MatchEngine(profiles, model=config.model, reciprocal=config.reciprocal)
        everyone = len(profiles) - 1
        lists = {t["seeker"]["id"]: engine.recommend(t["seeker"]["id"], everyone) for t in triples}
    wins = hit1 = 0
    reciprocal_ranks = 0.0
    lost: list[str] = []
    for triple in triples:
        ranked = [match.id for match in lists[triple["seeker"]["id"]]]
        partner = rank_of(ranked, [triple["partner"]["id"]])
        decoy = rank_of(ranked, [triple["decoy"]["id"]])
        won = partner is not None and (decoy is None or partner < decoy)
        wins += won
        hit1 += partner == 1
        reciprocal_ranks += 1.0 / partner if partner else 0.0
        if not won:
            lost.append(f"{triple['id']} ({triple.get('theme', '')})")
    return TrapScores(config.label, len(triples), wins, hit1, reciprocal_ranks / len(triples), lost)


def format_traps(rows: Sequence[TrapScores], skipped: Sequence[tuple[str, str]]) -> str:
    header = f"{'model':<22}{'wins':>9}{'win rate':>10}{'hit@1':>7}{'MRR':>7}"
    lines = [header, "-" * len(header)]
    for s in rows:
        lines.append(
            f"{s.label:<22}{f'{s.wins}/{s.triples}':>9}{s.wins / s.triples:>10.3f}"
            f"{s.hit1 / s.triples:>7.3f}{s.mrr:>7.3f}"
        )
    for label, why in skipped:
        lines.append(f"{label:<22}skipped: {why}")
    return "\n".join(lines)


def measure_throughput(profiles: Sequence[Profile], rounds: int = 5) -> str:
    """Texts per second of the semantic model's ``encode`` on every text of the set."""
    try:
        from mensch.engine.matching.semantic import SemanticModel

        model = SemanticModel()
    except ModelUnavailableError as exc:
        return f"semantic throughput: skipped ({exc})"
    texts = [item.text for p in profiles for item in (*p.asks, *p.offers)]
    texts += [p.headline for p in profiles if p.headline]
    model.encode(texts[:8])  # warm up
    tokens = sum(len(ids) for ids in model.tokenize(texts))
    started = time.perf_counter()
    for _ in range(rounds):
        model.encode(texts)
    elapsed = (time.perf_counter() - started) / rounds
    return (
        f"semantic throughput: {len(texts) / elapsed:.0f} texts/s "
        f"({tokens / elapsed:.0f} tokens/s; {len(texts)} texts, "
        f"{tokens / len(texts):.1f} tokens each on average, batch {model.batch_size})"
    )


def format_table(rows: Sequence[Scores], skipped: Sequence[tuple[str, str]]) -> str:
    """The results as a fixed-width text table."""
    header = (
        f"{'model':<22}{'hit@1':>7}{'hit@5':>7}{'MRR':>7}"
        f"{'alike@5':>9}{'1-sided>':>10}{'decoy>':>8}{'build s':>9}"
    )
    lines = [header, "-" * len(header)]
    for s in rows:
        lines.append(
            f"{s.label:<22}{s.hit1:>7.3f}{s.hit5:>7.3f}{s.mrr:>7.3f}"
            f"{s.lookalike_top5:>9.3f}{s.one_sided_above:>10.3f}{s.decoy_above:>8.3f}"
            f"{s.build_s:>9.2f}"
        )
    for label, why in skipped:
        lines.append(f"{label:<22}skipped: {why}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=Path, default=HERE / "profiles.jsonl")
    parser.add_argument("--labels", type=Path, default=HERE / "labels.json")
    parser.add_argument(
        "--models",
        default=",".join(c.label for c in CONFIGS),
        help="comma-separated configurations to run (default: all)",
    )
    parser.add_argument("--traps", type=Path, default=HERE / "traps.jsonl")
    parser.add_argument("--verbose", action="store_true", help="print each query's ranks")
    parser.add_argument(
        "--throughput",
        action="store_true",
        help="also time the semantic model's encode on the set's texts",
    )
    args = parser.parse_args(argv)

    profiles = read_profiles_jsonl(args.profiles)
    labels = load_labels(args.labels, {p.id for p in profiles})
    wanted = {name.strip() for name in args.models.split(",") if name.strip()}
    unknown = wanted - {c.label for c in CONFIGS}
    if unknown:
        parser.error(f"unknown configuration(s) {sorted(unknown)}")

    rows: list[Scores] = []
    skipped: list[tuple[str, str]] = []
    for config in CONFIGS:
        if config.label not in wanted:
            continue
        try:
            rows.append(evaluate(config, profiles, labels))
        except ModelUnavailableError as exc:
            skipped.append((config.label, str(exc)))

    decoys = rows[0].decoy_queries if rows else 0
    print(
        f"{len(profiles)} profiles, {len(labels)} labelled queries "
        f"({decoys} with decoys); ranks from MatchEngine.recommend"
    )
    print(format_table(rows, skipped))
    print(
        f"alike@5: share of queries with a look-alike competitor in the top {TOP_K}; "
        "1-sided>: a one-sided candidate ranked above the partner; "
        "decoy>: a false friend ranked above the partner (queries with decoys only)."
    )
    triples, trap_profiles = load_traps(args.traps)
    trap_rows: list[TrapScores] = []
    trap_skipped: list[tuple[str, str]] = []
    for config in CONFIGS:
        if config.label not in wanted or not config.reciprocal:
            continue
        try:
            trap_rows.append(evaluate_traps(config, triples, trap_profiles))
        except ModelUnavailableError as exc:
            trap_skipped.append((config.label, str(exc)))
    print()
    print(
        f"trap set {args.traps.name}: {len(triples)} seekers, each with a true partner "
        "in other words and a decoy that shares their words in another sense "
        f"({len(trap_profiles)} profiles ranked together)"
    )
    print(format_traps(trap_rows, trap_skipped))
    print("wins: the partner ranked above the decoy; hit@1 / MRR: of the partner.")
    if args.throughput:
        print(measure_throughput(profiles))
    if args.verbose:
        for s in rows:
            print(f"\n== {s.label}")
            for r in s.results:
                rank = r.partner_rank if r.partner_rank is not None else "-"
                flags = [
                    name
                    for name, on in (
                        ("ALIKE@5", r.lookalike_in_top),
                        ("1-SIDED>", r.one_sided_above),
                        ("DECOY>", bool(r.decoy_above)),
                    )
                    if on
                ]
                top = " ".join(r.ranked[:TOP_K])
                print(f"{r.query:<8} partner rank {rank!s:>3}  top {top}  {' '.join(flags)}")
        for t in trap_rows:
            print(f"\n== traps, {t.label}: lost {len(t.lost)}")
            for lost in t.lost:
                print(f"  {lost}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
