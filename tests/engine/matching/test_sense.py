"""Sense before similarity (issue 15): candidates re-scored in the context they are written in."""

from __future__ import annotations

import numpy as np
import pytest

from mensch.engine.matching import Item, MatchEngine, Profile, sense
from mensch.engine.matching.sense import (
    NO_SENSE,
    context_of,
    in_context,
    reader_for,
    rerank_pools,
    sense_for,
)

# Four triples from eval/matching/traps.jsonl: a seeker, the true partner in other
# words, and a decoy sharing the seeker's words in another sense.
ROWS = [
    (
        "t01-seeker",
        "Head of sales at a B2B software startup",
        "Software",
        "supplier",
        "Someone to fill our sales pipeline with qualified meetings",
        "supplier",
        "Custom web apps and internal tools built in six weeks",
    ),
    (
        "t01-partner",
        "Founder of an outbound prospecting agency",
        "Marketing",
        "supplier",
        "A small internal tool to track our outreach campaigns",
        "supplier",
        "We book first meetings with decision makers for B2B teams",
    ),
    (
        "t01-decoy",
        "Master plumber for commercial buildings",
        "Construction",
        "supplier",
        "A web app to schedule our plumbing jobs",
        "supplier",
        "Pipeline installation, pipe repair and leak detection",
    ),
    (
        "t09-seeker",
        "Marketing lead at an outdoor gear brand",
        "Retail",
        "supplier",
        "Someone to write copy for our new catalogue",
        "resource",
        "Outdoor gear samples for reviews and giveaways",
    ),
    (
        "t09-partner",
        "Freelance copywriter",
        "Writing",
        "resource",
        "Outdoor gear to test for the hiking blog I write",
        "supplier",
        "Product descriptions, taglines and catalogue text that sells",
    ),
    (
        "t09-decoy",
        "Owner of a print and copy shop",
        "Printing",
        "resource",
        "Gear samples to raffle at our shop's anniversary",
        "supplier",
        "Copy and print services, colour copies and binding",
    ),
    (
        "t12-seeker",
        "Office manager at a law firm",
        "Legal",
        "supplier",
        "Someone to fix our office network and Wi-Fi",
        "advice",
        "Free legal clinics for small businesses",
    ),
    (
        "t12-partner",
        "IT technician for small offices",
        "IT services",
        "advice",
        "Legal advice on my service contracts",
        "supplier",
        "Routers, cabling and Wi-Fi set up for offices",
    ),
    (
        "t12-decoy",
        "Organiser of a business networking club",
        "Events",
        "advice",
        "Legal talks for our members' breakfasts",
        "supplier",
        "Networking events and business networking breakfasts",
    ),
    (
        "t13-seeker",
        "Product owner of a booking app",
        "Software",
        "supplier",
        "Help finding the bugs in our app before release",
        "supplier",
        "Booking software for salons and studios",
    ),
    (
        "t13-partner",
        "QA tester",
        "Software",
        "supplier",
        "A booking system for my partner's hair salon",
        "supplier",
        "Manual and automated testing of mobile apps",
    ),
    (
        "t13-decoy",
        "Pest control technician",
        "Pest control",
        "supplier",
        "Online booking software for our call-outs",
        "supplier",
        "Bug and insect removal, bed bug treatment",
    ),
]
SEEKERS = ("t01-seeker", "t09-seeker", "t12-seeker", "t13-seeker")


def _profiles() -> list[Profile]:
    return [
        Profile(
            id=pid,
            name=pid,
            headline=headline,
            industry=industry,
            asks=(Item(ask_kind, ask),),
            offers=(Item(offer_kind, offer),),
        )
        for pid, headline, industry, ask_kind, ask, offer_kind, offer in ROWS
    ]


@pytest.fixture(autouse=True)
def lexical_reread(monkeypatch: pytest.MonkeyPatch) -> None:
    """The mechanism is tested on the lexical model read again in context, which is
    off by default (see ``sense.LEXICAL_REREAD``)."""
    monkeypatch.setitem(sense.SENSE_BY_MODEL, "lexical", sense.LEXICAL_REREAD)


@pytest.fixture
def no_sense(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sense.SENSE_BY_MODEL, "lexical", NO_SENSE)


@pytest.mark.unit
def test_context_of_joins_headline_and_industry() -> None:
    profile = Profile(id="a", name="A", headline="  Master   plumber ", industry="Construction")

    assert context_of(profile) == "Master plumber, Construction"
    assert context_of(Profile(id="b", name="B")) == ""
    assert in_context(Item("supplier", "Pipe repair"), "Plumber") == "Pipe repair (Plumber)"
    assert in_context(Item("supplier", "Pipe repair"), "") == "Pipe repair"


@pytest.mark.unit
def test_sense_puts_the_partner_above_the_false_friend() -> None:
    engine = MatchEngine(_profiles(), model="lexical")

    for seeker in SEEKERS:
        top = [match.id for match in engine.recommend(seeker, top=2)]
        trap = seeker.removesuffix("-seeker")
        assert top == [f"{trap}-partner", f"{trap}-decoy"], seeker


@pytest.mark.unit
@pytest.mark.usefixtures("no_sense")
def test_without_sense_the_false_friend_wins() -> None:
    engine = MatchEngine(_profiles(), model="lexical")

    firsts = [engine.recommend(seeker, top=1)[0].id for seeker in SEEKERS]
    # Three of the four false friends come first on words alone (t12's partner survives).
    assert sum(first.endswith("-decoy") for first in firsts) >= 3


@pytest.mark.unit
def test_recommend_all_uses_sense_too() -> None:
    lists = MatchEngine(_profiles(), model="lexical").recommend_all(top=2)

    assert all(lists[seeker][0].id.endswith("-partner") for seeker in SEEKERS)


@pytest.mark.unit
def test_rerank_pools_sorts_pads_and_leaves_out_self() -> None:
    engine = MatchEngine(_profiles(), model="lexical")
    rows = np.array([0, 3], dtype=np.int64)
    ids = np.array([[0, 1, 2, -1], [5, 3, 4, -1]], dtype=np.int64)
    values = np.zeros((2, 4), dtype=np.float32)

    new_ids, new_values = rerank_pools(engine, rows, ids, values)

    assert new_ids.shape == ids.shape == new_values.shape
    for row, listed, scores in zip(rows, new_ids, new_values, strict=True):
        kept = [int(c) for c in listed if c >= 0]
        assert int(row) not in kept
        assert list(listed[len(kept) :]) == [-1] * (len(listed) - len(kept))
        assert list(scores[: len(kept)]) == sorted(scores[: len(kept)], reverse=True)


@pytest.mark.unit
def test_unknown_model_gets_no_sense() -> None:
    assert sense_for("some-new-model") is NO_SENSE
    assert sense_for("lexical") == sense.LEXICAL_REREAD  # as the tests here set it


def test_the_lexical_fallback_keeps_true_pairs_strong(monkeypatch: pytest.MonkeyPatch) -> None:
    """Re-reading in context is off for the lexical model: a designer who asks for a
    bookkeeper for her studio and a bookkeeper who offers exactly that stay a strong
    match (events call 0.2 strong)."""
    monkeypatch.setitem(sense.SENSE_BY_MODEL, "lexical", sense.SENSE_BY_MODEL_DEFAULTS["lexical"])
    designer = Profile(
        id="dora",
        name="Dora",
        headline="Brand designer for small studios",
        industry="Design",
        asks=(Item("supplier", "a bookkeeper for my small design studio"),),
        offers=(Item("other", "brand identity design for young companies"),),
    )
    bookkeeper = Profile(
        id="ben",
        name="Ben",
        headline="Bookkeeper for creative studios",
        industry="Accounting",
        asks=(Item("client", "a brand identity designer for my practice"),),
        offers=(Item("other", "bookkeeping for small design studios"),),
    )
    engine = MatchEngine([designer, bookkeeper, *_profiles()], model="lexical")

    best = engine.recommend("dora", top=1)[0]
    assert best.id == "ben"
    assert best.score >= 0.2


@pytest.mark.unit
def test_reader_is_kept_per_engine_and_rebuilt_when_vectors_change() -> None:
    engine = MatchEngine(_profiles(), model="lexical")
    first = reader_for(engine)

    assert reader_for(engine) is first
    engine.asks = engine.asks.copy()
    assert reader_for(engine) is not first


@pytest.mark.unit
def test_profile_edited_in_place_is_read_again() -> None:
    profiles = _profiles()
    engine = MatchEngine(profiles, model="lexical")
    engine.recommend("t01-seeker", top=2)
    reader = reader_for(engine)
    decoy = next(p for p in profiles if p.id == "t01-decoy")
    edited = Profile(
        id=decoy.id,
        name=decoy.name,
        headline="Founder of a B2B meeting-booking agency",
        industry="Marketing",
        asks=decoy.asks,
        offers=(Item("supplier", "We book first meetings with decision makers"),),
    )
    before = reader.read_offers[engine.row_of("t01-decoy")].copy()

    assert engine.update_profile(edited)
    engine.recommend("t01-seeker", top=2)

    assert reader_for(engine) is reader
    assert reader.profiles[engine.row_of("t01-decoy")] is edited
    assert not np.allclose(reader.read_offers[engine.row_of("t01-decoy")], before)
