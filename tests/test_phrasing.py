"""mensch.phrasing: asks read as needs, articles agree, counts agree with nouns."""

from __future__ import annotations

import pytest

from mensch.phrasing import join_words, need_phrase, offer_phrase, plural, with_article


@pytest.mark.parametrize(
    ("typed", "phrase"),
    [
        ("Looking for someone to keep our books", "someone to keep our books"),
        ("Hiring: a social media intern", "a social media intern"),
        ("Hiring a social media intern?", "a social media intern"),
        ("Seeking investors!", "investors"),
        ("We need temporary staff?", "temporary staff"),
        ("Need a plumber.", "a plumber"),
        ("I'm looking for a designer to refresh our brand", "a designer to refresh our brand"),
        ("Hey, I'm looking for a photographer", "a photographer"),
        ("We're hiring a trainee paraplanner", "a trainee paraplanner"),
        (
            "Would love to meet someone who can print 500 brochures",
            "someone who can print 500 brochures",
        ),
        ("Can anyone recommend a tax adviser?", "a tax adviser"),
        ("Hoping to find a mentor", "a mentor"),
        ("Looking for Looking for someone", "someone"),
        ("  A bookkeeper   for our studio.  ", "a bookkeeper for our studio"),
        ("SEO audits for our shop", "SEO audits for our shop"),
        ("Clients: local businesses", "clients: local businesses"),
        ("Help with bookkeeping", "help with bookkeeping"),
    ],
)
def test_need_phrase_reads_after_looking_for(typed: str, phrase: str) -> None:
    assert need_phrase(typed) == phrase


def test_need_phrase_keeps_a_lone_opener_rather_than_nothing() -> None:
    assert need_phrase("Need") == "need"


def test_offer_phrase_drops_end_punctuation_and_keeps_i() -> None:
    assert offer_phrase("Bookkeeping for studios.") == "bookkeeping for studios"
    assert offer_phrase("I keep books!") == "I keep books"
    assert offer_phrase("SEO audits") == "SEO audits"
    assert offer_phrase("French, German and Spanish translation") == (
        "French, German and Spanish translation"
    )
    assert offer_phrase("Lisbon, Porto and Faro tours") == "Lisbon, Porto and Faro tours"
    assert offer_phrase("Saturday market stalls") == "Saturday market stalls"


@pytest.mark.parametrize(
    ("noun", "phrase"),
    [
        ("introduction", "an introduction"),
        ("intro", "an intro"),
        ("opportunity", "an opportunity"),
        ("investor", "an investor"),
        ("hour", "an hour"),
        ("honest answer", "an honest answer"),
        ("user", "a user"),
        ("university", "a university"),
        ("one-off", "a one-off"),
        ("one", "a one"),
        ("euro", "a euro"),
        ("umbrella", "an umbrella"),
        ("MBA", "an MBA"),
        ("SEO audit", "an SEO audit"),
        ("HR person", "an HR person"),
        ("CTO", "a CTO"),
        ("8-week course", "an 8-week course"),
        ("referral", "a referral"),
        ("advice", "advice"),
        ("feedback", "feedback"),
        ("support", "support"),
        ("advice session", "an advice session"),
    ],
)
def test_with_article_follows_the_sound(noun: str, phrase: str) -> None:
    assert with_article(noun) == phrase


@pytest.mark.parametrize(
    ("count", "noun", "text"),
    [
        (0, "meeting", "0 meetings"),
        (1, "meeting", "1 meeting"),
        (2, "meeting", "2 meetings"),
        (1, "person", "1 person"),
        (3, "person", "3 people"),
        (2, "entry", "2 entries"),
        (2, "match", "2 matches"),
        (2, "day", "2 days"),
    ],
)
def test_plural_agrees_with_the_count(count: int, noun: str, text: str) -> None:
    assert plural(count, noun) == text


def test_plural_takes_an_irregular_form() -> None:
    assert plural(2, "child", "children") == "2 children"


def test_join_words() -> None:
    assert join_words([]) == ""
    assert join_words(["a"]) == "a"
    assert join_words(["a", "b"]) == "a and b"
    assert join_words(["a", "", "b", "c"]) == "a, b and c"
