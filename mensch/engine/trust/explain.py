"""Say in plain words why a member has their trust score.

The words a member reads carry no bare number: the level is a band in words ("high
trust") and the standing is a share of the community ("in the top 1% of members",
"higher than most members"). ``display`` (0-100) stays for the API, documented there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from mensch.engine.trust.reliability import reliability_factor, reliability_rates
from mensch.engine.trust.types import MemberId, Reliability, TrustResult

# Below this level, trust that reaches a member through several vouches is so
# thin that the vouchers themselves must hold almost none.
_THIN_LEVEL = 0.1
_TOP_CONTRIBUTORS = 3


@dataclass(frozen=True, slots=True)
class TrustExplanation:
    member: MemberId
    display: int
    headline: str
    reasons: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join((self.headline, *self.reasons))


def trust_band(display: int) -> str:
    """A word for a 0-100 score, for badges."""
    if display >= 70:
        return "high"
    if display >= 40:
        return "good"
    if display >= 15:
        return "building"
    return "new"


# The band as words a member understands.
BAND_PHRASES = {
    "high": "high trust",
    "good": "good trust",
    "building": "trust that is still building",
    "new": "little trust yet",
}
# A member in this share of the community or better is told "in the top N%".
_TOP_SHARE = 10


def standing(rank: int, members: int) -> str:
    """Where a rank (1 is best) sits in the community, in words: "in the top 1% of
    members", "higher than most members", "about the middle", "lower than most members"."""
    if members <= 1:
        return "the only member scored so far"
    top = max(1, math.ceil(100 * rank / members))
    if top <= _TOP_SHARE:
        return f"in the top {top}% of members"
    if top <= 40:
        return "higher than most members"
    if top <= 60:
        return "about the middle of the community"
    return "lower than most members so far"


def explain_trust(result: TrustResult, member: MemberId) -> TrustExplanation:
    """Headline plus one sentence per reason: seeds, vouches, reliability."""
    trust = result.scores[member]
    name = _name(result, member)
    band = BAND_PHRASES[trust_band(trust.display)]
    headline = f"{name} has {band}: {standing(trust.rank, len(result.members))}."
    reasons: list[str] = []
    if trust.is_seed:
        reasons.append(
            f"{name} is one of the trusted seeds (an organizer or long-standing member), "
            "so trust starts here."
        )
    reasons.append(_vouch_reason(result, member, name))
    reasons.append(_reliability_reason(result, member, name))
    return TrustExplanation(member, trust.display, headline, tuple(reasons))


def _name(result: TrustResult, member: MemberId) -> str:
    return result.names.get(member, str(member))


def _vouch_reason(result: TrustResult, member: MemberId, name: str) -> str:
    trust = result.scores[member]
    if trust.vouchers == 0:
        if trust.is_seed:
            return f"Nobody has vouched for {name} yet; the trust comes from being a seed."
        return (
            f"Nobody has vouched for {name} through a verified interaction yet (a meeting both "
            "confirmed or a favour the receiver confirmed), so no trust reaches "
            f"{name} from the seeds."
        )
    row = result.incoming[[result.positions[member]], :]
    contributors = row.indices
    flow = result.settings.damping * result.propagated_array[contributors] * row.data
    order = np.argsort(-flow, kind="stable")[:_TOP_CONTRIBUTORS]
    top = [result.members[contributors[i]] for i in order if flow[i] > 0]
    who = "1 member vouches" if trust.vouchers == 1 else f"{trust.vouchers} members vouch"
    sentence = f"{who} for {name} through verified interactions."
    if trust.level < _THIN_LEVEL and trust.vouchers >= 3:
        return (
            f"{sentence} Those who vouch hold little trust themselves, because few people the "
            "seeds trust vouch for them, so their vouches add little: a closed group vouching "
            "for each other creates no trust."
        )
    if top:
        labelled = [_name(result, m) + (" (seed)" if result.scores[m].is_seed else "") for m in top]
        lead = "It comes from" if len(labelled) == 1 else "Most of it comes from"
        sentence += f" {lead} {_join(labelled)}."
    return sentence


def _reliability_reason(result: TrustResult, member: MemberId, name: str) -> str:
    trust = result.scores[member]
    record = result.reliability_inputs.get(member, Reliability())
    percent = round(100 * trust.reliability)
    if not record.has_history:
        return (
            f"{name} has no record of meetings or follow-ups yet, so reliability starts at a "
            f"neutral {percent}% (neither zero nor perfect) and moves as meetings are kept "
            "or missed."
        )
    rates = reliability_rates(record, result.settings)
    meetings = record.meetings_kept + record.no_shows
    due = max(record.followups_due, record.followups_done)
    parts = []
    if meetings:
        missed = f" ({record.no_shows} no-show{'s' if record.no_shows != 1 else ''})"
        parts.append(
            f"kept {record.meetings_kept} of {meetings} confirmed meetings"
            + (missed if record.no_shows else "")
        )
    if due:
        parts.append(f"did {record.followups_done} of {due} follow-ups that fell due")
    kept_share = round(100 * reliability_factor(trust.reliability, result.settings))
    verdict = (
        "which pulls the score down"
        if rates.combined < _neutral(result)
        else "which holds the score up"
    )
    return (
        f"{name} {' and '.join(parts)}; smoothed from a neutral start, reliability is "
        f"{percent}%, {verdict} (the score keeps {kept_share}% of what the vouches earned)."
    )


def _neutral(result: TrustResult) -> float:
    return reliability_rates(Reliability(), result.settings).combined


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
