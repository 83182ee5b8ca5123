"""The dashboard's reads written out as single statements show exactly what the querysets
they replaced showed: each is compared here with that queryset (kept below as the
reference) over data with every case the filters tell apart, then again after the writes
that change the answer (a block, a connection, a pledge, a meeting confirmed back, a
declined introduction, a hidden endorsement). Each card's read is one query."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db.models import Exists, OuterRef, Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Block, Connection
from mensch.events.models import Rsvp
from mensch.events.selectors import upcoming_for_member
from mensch.introductions.models import Decision, Introduction
from mensch.ledger.models import Pledge, ReferralExchange
from mensch.matching.models import Recommendation
from mensch.matching.selectors import people_to_meet
from mensch.meetings.models import MeetingTick
from mensch.profiles.models import Profile
from mensch.profiles.selectors import own_profile, visible_profiles
from mensch.trust import dashboard as trust_card
from mensch.trust.models import Endorsement, TrustScore
from mensch.trust.selectors import band_of, trust_of, visible_endorsements
from mensch.web import selectors
from tests.events.conftest import make_event, make_organizer
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LISBON = "Lisbon, Portugal"
REASON = "You need your books kept and I need a brand refresh: we could help each other."


# -- the querysets the statements replaced, as the reference ----------------------------


def _reference_waiting(member: User) -> list[selectors.WaitingItem]:
    now = timezone.now()
    items = []
    introductions = (
        Introduction.objects.filter(status=Introduction.Status.PENDING, expires_at__gt=now)
        .filter(
            Q(recipient=member, recipient_decision=Decision.PENDING)
            | Q(requester=member, requester_decision=Decision.PENDING, introducer__isnull=False)
        )
        .select_related("requester", "recipient", "introducer")
        .order_by("created_at", "pk")[: selectors.WAITING_LIMIT]
    )
    url = reverse("introductions") + "#awaiting-h"
    for introduction in introductions:
        if introduction.introducer is not None:
            other = (
                introduction.recipient
                if introduction.requester_id == member.pk
                else introduction.requester
            )
            text = f"{introduction.introducer.name} introduces you to {other.name}."
            items.append(selectors.WaitingItem("Introduction", text, url, "Accept or decline"))
        else:
            text = f"{introduction.requester.name} asks to meet you."
            items.append(
                selectors.WaitingItem("Introduction request", text, url, "Answer the request")
            )
    exchanges = (
        ReferralExchange.objects.filter(
            Q(proposer=member) | Q(partner=member),
            status=ReferralExchange.Status.OPEN,
            expires_at__gt=now,
        )
        .exclude(Exists(Pledge.objects.filter(exchange=OuterRef("pk"), member=member)))
        .select_related("proposer", "partner")
        .order_by("created_at", "pk")[: selectors.WAITING_LIMIT]
    )
    for exchange in exchanges:
        other = exchange.partner if exchange.proposer_id == member.pk else exchange.proposer
        items.append(
            selectors.WaitingItem(
                "Referral exchange",
                f"Your referral exchange with {other.name} waits for your pledge.",
                reverse("referral_exchange", args=[exchange.pk]),
                "Make your pledge",
            )
        )
    ticks = (
        MeetingTick.objects.filter(other=member)
        .exclude(member_id__in=Block.objects.filter(blocker=member).values("blocked_id"))
        .exclude(member_id__in=Block.objects.filter(blocked=member).values("blocker_id"))
        .exclude(
            Exists(
                MeetingTick.objects.filter(
                    member=member, other=OuterRef("member"), event=OuterRef("event")
                )
            )
        )
        .exclude(
            Exists(
                MeetingTick.objects.filter(
                    member=member, other=OuterRef("member"), event__isnull=True
                )
            ),
            event__isnull=True,
        )
        .select_related("member__profile", "event")
        .order_by("created_at", "pk")[: selectors.WAITING_LIMIT]
    )
    for tick in ticks:
        if tick.event is not None:
            text = f"{tick.member.name} says you met at {tick.event.title}."
            link = reverse("event_met", args=[tick.event_id])
        else:
            text = f"{tick.member.name} says you met."
            link = reverse("member_detail", args=[tick.member.profile.pk])
        items.append(selectors.WaitingItem("Meeting to confirm", text, link, "Confirm the meeting"))
    return items


def _reference_people(member: User, limit: int) -> list[tuple[Any, ...]]:
    from mensch.connections.selectors import blocked_ids, connected_ids
    from mensch.introductions.cooldown import still_cooling

    pending: set[int] = set()
    cooling: set[int] = set()
    waiting = Q(status=Introduction.Status.PENDING)
    declined = still_cooling()
    for requester_id, recipient_id, status in Introduction.objects.filter(
        Q(requester=member) | Q(recipient=member),
        waiting if declined is None else waiting | declined,
    ).values_list("requester_id", "recipient_id", "status"):
        other = recipient_id if requester_id == member.pk else requester_id
        (pending if status == Introduction.Status.PENDING else cooling).add(other)
    excluded = connected_ids(member) | blocked_ids(member) | cooling
    rows = (
        Recommendation.objects.filter(
            member=member, candidate_id__in=visible_profiles().values("user_id")
        )
        .exclude(candidate_id__in=excluded)
        .select_related("candidate__profile")
        .order_by("rank")[:limit]
    )
    return [_person(row, row.candidate_id in pending) for row in rows]


def _person(row: Recommendation, pending: bool) -> tuple[Any, ...]:
    profile = row.candidate.profile
    return (
        row.pk,
        row.candidate_id,
        row.rank,
        row.score,
        row.reason,
        profile.pk,
        profile.name,
        profile.headline,
        profile.industry,
        profile.location,
        pending,
    )


def _people(member: User, limit: int) -> list[tuple[Any, ...]]:
    return [_person(row.recommendation, row.pending) for row in people_to_meet(member, limit)]


def _reference_nearby(member: User, profile: Profile) -> list[tuple[int, str, str]]:
    ids = [pk for pk in selectors._newest_in(profile.location) if pk != profile.pk]
    rows = (
        visible_profiles()
        .filter(pk__in=ids, location=profile.location)
        .exclude(user_id__in=Block.objects.filter(blocker=member).values("blocked_id"))
        .exclude(user_id__in=Block.objects.filter(blocked=member).values("blocker_id"))
        .select_related("user")
    )
    by_id = {row.pk: row for row in rows}
    shown = [by_id[pk] for pk in ids if pk in by_id][: selectors.NEARBY_SHOWN]
    return [(row.pk, row.name, row.headline) for row in shown]


def _nearby(member: User) -> list[tuple[int, str, str]]:
    profile = selectors.own_profile_items(member).profile
    return [(row.pk, row.name, row.headline) for row in selectors.newest_nearby(member, profile)]


def _reference_trust(member: User) -> tuple[Any, ...]:
    score = trust_of(member)
    endorsements = visible_endorsements(member)
    received = [(e.author.name, e.offer.text, e.basis_label) for e in endorsements[:3]]
    return (
        score is not None,
        score.headline if score else None,
        band_of(score),
        received,
        endorsements.count(),
    )


def _trust(member: User) -> tuple[Any, ...]:
    context: dict[str, Any] = trust_card.card(member).context  # type: ignore[union-attr]
    score = context["score"]
    received = [(e.author_name, e.offer_text, e.basis_label) for e in context["received"]]
    return (
        score is not None,
        score.headline if score else None,
        context["band"],
        received,
        context["count"],
    )


# -- the data: every case the filters tell apart -----------------------------------------


def _intro(requester: User, recipient: User, **fields: Any) -> Introduction:
    fields.setdefault("expires_at", timezone.now() + timedelta(days=7))
    return Introduction.objects.create(
        requester=requester, recipient=recipient, reason=REASON, **fields
    )


def _exchange(proposer: User, partner: User, **fields: Any) -> ReferralExchange:
    fields.setdefault("expires_at", timezone.now() + timedelta(days=7))
    return ReferralExchange.objects.create(proposer=proposer, partner=partner, **fields)


@pytest.fixture
def world(owner: User) -> dict[str, Any]:
    """The owner and members around them, each a case of one filter or another."""
    names = ["Ana", "Ben", "Cai", "Dev", "Eli", "Fay", "Gus", "Hal"]
    names += ["Ivy", "Jon", "Kim", "Lou", "Max", "Nia", "Oto"]
    people = {
        name: make_member(name, headline=f"{name} does things", location=LISBON) for name in names
    }
    p = people
    organizer = make_organizer("Olga")
    event = make_event(organizer, title="Lisbon Founders")
    # Introductions: a request to the owner, one from the owner (not theirs to answer), a
    # brokered one either side, one the owner already accepted, an expired one, a
    # declined one (it cools), a withdrawn one.
    _intro(p["Ana"], owner)
    _intro(owner, p["Ben"])
    _intro(owner, p["Cai"], introducer=p["Dev"])
    _intro(p["Eli"], owner, introducer=p["Dev"])
    _intro(p["Fay"], owner, recipient_decision=Decision.ACCEPTED)
    _intro(p["Gus"], owner, expires_at=timezone.now() - timedelta(hours=1))
    _intro(
        p["Hal"],
        owner,
        status=Introduction.Status.DECLINED,
        recipient_decision=Decision.DECLINED,
        decided_at=timezone.now() - timedelta(days=3),
    )
    _intro(p["Ivy"], owner, status=Introduction.Status.WITHDRAWN)
    _intro(p["Ana"], p["Ben"])  # someone else's
    # Referral exchanges: proposed by and to the owner, one the owner pledged to, an
    # expired one, a released one.
    _exchange(owner, p["Jon"])
    to_owner = _exchange(p["Kim"], owner)
    pledged = _exchange(p["Lou"], owner)
    Pledge.objects.create(
        exchange=pledged, member=owner, referral_name="Rui", reason="Needs books.", consent=True
    )
    Pledge.objects.create(
        exchange=to_owner, member=p["Kim"], referral_name="Rui", reason="Books.", consent=True
    )
    _exchange(p["Max"], owner, expires_at=timezone.now() - timedelta(hours=1))
    _exchange(p["Nia"], owner, status=ReferralExchange.Status.RELEASED)
    # Meetings: ticked by others, anywhere and at the event; some ticked back (the same
    # way, or anywhere for an event tick, which does not count), one blocked each way.
    for name in ("Ana", "Ben", "Cai", "Dev", "Eli", "Fay", "Gus"):
        MeetingTick.objects.create(member=p[name], other=owner)
    for name in ("Ana", "Hal", "Ivy"):
        MeetingTick.objects.create(member=p[name], other=owner, event=event)
    MeetingTick.objects.create(member=owner, other=p["Ben"])
    MeetingTick.objects.create(member=owner, other=p["Hal"], event=event)
    MeetingTick.objects.create(member=owner, other=p["Ivy"])  # anywhere: not this event
    MeetingTick.objects.create(member=owner, other=p["Oto"])  # the owner's own tick
    Block.objects.create(blocker=owner, blocked=p["Cai"])
    Block.objects.create(blocker=p["Dev"], blocked=owner)
    # Suggestions: every case people to meet leaves out, and some it keeps.
    Connection.objects.create(
        member_low=min(owner, p["Jon"], key=lambda u: u.pk),
        member_high=max(owner, p["Jon"], key=lambda u: u.pk),
        source="introduction",
    )
    hidden, inactive = p["Kim"], p["Lou"]
    Profile.objects.filter(user=hidden).update(is_hidden=True)
    User.objects.filter(pk=inactive.pk).update(is_active=False)
    for rank, name in enumerate(names, start=1):
        Recommendation.objects.create(
            member=owner,
            candidate=p[name],
            rank=rank,
            score=1 - rank / 100,
            reason=f"{name} offers what you ask for.",
            computed_at=timezone.now(),
        )
    Recommendation.objects.create(
        member=p["Ana"],
        candidate=owner,
        rank=1,
        score=0.5,
        reason="Not the owner's.",
        computed_at=timezone.now(),
    )
    # Trust: a score, endorsements shown, hidden and removed.
    offer = owner.profile.offers.get()
    TrustScore.objects.create(
        member=owner,
        score=0.7,
        display=70,
        band="good",
        rank=3,
        reliability=0.9,
        vouchers=2,
        headline="Dana has good trust.",
        computed_at=timezone.now(),
    )
    for number, name in enumerate(("Ana", "Ben", "Eli", "Fay", "Gus")):
        Endorsement.objects.create(
            author=p[name],
            member=owner,
            offer=offer,
            text="Great design work, on time.",
            basis="meeting",
            basis_id=number + 1,
            basis_label=f"met at meeting {number}",
            hidden_at=timezone.now() if name == "Eli" else None,
            removed_at=timezone.now() if name == "Fay" else None,
        )
    # Events: going, waitlisted, cancelled, over, a draft.
    soon = make_event(organizer, title="Soon", starts_in=timedelta(days=1))
    later = make_event(organizer, title="Later", starts_in=timedelta(days=9))
    gone = make_event(organizer, title="Cancelled RSVP", starts_in=timedelta(days=2))
    draft = make_event(organizer, title="Draft", starts_in=timedelta(days=2), publish=False)
    Rsvp.objects.create(event=soon, member=owner, status=Rsvp.Status.GOING)
    Rsvp.objects.create(event=later, member=owner, status=Rsvp.Status.WAITLISTED)
    Rsvp.objects.create(event=gone, member=owner, status=Rsvp.Status.CANCELLED)
    Rsvp.objects.create(event=draft, member=owner, status=Rsvp.Status.GOING)
    Rsvp.objects.create(event=event, member=owner, status=Rsvp.Status.GOING)
    return {"people": people, "event": event}


def _upcoming(member: User) -> list[tuple[Any, ...]]:
    from mensch.events.dashboard import upcoming

    return [(row.event_id, row.title, row.starts_at, row.status) for row in upcoming(member)]


def _reference_upcoming(member: User) -> list[tuple[Any, ...]]:
    return [
        (rsvp.event.pk, rsvp.event.title, rsvp.event.starts_at, rsvp.status)
        for rsvp in upcoming_for_member(member)
    ]


def _all_match(member: User) -> None:
    waiting = selectors.waiting_for(member)
    assert waiting == _reference_waiting(member)
    for limit in (3, 20):
        assert _people(member, limit) == _reference_people(member, limit)
    own = selectors.own_profile_items(member)
    reference = own_profile(member)
    assert (own.profile.pk, own.profile.headline, own.profile.location) == (
        reference.pk,
        reference.headline,
        reference.location,
    )
    assert (own.profile.goals, own.profile.languages) == (reference.goals, reference.languages)
    assert [(a.pk, a.kind, a.text, a.kind_label) for a in own.asks] == [
        (a.pk, a.kind, a.text, a.get_kind_display()) for a in reference.asks.all()
    ]
    assert [(o.pk, o.kind, o.text, o.kind_label) for o in own.offers] == [
        (o.pk, o.kind, o.text, o.get_kind_display()) for o in reference.offers.all()
    ]
    assert _nearby(member) == _reference_nearby(member, reference)
    assert _trust(member) == _reference_trust(member)
    assert _upcoming(member) == _reference_upcoming(member)


def test_every_read_shows_what_its_queryset_showed(owner: User, world: dict[str, Any]) -> None:
    _all_match(owner)
    # The data has something in every list, so the comparison is not of empty lists.
    kinds = {item.kind for item in selectors.waiting_for(owner)}
    assert kinds == {
        "Introduction",
        "Introduction request",
        "Referral exchange",
        "Meeting to confirm",
    }
    assert any(" says you met at Lisbon Founders." in i.text for i in selectors.waiting_for(owner))
    assert any(row[-1] for row in _people(owner, 20))  # an introduction pending
    assert _nearby(owner)
    assert _trust(owner)[3]
    assert len(_upcoming(owner)) == 3
    # Everyone else sees what their own reference shows, too.
    for member in world["people"].values():
        _all_match(member)


def test_the_reads_follow_the_writes_that_change_them(owner: User, world: dict[str, Any]) -> None:
    from mensch.connections.services import connection_create, member_block

    p = world["people"]
    member_block(blocker=owner, blocked=p["Ana"])
    member_block(blocker=p["Gus"], blocked=owner)
    connection_create(member=owner, other=p["Oto"], source="introduction")
    exchange = ReferralExchange.objects.get(proposer=owner, partner=p["Jon"])
    Pledge.objects.create(
        exchange=exchange, member=owner, referral_name="Rui", reason="Books.", consent=True
    )
    MeetingTick.objects.create(member=owner, other=p["Eli"])
    _intro(
        p["Max"],
        owner,
        status=Introduction.Status.DECLINED,
        requester_decision=Decision.DECLINED,
        decided_at=timezone.now(),
    )
    Endorsement.objects.filter(author=p["Ben"]).update(hidden_at=timezone.now())
    Profile.objects.filter(user=p["Nia"]).update(is_hidden=True)
    _all_match(owner)
    names = {row[6] for row in _people(owner, 20)}
    assert not names & {p[n].name for n in ("Ana", "Gus", "Oto", "Max", "Nia")}
    texts = " ".join(item.text for item in selectors.waiting_for(owner))
    assert p["Eli"].name + " says you met." not in texts
    assert p["Jon"].name not in texts
    assert _trust(owner)[4] == 2


def test_with_no_cooldown_the_declined_are_suggested(
    owner: User, world: dict[str, Any], settings: Any
) -> None:
    settings.INTRODUCTION_DECLINE_COOLDOWN_DAYS = 0
    _all_match(owner)
    assert world["people"]["Hal"].name in {row[6] for row in _people(owner, 20)}


def test_each_card_reads_in_one_query(
    owner: User, world: dict[str, Any], django_assert_num_queries: Callable[..., Any]
) -> None:
    from mensch.events import dashboard as events_card

    own = selectors.own_profile_items(owner)
    selectors.newest_nearby(owner, own.profile)  # the city's list, into the cache
    for read in (
        lambda: selectors.waiting_for(owner),
        lambda: people_to_meet(owner, 3),
        lambda: selectors.own_profile_items(owner),
        lambda: selectors.newest_nearby(owner, own.profile),
        lambda: trust_card.card(owner),
        lambda: events_card.card(owner),
    ):
        with django_assert_num_queries(1):
            read()


def test_the_dashboard_shows_the_same_with_nothing_to_show(
    login_as: Callable[[User], Client], owner: User
) -> None:
    html = login_as(owner).get("/dashboard/").content.decode()
    assert "Nothing is waiting for your answer right now." in html
    assert "No suggestions yet." in html
    assert "0 endorsements received." in html
    assert "No upcoming events." in html
    assert "someone to keep my studio&#x27;s books" in html
    assert "brand identity design for young companies" in html
    _all_match(owner)


def test_each_waiting_list_stops_at_its_limit_in_its_order(owner: User) -> None:
    others = [make_member(f"Many{number}") for number in range(selectors.WAITING_LIMIT + 2)]
    for other in reversed(others):
        _intro(other, owner)
        _exchange(other, owner)
        MeetingTick.objects.create(member=other, other=owner)
    waiting = selectors.waiting_for(owner)
    assert waiting == _reference_waiting(owner)
    assert len(waiting) == 3 * selectors.WAITING_LIMIT
