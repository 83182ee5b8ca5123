"""Trust that can't be bought (PRODUCT.md §8).

Trust is propagated from seeds (organizers, long-standing members) over the
graph of verified interactions by personalised PageRank, then adjusted by
reliability (meetings kept, follow-ups done). Pure Python with numpy and
scipy.sparse; no Django import.

    result = compute_trust(TrustInput(members, vouches, seeds, reliability))
    result[member].display          # 0-100
    explain_trust(result, member).text
"""

from __future__ import annotations

from mensch.engine.trust.engine import compute_trust, propagated_level
from mensch.engine.trust.explain import TrustExplanation, explain_trust, trust_band
from mensch.engine.trust.propagation import (
    Propagation,
    personalised_pagerank,
    propagate,
    transition_matrix,
)
from mensch.engine.trust.reliability import (
    ReliabilityRates,
    neutral_reliability,
    reliability_rates,
)
from mensch.engine.trust.types import (
    SUGGESTED_WEIGHTS,
    MemberId,
    MemberTrust,
    Reliability,
    TrustInput,
    TrustResult,
    TrustSettings,
    Vouch,
    mutual,
)

__all__ = [
    "SUGGESTED_WEIGHTS",
    "MemberId",
    "MemberTrust",
    "Propagation",
    "Reliability",
    "ReliabilityRates",
    "TrustExplanation",
    "TrustInput",
    "TrustResult",
    "TrustSettings",
    "Vouch",
    "compute_trust",
    "explain_trust",
    "mutual",
    "neutral_reliability",
    "personalised_pagerank",
    "propagate",
    "propagated_level",
    "reliability_rates",
    "transition_matrix",
    "trust_band",
]
