"""Score a draft for self-promotion and say why, in plain words."""

from __future__ import annotations

from mensch.engine.coach import signals as sig
from mensch.engine.coach.flood import flood_decision
from mensch.engine.coach.pressure import pressure_signals
from mensch.engine.coach.text import read_draft
from mensch.engine.coach.types import (
    CONFIRM_THRESHOLD,
    CONTEXTS,
    LISTENING_BELOW,
    MAX_CHARS,
    CoachResult,
    Context,
    MessageStats,
    Signal,
    Verdict,
)

# When sales language adds up to this, kind words around it count half: a
# "thanks!" in front of a pitch does not make it listening.
PITCH_DISCOUNTS_CREDIT = 20


def score_message(
    text: str,
    *,
    recipient_name: str | None = None,
    context: Context = "first_message",
) -> CoachResult:
    """Score ``text`` 0-100 for self-promotion (higher is pitchier).

    ``recipient_name`` lets the coach count mentions of them and word its
    advice ("ask about what Dana needs"). Never raises on odd text; raises
    ``ValueError`` for an unknown ``context`` and ``TypeError`` for non-text.
    """
    if context not in CONTEXTS:
        raise ValueError(f"context must be one of {', '.join(CONTEXTS)}, got {context!r}")
    draft = read_draft(text)
    name = first_name(recipient_name)
    notes = []
    if draft.truncated:
        notes.append(
            f"Only the first {MAX_CHARS:,} of {draft.original_length:,} characters were read; "
            "nobody reads a message this long."
        )
    if not draft.text.strip():
        return _empty(draft.original_length, context, tuple(notes), draft.truncated)

    self_count, other = sig.count_pronouns(draft, name)
    genuine, sales_questions, requests = sig.classify_questions(draft)
    sales_signals, sales_points = sig.sales_phrases(draft)
    pressure, pressure_points = pressure_signals(draft)
    found: list[Signal | None] = [
        sig.self_focus(self_count, other, name, context),
        *sig.questions(genuine, sales_questions, requests, name, context),
        sig.flood(draft, flood_decision(draft).collapse),
        sig.links(draft, context),
        sig.contacts(draft),
        *sales_signals,
        *pressure,
        sig.length(draft, context),
        sig.shouting(draft),
        sig.impersonal(draft, name, context),
        sig.missing_reason(draft, context),
    ]
    problems = sorted((s for s in found if s is not None), key=lambda s: -s.points)
    strengths, credit = sig.listening_credits(draft, genuine, name)
    if sales_points + pressure_points >= PITCH_DISCOUNTS_CREDIT:
        credit //= 2
    score = max(0, min(100, sum(s.points for s in problems) - credit))
    stats = MessageStats(
        characters=draft.original_length,
        words=len(draft.words),
        self_mentions=self_count,
        other_mentions=other,
        questions=len(genuine),
        sales_questions=len(sales_questions),
        links=len(draft.links),
        contact_details=len(draft.contact_details),
        exclamations=draft.text.count("!"),
        capitalised_words=sum(1 for w in draft.words if len(w) >= 3 and w.isupper()),
    )
    return CoachResult(
        score=score,
        verdict=verdict_for(score),
        needs_confirmation=score >= CONFIRM_THRESHOLD,
        context=context,
        signals=tuple(problems),
        strengths=tuple(strengths),
        notes=tuple(notes),
        stats=stats,
        truncated=draft.truncated,
    )


def verdict_for(score: int) -> Verdict:
    if score >= CONFIRM_THRESHOLD:
        return "broadcasting"
    if score >= LISTENING_BELOW:
        return "mixed"
    return "listening"


def first_name(recipient_name: str | None) -> str | None:
    """ "Dana Okafor" → "Dana"; blank or punctuation-only names → None."""
    if not recipient_name:
        return None
    for part in recipient_name.split():
        cleaned = part.strip(".,;:!?()[]\"'")
        if cleaned:
            return cleaned
    return None


def _empty(length: int, context: Context, notes: tuple[str, ...], truncated: bool) -> CoachResult:
    return CoachResult(
        score=0,
        verdict="listening",
        needs_confirmation=False,
        context=context,
        signals=(),
        strengths=(),
        notes=(*notes, "The draft is empty; there is nothing to score yet."),
        stats=MessageStats(length, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        truncated=truncated,
    )
