"""Plain data in and out of the trust engine."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

# A member is whatever the caller uses as a key: a primary key, a UUID, a handle.
type MemberId = Hashable

# Suggested weights for the three kinds of verified interaction. A favour the
# receiver confirmed costs the giver more than a coffee, so it says more; the
# caller may pass any positive weight.
SUGGESTED_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {"meeting": 1.0, "introduction": 1.5, "favour": 2.0}
)


@dataclass(frozen=True, slots=True)
class Vouch:
    """``source`` vouches for ``target`` because of one verified interaction.

    A meeting both confirmed vouches both ways (see :func:`mutual`); a favour
    the receiver confirmed is the receiver vouching for the giver; an accepted
    introduction is each introduced member vouching for the introducer.
    Several vouches between the same pair add up.
    """

    source: MemberId
    target: MemberId
    weight: float = 1.0
    kind: str = "meeting"


def mutual(a: MemberId, b: MemberId, *, weight: float = 1.0, kind: str = "meeting") -> list[Vouch]:
    """Both directions of an interaction both members confirmed."""
    return [Vouch(a, b, weight, kind), Vouch(b, a, weight, kind)]


@dataclass(frozen=True, slots=True)
class Reliability:
    """What a member did with the commitments they made.

    ``followups_due`` counts every follow-up that fell due, done or not.
    """

    meetings_kept: int = 0
    no_shows: int = 0
    followups_done: int = 0
    followups_due: int = 0

    @property
    def has_history(self) -> bool:
        return (self.meetings_kept + self.no_shows + self.followups_due + self.followups_done) > 0


@dataclass(frozen=True, slots=True)
class TrustSettings:
    """Knobs of the engine; the defaults are the product's choice.

    ``damping`` is the share of trust that follows vouches at each step; the
    rest returns to the seeds. A lower value keeps trust closer to the seeds
    and makes rings of fake accounts even poorer (their take is bounded by
    ``damping / (1 - damping)`` times what flows into them).
    """

    damping: float = 0.85
    tolerance: float = 1e-10  # L1 change between two steps that counts as converged
    max_iterations: int = 500
    # Beta prior for "meetings kept": a newcomer is assumed to keep 85% of
    # meetings, with the weight of five meetings of evidence.
    prior_meeting_rate: float = 0.85
    prior_meeting_strength: float = 5.0
    prior_followup_rate: float = 0.7
    prior_followup_strength: float = 5.0
    meeting_share: float = 0.6  # meetings weigh more than follow-ups in reliability
    # How far reliability can pull a score down: 0.6 means a member who never
    # keeps a meeting keeps 40% of the score their vouches earned.
    reliability_weight: float = 0.6

    def __post_init__(self) -> None:
        if not 0.0 < self.damping < 1.0:
            raise ValueError(f"damping must be between 0 and 1 (exclusive), got {self.damping}")
        if self.tolerance <= 0 or self.max_iterations < 1:
            raise ValueError("tolerance must be positive and max_iterations at least 1")
        for name in ("prior_meeting_rate", "prior_followup_rate", "meeting_share"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value}")
        if not 0.0 <= self.reliability_weight <= 1.0:
            raise ValueError(
                f"reliability_weight must be between 0 and 1, got {self.reliability_weight}"
            )
        if self.prior_meeting_strength <= 0 or self.prior_followup_strength <= 0:
            raise ValueError("prior strengths must be positive")


@dataclass(frozen=True, slots=True)
class TrustInput:
    """Everything the engine needs; ids in ``vouches`` and ``seeds`` must be in ``members``."""

    members: Sequence[MemberId]
    vouches: Sequence[Vouch]
    seeds: Sequence[MemberId]
    reliability: Mapping[MemberId, Reliability] = field(default_factory=dict)
    names: Mapping[MemberId, str] = field(default_factory=dict)  # only for explanations


@dataclass(frozen=True, slots=True)
class MemberTrust:
    """One member's trust.

    ``propagated`` is the member's share of the trust that starts at the seeds
    (all shares sum to 1). ``level`` puts that share on a 0-1 scale where the
    best-trusted member is 1 and a member nobody vouches for is 0.
    ``score`` is ``level`` adjusted by ``reliability``; ``display`` is the
    score on 0-100 for pages.
    """

    member: MemberId
    propagated: float
    level: float
    reliability: float
    score: float
    display: int
    rank: int
    is_seed: bool
    vouchers: int  # distinct members who vouch for this one


@dataclass(frozen=True)
class TrustResult:
    """The engine's answer, plus what :func:`explain_trust` needs to say why."""

    scores: Mapping[MemberId, MemberTrust]
    iterations: int
    converged: bool
    residual: float
    settings: TrustSettings
    reliability_inputs: Mapping[MemberId, Reliability] = field(repr=False)
    names: Mapping[MemberId, str] = field(repr=False)
    # Row v holds P[u, v] for every u vouching for v (the transposed transition matrix).
    incoming: sparse.csr_array[np.float64] = field(repr=False)
    propagated_array: NDArray[np.float64] = field(repr=False)
    members: tuple[MemberId, ...] = field(repr=False)
    positions: Mapping[MemberId, int] = field(repr=False)

    def __getitem__(self, member: MemberId) -> MemberTrust:
        return self.scores[member]

    def ranking(self, limit: int | None = None) -> list[MemberTrust]:
        """Members from most to least trusted."""
        ordered = sorted(self.scores.values(), key=lambda m: m.rank)
        return ordered if limit is None else ordered[:limit]
