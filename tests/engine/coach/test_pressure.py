"""The coach hears pitches written in the second person (issue 15)."""

from __future__ import annotations

import pytest

from mensch.engine.coach import CoachResult, score_message
from mensch.engine.coach.pressure import is_pressure, pressure_signals
from mensch.engine.coach.text import read_draft


def _codes(result: CoachResult) -> set[str]:
    return {signal.code for signal in result.signals}


@pytest.mark.unit
@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "You're losing bookings every week because your site is slow. You need this.",
            "you_pressure",
        ),
        ("Only 4 seats left for the retreat, and the offer ends Friday.", "urgency"),
        ("Our bookkeeping package is €89 per month, 20% off for the first quarter.", "price_offer"),
        ("Book a 15-min call and I'll show you our dashboard.", "call_request"),
        ("Du verlierst jeden Tag Kunden. Du brauchst eine neue Website.", "you_pressure"),
        ("Plus que quelques places pour l'atelier, dernière chance !", "urgency"),
    ],
)
def test_score_message_flags_each_pressure_habit(text: str, code: str) -> None:
    result = score_message(text)

    assert code in _codes(result)
    assert result.needs_confirmation


@pytest.mark.unit
@pytest.mark.parametrize(
    "text",
    [
        "You asked what my accountant charges: about €89 per month. Want her name?",
        "You said a call would be easier. I'm free Tuesday; can I call you at 10?",
        "Since you asked: only 4 seats are left on the bus to the conference. Want one?",
        "You mentioned your site is slow on phones. What have you tried so far?",
    ],
)
def test_score_message_does_not_flag_what_they_asked_for(text: str) -> None:
    result = score_message(text)

    assert not result.needs_confirmation
    assert not _codes(result) & {"urgency", "price_offer", "call_request"}


@pytest.mark.unit
def test_pressure_explanation_quotes_the_phrase_found() -> None:
    result = score_message("Only 3 spots left in the cohort. Enrolment closes Friday.")

    urgency = next(s for s in result.signals if s.code == "urgency")
    assert "“only 3 spots”" in urgency.explanation
    assert urgency.suggestion


@pytest.mark.unit
def test_pressure_second_person_keeps_half_when_they_asked() -> None:
    pushed, _ = pressure_signals(read_draft("You need a proper CRM, trust me."))
    asked, _ = pressure_signals(read_draft("You asked me, so: you need a proper CRM, trust me."))

    assert pushed[0].points > asked[0].points > 0


@pytest.mark.unit
def test_call_request_question_is_not_curiosity() -> None:
    result = score_message("Can I show you a short demo of our app on Thursday?")

    assert "no_question" in _codes(result)
    assert result.stats.questions == 0
    assert is_pressure("can i show you a short demo of our app on thursday?")
    assert not is_pressure("how did the first week of the launch go?")


@pytest.mark.unit
def test_plain_time_words_are_not_pressure() -> None:
    for text in (
        "It's been almost a year since the conference. How is the clinic doing?",
        "Running ten minutes late, save me a seat at table 4 please!",
        "Would you like to grab a coffee next month and compare notes?",
    ):
        assert not pressure_signals(read_draft(text))[0], text
