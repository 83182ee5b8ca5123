"""The listening coach (PRODUCT.md §9): is a draft listening or broadcasting?

    result = score_message(draft, recipient_name="Dana", context="first_message")
    result.score, result.verdict, result.needs_confirmation
    for signal in result.signals: signal.explanation, signal.suggestion
    flood_check(chat_message).collapse

Pure Python, no Django import.
"""

from __future__ import annotations

from mensch.engine.coach.flood import flood_check, is_flood
from mensch.engine.coach.scoring import first_name, score_message, verdict_for
from mensch.engine.coach.types import (
    CONFIRM_THRESHOLD,
    CONTEXTS,
    LISTENING_BELOW,
    MAX_CHARS,
    CoachResult,
    Context,
    FloodCheck,
    MessageStats,
    Signal,
    Verdict,
)

__all__ = [
    "CONFIRM_THRESHOLD",
    "CONTEXTS",
    "LISTENING_BELOW",
    "MAX_CHARS",
    "CoachResult",
    "Context",
    "FloodCheck",
    "MessageStats",
    "Signal",
    "Verdict",
    "first_name",
    "flood_check",
    "is_flood",
    "score_message",
    "verdict_for",
]
