"""What the fuzz run answered, per operation, printed at the end of the run (conftest.py)."""

from __future__ import annotations

from collections import Counter

ANSWERS: dict[str, Counter[int]] = {}


def summary() -> str | None:
    statuses: Counter[int] = sum(ANSWERS.values(), Counter())
    if not statuses:
        return None
    server_errors = sum(n for code, n in statuses.items() if code >= 500)
    return (
        f"fuzz: {len(ANSWERS)} operations, {statuses.total()} requests, 5xx: {server_errors}, "
        f"statuses: {dict(sorted(statuses.items()))}"
    )
