"""Reasons name a direction only where it passed the threshold, quoting the ask and offer."""

from __future__ import annotations

import numpy as np

from mensch.engine.matching import Item, MatchEngine, Profile
from mensch.engine.matching.reasons import ItemTable, explain, item_threshold, shared_reason
from mensch.engine.matching.text import analyze
from tests.engine.matching.conftest import person


def _reason(community: list[Profile], member: str, other: str) -> str:
    reasons = {m.id: m.reason for m in MatchEngine(community).recommend(member, top=10)}
    return reasons[other]


def _filler() -> list[Profile]:
    return [
        person("bo", asks=("a new logo for my practice",), offers=("bookkeeping for studios",)),
        person("cy", asks=("restaurant owners as clients",), offers=("tax returns",)),
        person("eve", asks=("a wedding venue",), offers=("wedding photography",)),
    ]


def test_a_direction_below_the_threshold_is_never_named() -> None:
    # Two members, one item each: the offer meets the ask at half the threshold, the
    # other way round not at all. The old rule named "the stronger" of the two anyway.
    profiles = [
        Profile(id="a", name="Ann", asks=(Item("client", "x"),), offers=(Item("other", "y"),)),
        Profile(id="b", name="Ben", asks=(Item("client", "z"),), offers=(Item("other", "w"),)),
    ]
    below = item_threshold(0.0) / 2
    vectors = np.array(
        [
            [1.0, 0.0, 0.0],  # Ann's ask
            [0.0, 1.0, 0.0],  # Ann's offer
            [0.0, 0.0, 1.0],  # Ben's ask
            [below, 0.0, float(np.sqrt(1 - below**2))],  # Ben's offer, a little like Ann's ask
            [0.0, 0.0, 0.0],  # padding
        ],
        dtype=np.float32,
    )
    table = ItemTable(
        vectors=vectors,
        asks=np.array([[0], [2], [4]], dtype=np.int64),
        offers=np.array([[1], [3], [4]], dtype=np.int64),
        headline_offer=np.array([False, False]),
    )

    [[reason]] = explain(profiles, table, np.array([0]), np.array([[1]]), 0.0)

    assert "offers" not in reason
    assert "ask" not in reason.replace("Ask Ben", "")
    assert reason == "Ask Ben what they are working on."


def test_physiotherapy_does_not_meet_an_ask_for_software() -> None:
    # They share only "two days a week", which says when, not what.
    community = [
        person(
            "sam",
            asks=("A software developer to build our app, two days a week",),
            offers=("Bookkeeping for clinics",),
        ),
        person(
            "piotr",
            asks=("A bookkeeper for my clinic",),
            offers=("Physiotherapy for back and neck injuries, two days a week",),
        ),
        *_filler(),
    ]

    reason = _reason(community, "piotr", "sam")

    assert "physiotherapy" not in reason.lower()
    assert "Sam asks for" not in reason
    assert reason.startswith("Sam offers bookkeeping for clinics, which you ask for")


def test_planned_maintenance_does_not_meet_an_ask_for_a_marketing_plan() -> None:
    community = [
        person(
            "mia",
            asks=("A marketing consultant to help us plan next year",),
            offers=("Plumbing for shops and landlords",),
        ),
        person(
            "harry",
            asks=("A plumber for our landlords",),
            offers=("Planned maintenance and quick repairs for shops",),
        ),
        *_filler(),
    ]

    reason = _reason(community, "mia", "harry")

    assert "maintenance" not in reason
    assert reason.startswith("You offer plumbing for shops and landlords, which Harry asks for")
    assert "#strategy" not in analyze("Planned maintenance and quick repairs for shops")


def test_local_business_is_not_localisation() -> None:
    assert "#translation" not in analyze("Speaking slots at local business events")
    assert "#hiring" not in analyze("A simple internal tool to replace spreadsheets")
    assert "#hiring" not in analyze("Help working out our positioning")
    assert "#social" not in analyze("Someone to teach us how to follow up with leads")


def test_the_reason_quotes_the_matched_ask_and_the_matched_offer() -> None:
    community = [
        person(
            "dana",
            asks=("Looking for a wedding venue?", "Hiring: a bookkeeper for our studio."),
            offers=("brand identity design",),
        ),
        person("bo", offers=("Yoga classes", "Bookkeeping for design studios.")),
        *_filler()[1:],
    ]

    reason = _reason(community, "dana", "bo")

    assert reason == (
        "Bo offers bookkeeping for design studios, which you ask for "
        "(\u201ca bookkeeper for our studio\u201d)."
    )


def test_with_no_direction_the_reason_says_what_is_shared() -> None:
    me = Profile(
        id="a",
        name="Ann Lee",
        industry="Healthcare & wellness",
        location="Manchester, United Kingdom",
        languages=("English", "Polish"),
    )
    them = Profile(
        id="b",
        name="Piotr Nowak",
        industry="healthcare & wellness",
        location="Manchester, UK",
        languages=("Polish",),
    )

    assert shared_reason(me, them) == (
        "You and Piotr are both in Healthcare & wellness, both based in Manchester "
        "and both speak Polish."
    )
    assert shared_reason(me, Profile(id="c", name="Cy", languages=("polish",))) == (
        "You and Cy both speak Polish."
    )
    assert shared_reason(me, Profile(id="d", name="Dee")) == "Ask Dee what they are working on."
