from __future__ import annotations

import random

import pytest

from mensch.engine.trust import (
    Reliability,
    TrustInput,
    Vouch,
    compute_trust,
    explain_trust,
    mutual,
    trust_band,
)
from tests.engine.trust.graphs import honest_community, sybil_ring

NAMES = {"org": "Olga", "ana": "Ana", "bo": "Bo", "cy": "Cy"}


def _explained(member: str, reliability: dict[str, Reliability] | None = None) -> str:
    vouches = [*mutual("org", "ana"), *mutual("org", "bo"), Vouch("ana", "bo", 2.0, "favour")]
    data = TrustInput(["org", "ana", "bo", "cy"], vouches, ["org"], reliability or {}, NAMES)
    return explain_trust(compute_trust(data), member).text


@pytest.mark.unit
def test_explain_trust_seed_says_trust_starts_here() -> None:
    text = _explained("org")

    assert text.startswith("Olga has ")
    assert "/100" not in text
    assert "rank" not in text
    assert "trusted seeds" in text


@pytest.mark.unit
def test_explain_trust_names_who_vouches_most() -> None:
    text = _explained("bo")

    assert "2 members vouch for Bo through verified interactions" in text
    assert "Most of it comes from Olga (seed) and Ana." in text


@pytest.mark.unit
def test_explain_trust_stranger_has_no_vouches() -> None:
    text = _explained("cy")

    assert "Nobody has vouched for Cy" in text
    assert "no trust reaches Cy from the seeds" in text


@pytest.mark.unit
def test_explain_trust_no_shows_are_spelled_out() -> None:
    text = _explained("ana", {"ana": Reliability(meetings_kept=3, no_shows=5, followups_due=4)})

    assert "Ana kept 3 of 8 confirmed meetings (5 no-shows)" in text
    assert "did 0 of 4 follow-ups that fell due" in text
    assert "pulls the score down" in text


@pytest.mark.unit
def test_explain_trust_newcomer_reliability_is_neutral() -> None:
    text = _explained("ana")

    assert "no record of meetings or follow-ups yet" in text
    assert "neither zero nor perfect" in text


@pytest.mark.unit
def test_explain_trust_sybil_is_told_closed_groups_create_no_trust() -> None:
    community = honest_community()
    victims = random.Random(3).sample(community.members[10:], 3)
    sybils, vouches = sybil_ring(victims, community.members)
    result = compute_trust(
        TrustInput(community.members + sybils, community.vouches + vouches, community.seeds)
    )

    text = explain_trust(result, sybils[50]).text

    assert "99 members vouch" in text
    assert "a closed group vouching for each other creates no trust" in text


@pytest.mark.unit
@pytest.mark.parametrize(
    ("display", "band"), [(0, "new"), (15, "building"), (40, "good"), (95, "high")]
)
def test_trust_band_words(display: int, band: str) -> None:
    assert trust_band(display) == band


@pytest.mark.unit
def test_explain_trust_headline_is_words_and_standing_not_a_number() -> None:
    assert _explained("org").startswith("Olga has high trust: higher than most members.")
    assert _explained("cy").startswith("Cy has little trust yet: lower than most members so far.")


@pytest.mark.unit
@pytest.mark.parametrize(
    ("rank", "members", "words"),
    [
        (2, 302, "in the top 1% of members"),
        (30, 302, "in the top 10% of members"),
        (80, 302, "higher than most members"),
        (150, 302, "about the middle of the community"),
        (250, 302, "lower than most members so far"),
        (1, 1, "the only member scored so far"),
    ],
)
def test_standing_says_where_a_rank_sits(rank: int, members: int, words: str) -> None:
    from mensch.engine.trust.explain import standing

    assert standing(rank, members) == words
