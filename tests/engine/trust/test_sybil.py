"""A ring of fake accounts vouching for each other gains almost nothing.

The honest community has 300 members and 10 seeds; 100 sybils vouch densely
for each other (weight 5 on every pair) and are joined to it by 3 attack
edges: three ordinary members each confirmed one meeting with a sybil.

Why the bounds are meaningful: were the sybils ordinary members they would
hold about a quarter of all trust (100 of 400 accounts). Personalised PageRank
lets trust into the ring only over the attack edges, and the ring can hold at
most ``damping / (1 - damping)`` (5.67 at 0.85) times that inflow however it
vouches for itself (the cut bound). We assert the bound itself, and that the
100 sybils together hold under 1% of all trust and under a twentieth of what
the 100 *least* trusted honest members hold. Measured with these seeds: the
ring holds 0.37% of all trust (its cut bound is 0.37%: it keeps nearly all it
receives), the bottom 100 honest members hold 15.1%, and the best sybil shows
3/100 against a median honest 21/100. Without seeds (teleporting to every
account) the same ring would hold 25%.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from mensch.engine.trust import TrustInput, TrustResult, compute_trust, personalised_pagerank
from tests.engine.trust.graphs import ATTACK_EDGES, Community, honest_community, sybil_ring


def _attacked(community: Community, **ring: object) -> tuple[TrustResult, list[str], list[str]]:
    victims = random.Random(3).sample(community.members[len(community.seeds) :], ATTACK_EDGES)
    sybils, vouches = sybil_ring(victims, community.members, **ring)  # type: ignore[arg-type]
    result = compute_trust(
        TrustInput(community.members + sybils, community.vouches + vouches, community.seeds)
    )
    return result, sybils, victims


def _total(result: TrustResult, members: list[str]) -> float:
    return sum(result[m].propagated for m in members)


@pytest.mark.unit
def test_sybil_ring_total_trust_is_a_sliver() -> None:
    community = honest_community()
    result, sybils, _ = _attacked(community)

    sybil_total = _total(result, sybils)
    bottom_honest = sorted(result[m].propagated for m in community.members)[:100]

    assert sybil_total < 0.01
    assert sybil_total < sum(bottom_honest) / 20
    # Not one sybil reaches the trust of the median honest member.
    median_honest = float(np.median([result[m].display for m in community.members]))
    assert max(result[s].display for s in sybils) < median_honest / 3


@pytest.mark.unit
def test_sybil_ring_stays_under_cut_bound() -> None:
    community = honest_community()
    result, sybils, victims = _attacked(community)
    damping = result.settings.damping

    # Trust flowing into the ring per step: each victim's share times the
    # fraction of their vouching that goes to their sybil.
    inflow = sum(
        result.propagated_array[result.positions[victim]]
        * result.incoming[result.positions[sybil], result.positions[victim]]
        for victim, sybil in zip(victims, sybils, strict=False)
    )

    assert _total(result, sybils) <= damping / (1 - damping) * inflow * (1 + 1e-9)


@pytest.mark.unit
def test_sybil_ring_denser_vouching_gains_nothing() -> None:
    community = honest_community()
    ring, sybils, _ = _attacked(community, clique=False, outward=0)
    clique, _, _ = _attacked(community, clique=True, outward=0)

    # 100 vouches or 9,900: the ring holds exactly the same trust.
    assert _total(clique, sybils) == pytest.approx(_total(ring, sybils), rel=1e-6)


@pytest.mark.unit
def test_sybil_ring_without_attack_edges_gets_nothing() -> None:
    community = honest_community()
    sybils, vouches = sybil_ring([], community.members)
    result = compute_trust(
        TrustInput(community.members + sybils, community.vouches + vouches, community.seeds)
    )

    assert _total(result, sybils) == 0.0
    assert all(result[s].display == 0 for s in sybils)


@pytest.mark.unit
def test_sybil_ring_would_win_without_seeds() -> None:
    """Why trust starts at seeds: teleporting to everyone hands the ring a fortune."""
    community = honest_community()
    result, sybils, _ = _attacked(community)
    everyone = np.ones(len(result.members))
    dangling = np.diff(result.incoming.tocsc().indptr) == 0  # members who vouch for nobody

    uniform, _, _, _ = personalised_pagerank(result.incoming, dangling, everyone)
    sybil_share = sum(uniform[result.positions[s]] for s in sybils)

    assert sybil_share > 0.2
    assert _total(result, sybils) < sybil_share / 50
