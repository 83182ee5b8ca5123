"""Demo trust: confirmed meetings, endorsements resting on them, and computed scores.

Builds on the events demo where it exists: meetings are confirmed at the
organizer's latest past event, between people who attended it; without events,
between connections after an introduction. Idempotent: meetings and endorsements are
found before they are made.
"""

from __future__ import annotations

import random

from django.db import transaction
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.connections.services import connection_create
from mensch.engine.matching.reasons import phrase
from mensch.events.models import Event
from mensch.events.selectors import attending_rsvps
from mensch.meetings.models import Meeting
from mensch.meetings.services import meeting_tick
from mensch.profiles.models import Offer
from mensch.trust.interactions import interactions_between
from mensch.trust.models import Endorsement
from mensch.trust.scores import trust_recompute

MEETINGS = 60
ENDORSEMENT_SHARE = 0.6
TEXTS = (
    "We met and then worked together: {first} did {offer} for us, clear about scope and "
    "delivered when promised.",
    "I saw {first}'s {offer} first-hand after we met. Practical, well explained, and honest "
    "about what we did not need.",
    "{first} helped me with {offer} within a week of meeting. Generous with time and very good "
    "at it.",
    "Hired {first} for {offer} after a confirmed meeting; would do it again without a second "
    "thought.",
)


def _event(organizer: User) -> Event | None:
    now = timezone.now()
    events = Event.objects.filter(organizer=organizer).exclude(status="cancelled")
    return events.filter(starts_at__lt=now).order_by("-starts_at").first() or events.first()


def _meet(a: User, b: User, event: Event | None) -> Meeting | None:
    if event is None:
        connection_create(member=a, other=b, source=Connection.Source.EVENT)
    meeting_tick(member=a, other=b, event=event)
    return meeting_tick(member=b, other=a, event=event)


def _pool(members: list[User], event: Event | None) -> list[User]:
    """Who can meet: the people who attended the event (a meeting at an event needs both
    there), or, without events, the first demo members."""
    if event is None:
        return members[: max(2, min(len(members), 80))]
    there = set(attending_rsvps().filter(event=event).values_list("member_id", flat=True))
    return [member for member in members if member.pk in there]


def _pairs(
    members: list[User], organizer: User, event: Event | None, rng: random.Random
) -> list[tuple[User, User]]:
    """Mostly members meeting members, a few meeting the organizer (where trust starts)."""
    pairs: list[tuple[User, User]] = []
    pool = _pool(members, event)
    for member in pool[:12]:
        pairs.append((organizer, member))
    while len(pairs) < MEETINGS and len(pool) >= 2:
        a, b = rng.sample(pool, 2)
        pairs.append((a, b))
    return pairs


def _endorse(author: User, member: User, rng: random.Random) -> bool:
    offer = Offer.objects.filter(profile__user=member).order_by("position", "id").first()
    if offer is None or Endorsement.objects.filter(author=author, offer=offer).exists():
        return False
    basis = interactions_between(author, member)
    if not basis:
        return False
    text = rng.choice(TEXTS).format(first=member.first_name, offer=phrase(offer.text))
    Endorsement.objects.create(
        author=author,
        member=member,
        offer=offer,
        text=text[:1000],
        basis=basis[0].kind,
        basis_id=basis[0].id,
        basis_label=basis[0].label,
    )
    return True


def load_demo(*, members: list[User], organizer: User, seed: int) -> str:
    if len(members) < 2:
        return "trust: too few members"
    rng = random.Random(seed * 7919 + 7)
    event = _event(organizer)
    made = endorsed = 0
    with transaction.atomic():
        for a, b in _pairs(members, organizer, event, rng):
            if a.pk == b.pk:
                continue
            low, high = sorted((a.pk, b.pk))
            if Meeting.objects.filter(member_low_id=low, member_high_id=high).exists():
                continue
            if _meet(a, b, event) is not None:
                made += 1
        demo_ids = {m.pk for m in members} | {organizer.pk}
        meetings = Meeting.objects.filter(
            member_low_id__in=demo_ids, member_high_id__in=demo_ids
        ).order_by("pk")
        for meeting in meetings:
            # Decided per meeting, not from the shared sequence, so a second run makes
            # the same choices and finds them already made.
            choice = random.Random(f"{seed}:{meeting.pk}")
            if choice.random() > ENDORSEMENT_SHARE:
                continue
            one, two = meeting.member_low, meeting.member_high
            author, member = (one, two) if choice.random() < 0.5 else (two, one)
            endorsed += _endorse(author, member, choice)
    scored = trust_recompute()
    return f"{made} confirmed meetings, {endorsed} endorsements, trust for {scored} members"
