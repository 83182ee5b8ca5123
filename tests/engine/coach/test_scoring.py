from __future__ import annotations

import time

import pytest

from mensch.engine.coach import CONFIRM_THRESHOLD, MAX_CHARS, CoachResult, score_message

AGENCY_PITCH = (
    "Hi Dana, I hope this message finds you well. We are a full-service digital marketing "
    "agency helping small businesses grow. Our services include SEO and paid ads. We've worked "
    "with over 150 clients. Book a call here: https://cal.com/acme/30min"
)
ME_ME_ME = (
    "Hi, I'm Jakub. I'm a photographer based in Kraków. I shoot weddings and portraits. "
    "I've been doing this for eight years and I love my job. My work has been in magazines."
)
CURIOUS = (
    "Hi Dana, I saw that you design brand identities for small studios. I'm opening a bakery "
    "in Porto and I have no idea where to start. How do you usually work with a business "
    "that's still a sketch on paper?"
)


def _codes(result: CoachResult) -> set[str]:
    return {signal.code for signal in result.signals}


def _explanations(result: CoachResult) -> str:
    return " ".join(signal.explanation for signal in result.signals)


@pytest.mark.unit
def test_score_message_agency_pitch_is_broadcasting() -> None:
    result = score_message(AGENCY_PITCH, recipient_name="Dana Okafor")

    assert result.verdict == "broadcasting"
    assert result.needs_confirmation
    assert {"call_to_action", "self_promotion", "no_question", "links"} <= _codes(result)
    assert "“book a call”" in _explanations(result)
    assert "“our services”" in _explanations(result)
    assert all(signal.suggestion for signal in result.signals)


@pytest.mark.unit
def test_score_message_me_me_me_counts_the_self_talk() -> None:
    result = score_message(ME_ME_ME, recipient_name="Dana Okafor")

    assert result.needs_confirmation
    self_focus = next(s for s in result.signals if s.code == "self_focus")
    assert self_focus.explanation == "You talk about yourself 7 times and about Dana not once."
    assert self_focus.suggestion.startswith("Ask about what Dana needs")
    assert result.summary.startswith("This reads like broadcasting")


@pytest.mark.unit
def test_score_message_curious_first_message_is_listening() -> None:
    result = score_message(CURIOUS, recipient_name="Dana")

    assert result.verdict == "listening"
    assert not result.needs_confirmation
    assert "You ask a question, which invites them to talk." in result.strengths
    assert "no_question" not in _codes(result)


@pytest.mark.unit
def test_score_message_question_lowers_score() -> None:
    statement = "Hi Ana, I'm a bookkeeper for small studios. I work with eight designers in Lisbon."
    with_question = statement + " What's the part of your admin you like least?"

    assert score_message(with_question).score < score_message(statement).score


@pytest.mark.unit
def test_score_message_sales_question_does_not_count_as_curiosity() -> None:
    result = score_message("Want more leads for your agency? We can help.")

    assert {"no_question", "sales_question"} <= _codes(result)
    assert "Want more leads for your agency?" in _explanations(result)


@pytest.mark.unit
def test_score_message_asking_for_their_time_is_not_curiosity() -> None:
    result = score_message("Could we get 15 minutes on your calendar this Thursday?")

    no_question = next(s for s in result.signals if s.code == "no_question")
    assert no_question.explanation == "You ask for their time but nothing about them."


@pytest.mark.unit
def test_score_message_links_raise_score() -> None:
    base = "Thanks for the talk tonight, it made me rethink our pricing."
    linked = base + " https://acme.io https://acme.io/blog https://acme.io/pricing"

    result = score_message(linked)

    assert result.score > score_message(base).score
    assert "You include 3 links" in _explanations(result)


@pytest.mark.unit
def test_score_message_contact_dump_raises_score() -> None:
    base = "Good to meet you at the breakfast."
    dump = base + " Email: ravi@techsolutions.in Mobile: +91 98765 43210 Instagram @ravi.tech"

    result = score_message(dump)

    assert result.score >= score_message(base).score + 30
    assert result.stats.contact_details == 3
    assert "an email address, a phone number, a social handle" in _explanations(result)


@pytest.mark.unit
@pytest.mark.parametrize("text", ["", "   \n\t  ", "\u200b\u200b"])
def test_score_message_empty_text_scores_zero(text: str) -> None:
    result = score_message(text)

    assert result.score == 0
    assert result.signals == ()
    assert "The draft is empty; there is nothing to score yet." in result.notes


@pytest.mark.unit
@pytest.mark.parametrize(
    "unit",
    [
        "Book a call with us! ",
        "a" * 1000 + " ",
        "x.io y.io +351 912 000 111 ",
        "((((((((((1111111111 ",
        "?!" * 50,
    ],
)
def test_score_message_ten_megabytes_returns_quickly_with_note(unit: str) -> None:
    text = unit * (10 * 1024 * 1024 // len(unit) + 1)

    start = time.perf_counter()
    result = score_message(text)
    elapsed = time.perf_counter() - start

    assert result.truncated
    assert f"Only the first {MAX_CHARS:,} of {len(text):,} characters were read" in result.notes[0]
    assert "wall_of_text" in _codes(result)
    # Generous bound: a regression to reading all 10 MB would take far longer.
    assert elapsed < 5


@pytest.mark.unit
def test_score_message_unicode_tricks_are_seen_through() -> None:
    fancy = "𝐁𝐨𝐨𝐤 𝐚 𝐜𝐚𝐥𝐥 today for our dis\u200bcount"  # math bold letters, zero-width space

    result = score_message(fancy)

    assert "“book a call”" in _explanations(result)
    assert "“discount”" in _explanations(result)


@pytest.mark.unit
@pytest.mark.parametrize(
    "text",
    [
        "Привет! Как дела? Расскажите о вашем проекте.",
        "こんにちは。あなたのプロジェクトについて教えてください？",
        "🙂🙂🙂",
        "I’m curious — how’s the new studio going?",
        "\x00\x01 control characters \ud800 and a lone surrogate",
    ],
)
def test_score_message_any_unicode_returns_a_result(text: str) -> None:
    result = score_message(text)

    assert 0 <= result.score <= 100
    assert result.verdict in {"listening", "mixed", "broadcasting"}


@pytest.mark.unit
def test_score_message_curly_apostrophes_count_as_self_talk() -> None:
    result = score_message("I’m a coach. I’ve coached 200 people. I’d love to coach you.")

    assert result.stats.self_mentions == 3


@pytest.mark.unit
def test_score_message_same_text_same_result() -> None:
    assert score_message(AGENCY_PITCH, recipient_name="Dana") == score_message(
        AGENCY_PITCH, recipient_name="Dana"
    )


@pytest.mark.unit
def test_score_message_introduction_request_needs_a_reason() -> None:
    bare = score_message("Please introduce me to Carla.", context="introduction_request")
    reasoned = score_message(
        "Please introduce me to Carla. I'm moving my bakery to a new till system and her team "
        "migrated 200 shops last year; I'd like to learn what went wrong for them.",
        context="introduction_request",
    )

    assert "You don't say why you want the introduction." in _explanations(bare)
    assert "no_reason" not in _codes(reasoned)


@pytest.mark.unit
def test_score_message_template_placeholder_is_flagged() -> None:
    result = score_message("Hi {first_name}, I think you'd love our new course.")

    assert "A template placeholder is left in (“{first_name}”)." in _explanations(result)


@pytest.mark.unit
def test_score_message_shouting_is_named() -> None:
    result = score_message("LAST CHANCE to JOIN!!! Only today!!! 🚀🔥", context="event_chat")

    shouting = next(s for s in result.signals if s.code == "shouting")
    assert "words in capitals" in shouting.explanation
    assert "exclamation marks" in shouting.explanation


@pytest.mark.unit
def test_score_message_kind_words_do_not_hide_a_pitch() -> None:
    pitch = (
        "Thanks for connecting! We help SaaS companies get 10x more leads. Happy to help you "
        "too: book a free call at bit.ly/xyz"
    )

    assert score_message(pitch).needs_confirmation


@pytest.mark.unit
def test_score_message_generous_offer_is_listening() -> None:
    result = score_message(
        "Hi Maria, you mentioned you're looking for a bookkeeper who knows Portuguese tax. "
        "I work with two who are excellent. Want me to introduce you?",
        recipient_name="Maria",
    )

    assert result.verdict == "listening"
    assert "You refer to something they said or did." in result.strengths
    assert "You offer something without asking for anything back." in result.strengths


@pytest.mark.unit
def test_score_message_slides_link_in_event_chat_is_fine() -> None:
    result = score_message(
        "Here are the slides from tonight's talk, as promised: https://speakerdeck.com/hanna/pricing",
        context="event_chat",
    )

    assert result.verdict == "listening"


@pytest.mark.unit
@pytest.mark.parametrize("name", ["", "   ", "!!", None])
def test_score_message_blank_recipient_name_is_ignored(name: str | None) -> None:
    result = score_message(ME_ME_ME, recipient_name=name)

    assert "about them not once" in _explanations(result)


@pytest.mark.unit
def test_score_message_unknown_context_is_refused() -> None:
    with pytest.raises(ValueError, match="context must be one of"):
        score_message("hello", context="newsletter")  # type: ignore[arg-type]


@pytest.mark.unit
def test_score_message_non_text_is_refused() -> None:
    with pytest.raises(TypeError, match="a draft is text"):
        score_message(b"bytes")  # type: ignore[arg-type]


@pytest.mark.unit
def test_confirm_threshold_sits_where_both_core_habits_meet() -> None:
    """Talking only about oneself and asking nothing together reach it; either alone doesn't."""
    me_only_with_question = score_message(ME_ME_ME + " What are you working on?")
    no_question_about_them = score_message(
        "Your talk on pricing was great. Your point about anchoring stuck with you all night, "
        "I bet, since you raised it twice."
    )

    assert score_message(ME_ME_ME).score >= CONFIRM_THRESHOLD
    assert me_only_with_question.score < CONFIRM_THRESHOLD
    assert no_question_about_them.score < CONFIRM_THRESHOLD
