"""Reliability: does a member keep meetings and do the follow-ups they owe?

Rates are smoothed with a Beta prior (add the prior's pseudo-counts to the
observed ones), so a newcomer with no history sits at a neutral value rather
than at zero, and one kept meeting does not make a perfect record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mensch.engine.trust.types import MemberId, Reliability, TrustSettings


@dataclass(frozen=True, slots=True)
class ReliabilityRates:
    meeting_rate: float
    followup_rate: float
    combined: float


def _blend(
    kept: NDArray[np.float64],
    no_shows: NDArray[np.float64],
    done: NDArray[np.float64],
    due: NDArray[np.float64],
    settings: TrustSettings,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Posterior-mean rates ``(s + rate * strength) / (n + strength)`` and their blend."""
    if np.any(kept < 0) or np.any(no_shows < 0) or np.any(done < 0) or np.any(due < 0):
        raise ValueError("reliability counts cannot be negative")
    # A follow-up done early may be counted before it falls due; never let
    # "done" exceed "due", or the rate could pass 1.
    due = np.maximum(due, done)
    meeting = (kept + settings.prior_meeting_rate * settings.prior_meeting_strength) / (
        kept + no_shows + settings.prior_meeting_strength
    )
    followup = (done + settings.prior_followup_rate * settings.prior_followup_strength) / (
        due + settings.prior_followup_strength
    )
    combined = settings.meeting_share * meeting + (1 - settings.meeting_share) * followup
    return meeting, followup, combined


def reliability_rates(record: Reliability, settings: TrustSettings) -> ReliabilityRates:
    """Smoothed meeting and follow-up rates of one member and their blend, all in [0, 1]."""
    kept, no_shows, done, due = (
        np.array([float(value)])
        for value in (
            record.meetings_kept,
            record.no_shows,
            record.followups_done,
            record.followups_due,
        )
    )
    meeting, followup, combined = _blend(kept, no_shows, done, due, settings)
    return ReliabilityRates(float(meeting[0]), float(followup[0]), float(combined[0]))


def reliability_array(
    members: Sequence[MemberId],
    records: Mapping[MemberId, Reliability],
    settings: TrustSettings,
) -> NDArray[np.float64]:
    """The blended reliability of every member, in order; neutral where there is no record."""
    counts = np.zeros((4, len(members)))
    for i, member in enumerate(members):
        record = records.get(member)
        if record is not None:
            counts[:, i] = (
                record.meetings_kept,
                record.no_shows,
                record.followups_done,
                record.followups_due,
            )
    kept, no_shows, done, due = counts
    return _blend(kept, no_shows, done, due, settings)[2]


def neutral_reliability(settings: TrustSettings) -> float:
    """The reliability of a member with no history: the prior's blend."""
    return reliability_rates(Reliability(), settings).combined


def reliability_factor[R: (float, NDArray[np.float64])](
    reliability: R, settings: TrustSettings
) -> R:
    """How much of the propagated level a member keeps, between ``1 - weight`` and 1."""
    return (1.0 - settings.reliability_weight) + settings.reliability_weight * reliability
