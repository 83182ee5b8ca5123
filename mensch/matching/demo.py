"""Demo relationships, made by acting on people to meet: the demo member starts with two
connections (from accepted introductions, with a short message exchange) and one request
waiting for an answer."""

from __future__ import annotations

from mensch.accounts.models import User
from mensch.connections.services import message_send
from mensch.introductions.models import Introduction
from mensch.introductions.services import introduction_accept, introduction_request
from mensch.matching.models import Recommendation

OPENERS = (
    "Thanks for accepting! What would make this worth your time?",
    "Great to be connected. Which of your current projects could use a hand?",
)
REPLIES = (
    "Happy to help where I can. Coffee next week?",
    "Good question: a referral or two this quarter would change a lot. And you?",
)


def load_demo(*, members: list[User], organizer: User, seed: int) -> str:
    if (
        not members
        or Introduction.objects.filter(requester__in=members[:1]).exists()
        or Introduction.objects.filter(recipient__in=members[:1]).exists()
    ):
        return "introductions already there"
    member = members[0]
    picks = list(
        Recommendation.objects.filter(member=member)
        .select_related("candidate")
        .order_by("rank")[:3]
    )
    made = 0
    for index, row in enumerate(picks[:2]):
        introduction = introduction_request(
            requester=member,
            recipient=row.candidate,
            reason=_reason_for(recipient=row.candidate, requester=member),
        )
        introduction_accept(introduction_id=introduction.pk, member=row.candidate)
        message_send(sender=member, recipient=row.candidate, body=OPENERS[index % len(OPENERS)])
        message_send(sender=row.candidate, recipient=member, body=REPLIES[index % len(REPLIES)])
        made += 1
    waiting = 0
    if len(picks) == 3:
        introduction_request(
            requester=picks[2].candidate,
            recipient=member,
            reason=_reason_for(recipient=member, requester=picks[2].candidate),
        )
        waiting = 1
    return f"{made} introductions accepted and {waiting} waiting for the demo member"


def _reason_for(*, recipient: User, requester: User) -> str:
    """The request's reason as the recipient reads it: the engine's reason addressed to
    them (their "you"), never the requester's own list turned around."""
    seen_by_recipient = (
        Recommendation.objects.filter(member=recipient, candidate=requester)
        .values_list("reason", flat=True)
        .first()
    )
    why = f"Mensch suggested we meet: {seen_by_recipient} " if seen_by_recipient else ""
    return f"{why}I'd like to compare notes over a coffee."
