from __future__ import annotations

import random

import numpy as np
import pytest

from mensch.engine.trust import (
    Reliability,
    TrustInput,
    TrustSettings,
    Vouch,
    compute_trust,
    mutual,
    neutral_reliability,
    reliability_rates,
)
from tests.engine.trust.graphs import honest_community


def _star(reliability: dict[str, Reliability] | None = None) -> TrustInput:
    """An organizer who met Ana and Bo the same way, and Cy whom nobody met."""
    vouches = mutual("org", "ana") + mutual("org", "bo")
    return TrustInput(["org", "ana", "bo", "cy"], vouches, ["org"], reliability or {})


@pytest.mark.unit
def test_compute_trust_seeds_rank_high() -> None:
    community = honest_community()
    result = compute_trust(TrustInput(community.members, community.vouches, community.seeds))

    seed_ranks = sorted(result[s].rank for s in community.seeds)

    # Ten seeds among 300 members all sit in the top 10%.
    assert seed_ranks[-1] <= 30
    assert all(result[s].is_seed for s in community.seeds)


@pytest.mark.unit
def test_compute_trust_no_shows_lower_score() -> None:
    result = compute_trust(_star({"bo": Reliability(meetings_kept=2, no_shows=6)}))

    # Same place in the graph, so the same propagated trust...
    assert result["ana"].propagated == pytest.approx(result["bo"].propagated)
    # ...but the member who missed six meetings scores lower.
    assert result["bo"].reliability < result["ana"].reliability
    assert result["bo"].score < result["ana"].score
    assert result["bo"].rank > result["ana"].rank


@pytest.mark.unit
def test_reliability_newcomer_is_neutral_not_zero_or_perfect() -> None:
    settings = TrustSettings()
    newcomer = neutral_reliability(settings)
    one_meeting = reliability_rates(Reliability(meetings_kept=1), settings).meeting_rate
    one_no_show = reliability_rates(Reliability(no_shows=1), settings).meeting_rate

    assert 0.5 < newcomer < 0.95
    assert one_no_show < settings.prior_meeting_rate < one_meeting < 1.0
    assert one_no_show > 0.5


@pytest.mark.unit
def test_reliability_followups_done_early_never_exceed_one() -> None:
    rates = reliability_rates(Reliability(followups_done=10, followups_due=2), TrustSettings())

    assert rates.followup_rate <= 1.0


@pytest.mark.unit
def test_compute_trust_isolated_member_gets_no_propagated_trust() -> None:
    result = compute_trust(_star())

    assert result["cy"].propagated == 0.0
    assert result["cy"].display == 0
    assert result["cy"].rank == 4
    assert result["cy"].vouchers == 0


@pytest.mark.unit
def test_compute_trust_same_input_same_output() -> None:
    community = honest_community()
    data = TrustInput(community.members, community.vouches, community.seeds)
    shuffled = list(community.vouches)
    random.Random(1).shuffle(shuffled)

    first = compute_trust(data)
    second = compute_trust(data)
    reordered = compute_trust(TrustInput(community.members, shuffled, community.seeds))

    assert first.scores == second.scores
    assert [m.member for m in first.ranking(20)] == [m.member for m in reordered.ranking(20)]
    for member in community.members:
        assert reordered[member].propagated == pytest.approx(first[member].propagated, abs=1e-12)


@pytest.mark.unit
def test_compute_trust_converges_to_a_distribution() -> None:
    community = honest_community()
    result = compute_trust(TrustInput(community.members, community.vouches, community.seeds))

    assert result.converged
    assert result.residual < result.settings.tolerance
    assert sum(m.propagated for m in result.scores.values()) == pytest.approx(1.0, abs=1e-12)
    assert all(0.0 <= m.score <= 1.0 and 0 <= m.display <= 100 for m in result.scores.values())


@pytest.mark.unit
def test_compute_trust_iteration_cap_reports_not_converged() -> None:
    community = honest_community()
    data = TrustInput(community.members, community.vouches, community.seeds)

    result = compute_trust(data, TrustSettings(max_iterations=3))

    assert not result.converged
    assert result.iterations == 3


@pytest.mark.unit
def test_compute_trust_louder_vouch_passes_no_more_trust() -> None:
    quiet = TrustInput(["org", "ana", "bo"], [Vouch("org", "ana"), Vouch("ana", "bo")], ["org"])
    loud = TrustInput(
        ["org", "ana", "bo"], [Vouch("org", "ana"), Vouch("ana", "bo", 100.0)], ["org"]
    )

    assert compute_trust(loud).scores == compute_trust(quiet).scores


@pytest.mark.unit
def test_compute_trust_vouching_for_many_splits_trust() -> None:
    """Vouching for fifty accounts hands them together what one would have got."""
    crowd = [f"c{i}" for i in range(50)]
    one = compute_trust(
        TrustInput(["org", "ana", *crowd], [Vouch("org", "ana"), Vouch("ana", "c0")], ["org"])
    )
    many = compute_trust(
        TrustInput(
            ["org", "ana", *crowd],
            [Vouch("org", "ana"), *(Vouch("ana", c) for c in crowd)],
            ["org"],
        )
    )

    assert sum(many[c].propagated for c in crowd) == pytest.approx(one["c0"].propagated)
    assert many["c0"].propagated == pytest.approx(one["c0"].propagated / 50)


@pytest.mark.unit
def test_compute_trust_dangling_member_returns_trust_to_seeds() -> None:
    # Bo vouches for nobody; his share goes back to the seed, not to Cy.
    data = TrustInput(
        ["org", "ana", "bo", "cy"], [Vouch("org", "ana"), Vouch("ana", "bo")], ["org"]
    )

    result = compute_trust(data)

    assert result["cy"].propagated == 0.0
    assert result["org"].propagated > result["ana"].propagated > result["bo"].propagated > 0


@pytest.mark.unit
def test_compute_trust_self_vouch_is_ignored() -> None:
    honest = compute_trust(_star())
    selfish = compute_trust(
        TrustInput(["org", "ana", "bo", "cy"], [*_star().vouches, Vouch("cy", "cy", 50.0)], ["org"])
    )

    assert selfish["cy"].propagated == 0.0
    assert selfish.scores == honest.scores


@pytest.mark.unit
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (TrustInput(["a", "b"], [Vouch("a", "z")], ["a"]), "'z', who is not a member"),
        (TrustInput(["a", "b"], [Vouch("a", "b")], []), "at least one seed"),
        (TrustInput(["a", "b"], [Vouch("a", "b")], ["z"]), "seed 'z' is not a member"),
        (TrustInput(["a", "b"], [Vouch("a", "b", -1.0)], ["a"]), "positive finite"),
        (TrustInput(["a", "b"], [Vouch("a", "b", float("nan"))], ["a"]), "positive finite"),
        (TrustInput(["a", "a"], [], ["a"]), "unique"),
        (TrustInput(["a"], [], ["a"], {"a": Reliability(no_shows=-1)}), "negative"),
        (TrustInput(["a"], [], ["a"], {"z": Reliability()}), "unknown member 'z'"),
    ],
)
def test_compute_trust_bad_input_says_what_is_wrong(data: TrustInput, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        compute_trust(data)


@pytest.mark.unit
def test_trust_settings_reject_damping_out_of_range() -> None:
    with pytest.raises(ValueError, match="damping"):
        TrustSettings(damping=1.0)


@pytest.mark.unit
def test_compute_trust_matches_networkx_pagerank() -> None:
    nx = pytest.importorskip("networkx")
    community = honest_community(size=120, seeds=4)
    result = compute_trust(TrustInput(community.members, community.vouches, community.seeds))

    graph = nx.DiGraph()
    graph.add_nodes_from(community.members)
    for vouch in community.vouches:
        previous = graph.get_edge_data(vouch.source, vouch.target, {"weight": 0.0})["weight"]
        graph.add_edge(vouch.source, vouch.target, weight=previous + vouch.weight)
    expected = nx.pagerank(
        graph,
        alpha=0.85,
        personalization=dict.fromkeys(community.seeds, 1.0),
        tol=1e-12,
        max_iter=1000,
    )

    ours = np.array([result[m].propagated for m in community.members])
    theirs = np.array([expected[m] for m in community.members])
    assert np.abs(ours - theirs).max() < 1e-9
