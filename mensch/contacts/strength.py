"""Relationship strength: a number from 0 to 100 from the interaction history.

Pure Python so it can be explained and tested on its own. In plain words (the
contacts page shows EXPLANATION):

* recency (35%): how lately you were in touch; it halves every 30 days;
* frequency (25%): how many times you were in touch over the last year, up to
  twelve (once a month counts as full marks);
* reciprocity (15%): whether both of you reach out, not only one side;
* depth (25%): meetings and favours count more than a message, and every
  interaction counts less as it ages (half its weight after 90 days).

Notes you write are memory, not contact: they do not count.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

RECENCY_HALF_LIFE = 30
DEPTH_HALF_LIFE = 90
FULL_FREQUENCY = 12
FULL_DEPTH = 8.0
WEIGHTS = {"recency": 0.35, "frequency": 0.25, "reciprocity": 0.15, "depth": 0.25}
DEPTH = {
    "met": 2.0,
    "meeting": 3.0,
    "favour": 3.0,
    "call": 2.0,
    "introduction": 1.5,
    "message": 1.0,
}

EXPLANATION = (
    "Strength runs from 0 to 100. Recency counts for 35%: it halves every 30 days without "
    "contact. Frequency counts for 25%: times in touch over the last year, full marks at "
    "once a month. Reciprocity counts for 15%: full when both of you reach out equally. "
    "Depth counts for 25%: a meeting or a favour weighs three times a message, a call "
    "twice, and every interaction weighs half as much after 90 days. Notes do not count."
)


@dataclass(frozen=True)
class Touch:
    kind: str
    on: date
    initiated_by: str  # "me", "them" or "both"


@dataclass(frozen=True)
class Strength:
    score: float
    recency: float
    frequency: float
    reciprocity: float
    depth: float


def _decay(days: int, half_life: int) -> float:
    return math.pow(0.5, max(days, 0) / half_life)


def strength(touches: Iterable[Touch], *, today: date) -> Strength:
    counted = [t for t in touches if t.kind in DEPTH]
    if not counted:
        return Strength(0.0, 0.0, 0.0, 0.0, 0.0)
    latest = max(t.on for t in counted)
    recency = _decay((today - latest).days, RECENCY_HALF_LIFE)
    last_year = [t for t in counted if 0 <= (today - t.on).days <= 365]
    frequency = min(1.0, len(last_year) / FULL_FREQUENCY)
    mine = sum(
        1.0 if t.initiated_by == "me" else 0.5 if t.initiated_by == "both" else 0 for t in counted
    )
    theirs = len(counted) - mine
    reciprocity = 1.0 - abs(mine - theirs) / len(counted)
    depth = min(
        1.0,
        sum(DEPTH[t.kind] * _decay((today - t.on).days, DEPTH_HALF_LIFE) for t in counted)
        / FULL_DEPTH,
    )
    score = 100 * (
        WEIGHTS["recency"] * recency
        + WEIGHTS["frequency"] * frequency
        + WEIGHTS["reciprocity"] * reciprocity
        + WEIGHTS["depth"] * depth
    )
    return Strength(round(score, 1), recency, frequency, reciprocity, depth)
