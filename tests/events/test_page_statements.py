"""The event page's and the events list's reads written out as single statements show
exactly what the querysets they replaced showed: "who to meet" and the fit's signals
(strong matches going, the organizer's past outcomes) are compared here with those
querysets (kept below as the reference) over data with every case the filters tell apart,
then again after the writes that change the answer (a block, a declined introduction, a
hidden profile, a cancelled RSVP)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, When
from django.test import Client
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Block
from mensch.events import fit, selectors, services
from mensch.events.models import Event, Rsvp
from mensch.events.selectors import PersonToMeet, ViewerProfile, viewer_profile, who_to_meet
from mensch.introductions.cooldown import without_cooling
from mensch.introductions.services import introduction_decline, introduction_request
from mensch.matching.models import Recommendation
from mensch.profiles.models import Profile
from mensch.profiles.selectors import visible_profiles
from tests.events.conftest import make_event
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

Login = Callable[[User], Client]
REASON = "You keep books for studios and I design brands; we should compare notes."


# -- the querysets the statements replaced, as the reference ----------------------------


def _reference_who_to_meet(
    viewer: User, event: Event, top: int = selectors.WHO_TO_MEET
) -> list[tuple[int, str, str, str, float]]:
    going = Rsvp.objects.filter(event=event, status=Rsvp.Status.GOING)
    mine = viewer_profile(viewer)
    industry = city = ""
    alike = Q(pk__in=[])
    if mine.exists:
        industry, city = mine.industry.strip(), mine.location.strip()
        if industry:
            alike |= Q(industry__iexact=industry)
        if city:
            alike |= Q(location__iexact=city)
    stored = Recommendation.objects.filter(member_id=viewer.pk, candidate_id=OuterRef("user_id"))
    blocks = Block.objects.filter(
        Q(blocker_id=viewer.pk, blocked_id=OuterRef("user_id"))
        | Q(blocker_id=OuterRef("user_id"), blocked_id=viewer.pk)
    )
    suggestable = without_cooling(
        Profile.objects.filter(user_id__in=going.values("member_id"))
        .exclude(user_id=viewer.pk)
        .filter(user_id__in=visible_profiles().values("user_id"))
        .exclude(Exists(blocks)),
        viewer.pk,
        "user_id",
    )
    rows = list(
        suggestable.annotate(
            stored_score=Subquery(stored.values("score")[:1]),
            stored_rank=Subquery(stored.values("rank")[:1]),
            stored_reason=Subquery(stored.values("reason")[:1]),
        )
        .filter(Q(stored_score__isnull=False) | alike)
        .select_related("user")
        .order_by(
            F("stored_score").desc(nulls_last=True),
            F("stored_rank").asc(nulls_last=True),
            Case(When(stored_score__isnull=False, then=F("user_id"))).asc(nulls_last=True),
            "user__first_name",
            "user__last_name",
            "pk",
        )[:top]
    )
    stored_rows = [p for p in rows if p.stored_score is not None]
    if stored_rows:
        people = [PersonToMeet(p, p.stored_reason, p.stored_score) for p in stored_rows]
    else:
        people = [PersonToMeet(p, selectors._alike_reason(p, industry, city), 0.0) for p in rows]
    return _shown(people)


def _shown(people: list[PersonToMeet]) -> list[tuple[int, str, str, str, float]]:
    return [(p.profile.pk, p.profile.name, p.profile.headline, p.reason, p.score) for p in people]


def _reference_signals(member: User, events: list[Event]) -> tuple[dict[int, int], dict]:
    recommended = Recommendation.objects.filter(
        member=member,
        score__gte=fit.STRONG_MATCH,
        candidate__rsvps__event_id__in=[e.pk for e in events],
        candidate__rsvps__status=Rsvp.Status.GOING,
    )
    recommended = without_cooling(recommended, member.pk, "candidate_id")
    strong = dict(
        recommended.values_list("candidate__rsvps__event_id")
        .annotate(n=selectors.Count("pk"))
        .order_by()
    )
    past = Event.objects.filter(
        organizer_id__in={e.organizer_id for e in events},
        ends_at__lt=timezone.now(),
        status=Event.Status.PUBLISHED,
    )
    outcomes = {
        organizer: attendance.meetings_per_attendee
        for organizer, attendance in selectors.attendance_by(past, key="organizer_id").items()
        if attendance.attendees
    }
    return strong, outcomes


# -- data with every case the filters tell apart ------------------------------------------


def _recommend(member: User, candidate: User, rank: int, score: float, reason: str) -> None:
    Recommendation.objects.create(
        member=member,
        candidate=candidate,
        rank=rank,
        score=score,
        reason=reason,
        computed_at=timezone.now(),
    )


def _decline(requester: User, recipient: User) -> None:
    introduction = introduction_request(requester=requester, recipient=recipient, reason=REASON)
    introduction_decline(introduction_id=introduction.pk, member=recipient)


def _crowd(organizer: User) -> tuple[Event, User, dict[str, User]]:
    """An event with a viewer (going) and attendees of every kind: recommended (ties in
    score, one weak), alike by industry or city in another case, hidden, inactive,
    blocking, blocked, declined either way, waitlisted, cancelled, and one with the same
    first name to order by last name."""
    event = make_event(organizer, title="Bookkeepers and designers breakfast", capacity=40)
    viewer = make_member(
        "Vera", last_name="Viewer", industry="Bookkeeping", location="Lisbon, Portugal"
    )
    services.rsvp_create(event=event, member=viewer)
    people = {
        "rec_a": make_member("Ana", headline="Books for studios"),
        "rec_b": make_member("Bea", headline="Tax & advice"),
        "rec_tie": make_member("Cid", headline="Tied score"),
        "weak": make_member("Dan", headline="Weak match"),
        "same_trade": make_member("Eva", industry="  BOOKKEEPING "),
        "same_city": make_member("Flo", location="lisbon, portugal"),
        "same_city_2": make_member("Flo", last_name="Alpha", location="Lisbon, Portugal"),
        "stranger": make_member("Gus", industry="Plumbing", location="Porto"),
        "hidden": make_member("Hal", industry="Bookkeeping", is_hidden=True),
        "inactive": make_member("Ivy", industry="Bookkeeping"),
        "blocks_viewer": make_member("Jon", industry="Bookkeeping"),
        "blocked": make_member("Kim", industry="Bookkeeping"),
        "declined_by": make_member("Lea", industry="Bookkeeping"),
        "declined": make_member("Max", industry="Bookkeeping"),
        "waitlisted": make_member("Ned", industry="Bookkeeping"),
        "cancelled": make_member("Oli", industry="Bookkeeping"),
        "not_going": make_member("Pia", industry="Bookkeeping"),
    }
    for key, person in people.items():
        if key != "not_going":
            services.rsvp_create(event=event, member=person)
    services.rsvp_cancel(event=event, member=people["cancelled"])
    Rsvp.objects.filter(event=event, member=people["waitlisted"]).update(
        status=Rsvp.Status.WAITLISTED
    )
    User.objects.filter(pk=people["inactive"].pk).update(is_active=False)
    Block.objects.create(blocker=people["blocks_viewer"], blocked=viewer)
    Block.objects.create(blocker=viewer, blocked=people["blocked"])
    _decline(people["declined_by"], viewer)
    _decline(viewer, people["declined"])
    return event, viewer, people


def _recommend_crowd(viewer: User, people: dict[str, User]) -> None:
    _recommend(viewer, people["rec_a"], 2, 0.8, "Reason A.")
    _recommend(viewer, people["rec_tie"], 3, 0.8, "Reason tie.")
    _recommend(viewer, people["rec_b"], 1, 0.9, "Reason B <b>.")
    _recommend(viewer, people["weak"], 4, 0.1, "Weak reason.")
    for key in ("hidden", "inactive", "blocks_viewer", "blocked", "declined_by", "declined"):
        _recommend(viewer, people[key], 5, 0.95, f"Should not show: {key}.")
    _recommend(viewer, people["waitlisted"], 6, 0.99, "Not going.")
    _recommend(viewer, people["not_going"], 7, 0.99, "No RSVP.")


def _both(viewer: User, event: Event, top: int = selectors.WHO_TO_MEET) -> list[tuple]:
    written = _shown(who_to_meet(viewer=viewer, event=event, top=top))
    assert written == _reference_who_to_meet(viewer, event, top)
    return written


# -- who to meet ---------------------------------------------------------------------------


def test_who_to_meet_alike_attendees_as_the_queryset_showed_them(organizer: User) -> None:
    event, viewer, people = _crowd(organizer)
    shown = _both(viewer, event, top=20)
    names = [name for _, name, *_ in shown]
    # The trade and the city compared without case or spaces; by first, then last name.
    assert names == ["Eva Example", "Flo Alpha", "Flo Example"]
    assert shown[0][3] == "You both work in Bookkeeping."
    assert shown[1][3] == "You are both in Lisbon, Portugal."
    assert _both(viewer, event, top=2) == shown[:2]


def test_who_to_meet_stored_recommendations_as_the_queryset_showed_them(
    organizer: User,
) -> None:
    event, viewer, people = _crowd(organizer)
    _recommend_crowd(viewer, people)
    shown = _both(viewer, event, top=20)
    # Best score first; a tie in score by rank; the alike ones no longer count.
    assert [(name, reason, score) for _, name, _, reason, score in shown] == [
        ("Bea Example", "Reason B <b>.", 0.9),
        ("Ana Example", "Reason A.", 0.8),
        ("Cid Example", "Reason tie.", 0.8),
        ("Dan Example", "Weak reason.", 0.1),
    ]
    assert _both(viewer, event) == shown
    assert _both(viewer, event, top=1) == shown[:1]


def test_who_to_meet_follows_blocks_declines_hiding_and_rsvps_as_the_queryset(
    organizer: User,
) -> None:
    event, viewer, people = _crowd(organizer)
    _recommend_crowd(viewer, people)
    Block.objects.create(blocker=people["rec_b"], blocked=viewer)
    Profile.objects.filter(user=people["rec_tie"]).update(is_hidden=True)
    services.rsvp_cancel(event=event, member=people["rec_a"])
    shown = _both(viewer, event, top=20)
    # Ana's seat went to Ned, who was waiting: going now, so suggested.
    assert [name for _, name, *_ in shown] == ["Ned Example", "Dan Example"]
    _decline(people["weak"], viewer)
    _decline(viewer, people["waitlisted"])
    # No stored recommendation left going: the alike attendees again.
    shown = _both(viewer, event, top=20)
    assert [name for _, name, *_ in shown] == ["Eva Example", "Flo Alpha", "Flo Example"]


def test_who_to_meet_for_a_viewer_without_trade_city_or_profile(organizer: User) -> None:
    event, viewer, people = _crowd(organizer)
    plain = make_member("Quinn")
    assert _both(plain, event) == []
    Profile.objects.filter(user=plain).delete()
    assert viewer_profile(plain) == ViewerProfile(exists=False)
    assert _both(plain, event) == []
    _recommend(plain, people["rec_a"], 1, 0.5, "Still recommended.")
    assert [row[3] for row in _both(plain, event)] == ["Still recommended."]


def test_who_to_meet_reads_once_and_loads_only_what_is_shown(
    organizer: User, django_assert_num_queries: Callable[..., Any]
) -> None:
    event, viewer, people = _crowd(organizer)
    _recommend_crowd(viewer, people)
    mine = viewer_profile(viewer)
    with django_assert_num_queries(1):
        shown = who_to_meet(viewer=viewer, event=event, mine=mine)
        assert [p.profile.user.name for p in shown][0] == "Bea Example"
    profile = shown[0].profile
    assert (profile.user_id, profile.headline) == (people["rec_b"].pk, "Tax & advice")


# -- the fit's signals -----------------------------------------------------------------------


def _past_event(organizer: User, meetings: int) -> Event:
    """A past event with 4 going (2 checked in: the attendees) and ``meetings``."""
    event = make_event(organizer, title="Past breakfast", starts_in=timedelta(hours=-1))
    guests = [make_member(f"Past{n}") for n in range(5)]
    for guest in guests:
        services.rsvp_create(event=event, member=guest)
    services.rsvp_cancel(event=event, member=guests[4])
    going = list(event.rsvps.filter(status=Rsvp.Status.GOING).order_by("pk"))
    for rsvp in going[:2]:
        services.rsvp_check_in(event=event, rsvp_id=rsvp.pk)
    pairs = [(0, 1), (2, 3), (0, 2)][:meetings]
    for a, b in pairs:
        services.event_meeting_tick(event=event, member=guests[a], other=guests[b])
        services.event_meeting_tick(event=event, member=guests[b], other=guests[a])
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=3),
    )
    return event


def test_fit_signals_as_the_querysets_counted_them(organizer: User, other_organizer: User) -> None:
    event, viewer, people = _crowd(organizer)
    _recommend_crowd(viewer, people)
    other = make_event(other_organizer, title="Other breakfast")
    services.rsvp_create(event=other, member=people["rec_a"])
    services.rsvp_create(event=other, member=people["not_going"])
    nothing = make_event(other_organizer, title="Quiet breakfast")
    events = [event, other, nothing]
    # Strong (from 0.2): rec_a, rec_b, rec_tie going here; the hidden and inactive ones
    # still count (as before), the declined ones either way do not; blocks do not matter.
    assert fit._signals(viewer, events) == _reference_signals(viewer, events)
    strong, outcomes = fit._signals(viewer, events)
    assert strong[other.pk] == 2
    assert nothing.pk not in strong
    assert outcomes == {}
    _past_event(organizer, meetings=3)  # 2 attendees: 2 × 3 / 2 = 3.0
    _past_event(other_organizer, meetings=0)
    cancelled = _past_event(other_organizer, meetings=1)
    Event.objects.filter(pk=cancelled.pk).update(status=Event.Status.CANCELLED)
    assert fit._signals(viewer, events) == _reference_signals(viewer, events)
    assert fit._signals(viewer, events)[1] == {
        organizer.pk: Decimal("3.0"),
        other_organizer.pk: Decimal("0.0"),
    }
    _decline(people["rec_a"], viewer)
    assert fit._signals(viewer, events) == _reference_signals(viewer, events)
    assert fit._signals(viewer, events)[0][other.pk] == 1
    for member in (make_member("Nobody"), people["stranger"]):
        assert fit._signals(member, events) == _reference_signals(member, events)


def test_events_list_links_each_event_and_shows_its_fit(
    login_as: Login, organizer: User, other_organizer: User
) -> None:
    event, viewer, people = _crowd(organizer)
    _recommend_crowd(viewer, people)
    other = make_event(other_organizer, title="Other breakfast")
    html = login_as(viewer).get("/events/").content.decode()
    for shown in (event, other):
        assert f'<h2><a href="/events/{shown.pk}/">{shown.title}</a></h2>' in html
    assert html.index(event.title) < html.index(other.title)
    assert "7 people you should meet are going" in html  # blocks and hiding: not here
