"""Evaluate the listening coach on hand-labelled messages.

Run: ``.venv/bin/python eval/coach/evaluate.py [path.jsonl ...]``

Without paths it evaluates ``messages.jsonl`` (the development set) and then
``holdout.jsonl`` (written after the coach's last change, never used to
change it); see README.md for what each figure means.

A message is *flagged* when the coach would ask for confirmation before
sending (score >= CONFIRM_THRESHOLD). "pitch" is the positive class.
Prints precision, recall and F1 at that threshold, the confusion matrix,
results per kind, a sweep over other thresholds (for information only; the
product threshold is not fitted to this file), and every misclassified
message with its score and the signals behind it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mensch.engine.coach import (
    CONFIRM_THRESHOLD,
    LISTENING_BELOW,
    CoachResult,
    score_message,
)

HERE = Path(__file__).resolve().parent
DEFAULT_PATHS = (HERE / "messages.jsonl", HERE / "holdout.jsonl")
LABELS = ("pitch", "ok")


@dataclass(frozen=True)
class Scored:
    text: str
    label: str
    kind: str
    result: CoachResult
    category: str = ""  # what the pitch does, shared by its look-alike ok messages

    @property
    def flagged(self) -> bool:
        return self.result.needs_confirmation


def load(path: Path) -> list[dict[str, str]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("label") not in LABELS or not isinstance(row.get("text"), str):
            raise SystemExit(f"{path}:{number}: needs a text and a label in {LABELS}")
        rows.append(row)
    return rows


def score_all(rows: list[dict[str, str]]) -> list[Scored]:
    return [
        Scored(
            row["text"],
            row["label"],
            row.get("kind", "-"),
            score_message(
                row["text"],
                recipient_name=row.get("recipient"),
                context=row.get("context", "first_message"),  # type: ignore[arg-type]
            ),
            row.get("category", ""),
        )
        for row in rows
    ]


def metrics(pairs: list[tuple[bool, bool]]) -> tuple[int, int, int, int, float, float, float]:
    """``(tp, fp, fn, tn, precision, recall, f1)`` for (is_pitch, flagged) pairs."""
    tp = sum(1 for pitch, flagged in pairs if pitch and flagged)
    fp = sum(1 for pitch, flagged in pairs if not pitch and flagged)
    fn = sum(1 for pitch, flagged in pairs if pitch and not flagged)
    tn = sum(1 for pitch, flagged in pairs if not pitch and not flagged)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return tp, fp, fn, tn, precision, recall, f1


def report(name: str, scored: list[Scored]) -> None:
    pairs = [(s.label == "pitch", s.flagged) for s in scored]
    tp, fp, fn, tn, precision, recall, f1 = metrics(pairs)
    pitches = sum(1 for s in scored if s.label == "pitch")
    print("=" * 78)
    print(
        f"{name}: {len(scored)} messages ({pitches} pitch, {len(scored) - pitches} ok); "
        f"flagged = score >= {CONFIRM_THRESHOLD}"
    )
    print("=" * 78)
    print()
    print(f"precision  {precision:.3f}   (flagged messages that are pitches)")
    print(f"recall     {recall:.3f}   (pitches that get flagged)")
    print(f"F1         {f1:.3f}")
    print(f"accuracy   {(tp + tn) / len(scored):.3f}")
    print()
    print("confusion matrix      flagged   not flagged")
    print(f"  labelled pitch      {tp:7d}   {fn:11d}")
    print(f"  labelled ok         {fp:7d}   {tn:11d}")
    print()
    _per_category(scored)
    _per_kind(scored)
    _sweep(scored)
    _misclassified(scored)


def _per_category(scored: list[Scored]) -> None:
    """Precision and recall within each category (pitches and their look-alike ok messages)."""
    groups: dict[str, list[Scored]] = defaultdict(list)
    for item in scored:
        if item.category:
            groups[item.category].append(item)
    if not groups:
        return
    print("per category            pitch  ok  precision  recall  false alarms")
    for category, items in sorted(groups.items()):
        tp, fp, fn, tn, precision, recall, _ = metrics(
            [(s.label == "pitch", s.flagged) for s in items]
        )
        print(
            f"  {category:<20} {tp + fn:6d} {fp + tn:3d}  {precision:9.3f}  {recall:6.3f}"
            f"  {fp:3d} of {fp + tn}"
        )
    print()


def _per_kind(scored: list[Scored]) -> None:
    groups: dict[tuple[str, str], list[Scored]] = defaultdict(list)
    for item in scored:
        groups[(item.label, item.kind)].append(item)
    print("per kind                        n  flagged  mean score")
    for (label, kind), items in sorted(groups.items()):
        flagged = sum(1 for i in items if i.flagged)
        mean = sum(i.result.score for i in items) / len(items)
        print(f"  {label:<5} {kind:<22} {len(items):3d}  {flagged:7d}  {mean:10.1f}")
    print()


def _sweep(scored: list[Scored]) -> None:
    print("threshold sweep (information only)")
    print("  threshold  precision  recall     F1")
    for threshold in range(20, 75, 5):
        pairs = [(s.label == "pitch", s.result.score >= threshold) for s in scored]
        *_, precision, recall, f1 = metrics(pairs)
        marker = ""
        if threshold == CONFIRM_THRESHOLD:
            marker = "  <- asks for confirmation (product threshold)"
        elif threshold == LISTENING_BELOW:
            marker = "  <- verdict 'mixed' or worse"
        print(f"  {threshold:9d}  {precision:9.3f}  {recall:6.3f}  {f1:5.3f}{marker}")
    print()


def _misclassified(scored: list[Scored]) -> None:
    wrong = [s for s in scored if (s.label == "pitch") != s.flagged]
    print(f"misclassified ({len(wrong)})")
    for item in sorted(wrong, key=lambda s: (s.label, -s.result.score)):
        outcome = "missed pitch" if item.label == "pitch" else "false alarm"
        text = item.text if len(item.text) <= 160 else item.text[:157] + "..."
        signals = ", ".join(f"{s.code} {s.points:+d}" for s in item.result.signals) or "none"
        print(f"- [{outcome}] score {item.result.score} ({item.kind})")
        print(f"    {text}")
        print(f"    signals: {signals}")
        if item.result.strengths:
            print(f"    strengths: {' '.join(item.result.strengths)}")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=list(DEFAULT_PATHS))
    args = parser.parse_args(argv)
    for path in args.paths:
        report(path.name, score_all(load(path)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
