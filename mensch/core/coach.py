"""The listening coach inside the product: live feedback, and "send anyway?" enforced here.

Introduction requests and the first message of a thread call
:func:`coach_require_confirmation`; a draft at or above the engine's
``CONFIRM_THRESHOLD`` is refused until the sender confirms (``confirm_pitch``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from mensch.engine.coach import CONFIRM_THRESHOLD, CoachResult, Context, score_message

__all__ = ["CONFIRM_THRESHOLD", "coach_draft", "coach_message", "coach_require_confirmation"]


def coach_draft(
    text: str, *, recipient_name: str | None = None, context: Context = "first_message"
) -> CoachResult:
    return score_message(text, recipient_name=recipient_name, context=context)


def coach_message(result: CoachResult) -> str:
    """The coach's explanation as one paragraph, for a form error or an API 400."""
    parts = [result.summary]
    parts += [signal.suggestion for signal in result.signals[:2]]
    parts.append(
        "Rewrite it, or confirm that you want to send it as it is "
        "(tick “Send it anyway”; API: confirm_pitch true)."
    )
    return " ".join(parts)


def coach_require_confirmation(
    *, text: str, recipient_name: str | None, context: Context, confirm_pitch: bool
) -> CoachResult:
    """Score ``text``; raise a ``confirm_pitch`` error for a pitch the sender did not confirm."""
    result = coach_draft(text, recipient_name=recipient_name, context=context)
    if result.needs_confirmation and not confirm_pitch:
        raise ValidationError({"confirm_pitch": [coach_message(result)]})
    return result
