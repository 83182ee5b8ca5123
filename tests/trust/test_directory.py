from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.db.models.signals import post_init
from django.test import Client

from mensch.accounts.models import User
from mensch.engine.matching import MatchEngine
from mensch.matching import shared
from mensch.profiles.models import Offer, Profile
from mensch.profiles.services import profile_update
from mensch.trust import services
from mensch.trust.directory import find_specialists
from mensch.trust.models import TrustScore
from mensch.trust.scores import trust_recompute
from tests.factories import make_member
from tests.trust.conftest import meet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NEED = "someone to keep the books and do the VAT for my design studio"


@pytest.fixture
def community(owner: User, bookkeeper: User) -> dict[str, User]:
    """A small community: one bookkeeper, one remote accountant, a photographer."""
    return {
        "bea": bookkeeper,
        "ana": make_member(
            "Ana",
            headline="Accountant working remotely with freelancers",
            location="Porto, Portugal",
            languages="Portuguese",
            offers=[("supplier", "bookkeeping, VAT and tax returns for freelancers, done online")],
        ),
        "phil": make_member(
            "Phil",
            headline="Photographer",
            location="Lisbon, Portugal",
            languages="English",
            offers=[("supplier", "product photography for online shops")],
        ),
    }


def test_need_ranks_bookkeepers_with_why(owner: User, community: dict[str, User]) -> None:
    found = find_specialists(viewer=owner, need=NEED)
    names = [s.profile.user.first_name for s in found]
    assert names[:2] == ["Bea", "Ana"]
    assert "Phil" not in names
    assert found[0].why.startswith(
        "Bea offers bookkeeping and VAT returns for small studios, which is what you need."
    )
    assert "Trust: new here — no verified interactions yet." in found[0].why


def test_filters_location_language_remote(owner: User, community: dict[str, User]) -> None:
    def names(**filters: object) -> list[str]:
        return [
            s.profile.user.first_name for s in find_specialists(viewer=owner, need=NEED, **filters)
        ]

    assert names(location="porto") == ["Ana"]
    assert names(language="english") == ["Bea"]
    assert names(remote=True) == ["Ana"]


def test_hidden_self_and_blocked_members_are_not_listed(
    owner: User, community: dict[str, User]
) -> None:
    from mensch.connections.services import member_block

    profile_update(profile=community["ana"].profile, is_hidden=True)
    member_block(blocker=community["bea"], blocked=owner)
    assert find_specialists(viewer=owner, need=NEED) == []
    # The member's own offers never answer their own need.
    assert [s.profile.pk for s in find_specialists(viewer=community["bea"], need=NEED)] == []


def test_trust_lifts_an_equal_fit_and_shows_verified_endorsements(
    owner: User, organizer: User
) -> None:
    offers = [("supplier", "bookkeeping and VAT returns for small studios")]
    honest = make_member("Hana", offers=offers)
    unknown = make_member("Ugo", offers=offers)
    meet(organizer, honest)
    meet(owner, honest)
    services.endorsement_create(
        author=owner,
        member=honest,
        offer_id=honest.profile.offers.get().pk,
        text="Kept our books for two years, always on time and clear.",
    )
    trust_recompute()
    found = find_specialists(viewer=owner, need=NEED)
    assert [s.profile.user_id for s in found] == [honest.pk, unknown.pk]
    assert found[0].fit == pytest.approx(found[1].fit)
    assert [e.text for e in found[0].endorsements] == [
        "Kept our books for two years, always on time and clear."
    ]
    assert "1 verified endorsement of this offer." in found[0].why


def test_sybil_ring_does_not_outrank_honest_specialists(organizer: User, owner: User) -> None:
    """Thirty fake accounts confirm meetings with each other and endorse each other."""
    offers = [("supplier", "bookkeeping and VAT returns for small studios")]
    honest = [make_member(f"Honest{n}", offers=offers) for n in range(3)]
    for member in honest:
        meet(organizer, member)
    meet(honest[0], honest[1])
    sybils = [make_member(f"Sybil{n}", offers=offers) for n in range(30)]
    for i, sybil in enumerate(sybils):
        for step in (1, 2, 3):
            other = sybils[(i + step) % len(sybils)]
            meet(sybil, other)
        services.endorsement_create(
            author=sybils[(i + 1) % len(sybils)],
            member=sybil,
            offer_id=sybil.profile.offers.get().pk,
            text="Absolutely the best bookkeeper, five stars, hire now!",
        )
    # One careless honest member confirms a meeting with one sybil: the attack edge.
    meet(honest[2], sybils[0])
    trust_recompute()
    scores = {s.member_id: s.score for s in TrustScore.objects.all()}
    weakest_honest = min(scores[h.pk] for h in honest)
    sybil_scores = [scores[s.pk] for s in sybils]
    # Even the sybil an honest member met stays below every honest specialist, and the
    # ring as a whole holds a small fraction of an honest member's trust (scores are on
    # a log scale, so the mean is the fair summary).
    assert max(sybil_scores) < weakest_honest
    assert sum(sybil_scores) / len(sybil_scores) < 0.2 * weakest_honest
    found = find_specialists(viewer=owner, need=NEED, limit=40)
    top = [s.profile.user_id for s in found[:3]]
    assert set(top) == {h.pk for h in honest}


def test_specialists_page_lists_results_with_why(
    owner: User, community: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    page = login_as(owner).get("/specialists/", {"need": NEED}).content.decode()
    assert "2 members whose offers meet your need" in page
    assert "Bea offers bookkeeping and VAT returns for small studios" in page
    partial = (
        login_as(owner)
        .get("/specialists/", {"need": NEED, "location": "porto"}, HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert "<html" not in partial
    assert "1 member whose offers meet your need" in partial
    api = login_as(owner).get("/api/v1/trust/specialists", {"need": NEED}).json()
    assert [row["name"] for row in api] == ["Bea Books", "Ana Example"]
    assert api[0]["band"] == "new"


@pytest.mark.parametrize("count", [1, 3])
def test_specialists_page_and_api_query_count(
    count: int,
    owner: User,
    login_as: Callable[[User], Client],
    django_assert_num_queries: Callable[..., object],
) -> None:
    offers = [("supplier", "bookkeeping and VAT returns for small studios")]
    for number in range(count):
        member = make_member(f"Keeper{number}", offers=offers)
        meet(owner, member)
        services.endorsement_create(
            author=owner,
            member=member,
            offer_id=member.profile.offers.get().pk,
            text="Kept our books for two years, always on time and clear.",
        )
    client = login_as(owner)
    shared.shared_engine()  # a warm process: the engine was built by an earlier request
    # session, user, blocks, ranked members' values with their trust, the chosen ones'
    # best offers, endorsements, badge
    with django_assert_num_queries(7):
        page = client.get("/specialists/", {"need": NEED})
    assert page.content.decode().count("Kept our books for two years") == count
    with django_assert_num_queries(6):
        api = client.get("/api/v1/trust/specialists", {"need": NEED})
    assert len(api.json()) == count


def test_stranger_sees_no_hidden_profile_on_specialist_page(
    owner: User, stranger: User, login_as: Callable[[User], Client]
) -> None:
    profile_update(profile=owner.profile, is_hidden=True)
    assert login_as(stranger).get(f"/specialists/{owner.profile.pk}/").status_code == 404
    assert login_as(stranger).get(f"/api/v1/trust/members/{owner.profile.pk}").status_code == 404


KEEPING = [("supplier", "bookkeeping and VAT returns for small studios")]


@pytest.mark.parametrize("count", [3, 300])
def test_specialist_search_costs_the_same_queries_at_3_and_300_members(
    count: int,
    owner: User,
    login_as: Callable[[User], Client],
    django_assert_num_queries: Callable[..., object],
) -> None:
    members = [make_member(f"Keeper{n}", offers=KEEPING) for n in range(count)]
    for member in members[:3]:
        meet(owner, member)
        services.endorsement_create(
            author=owner,
            member=member,
            offer_id=member.profile.offers.get().pk,
            text="Kept our books for two years, always on time and clear.",
        )
    client = login_as(owner)
    client.get("/specialists/", {"need": NEED})  # the process's engine is built once
    # session, user, blocks, ranked members' values with their trust, the chosen ones'
    # best offers, endorsements, badge
    with django_assert_num_queries(7):
        page = client.get("/specialists/", {"need": NEED}).content.decode()
    assert f"{min(count, 20)} members whose offers meet your need" in page
    with django_assert_num_queries(6):
        api = client.get("/api/v1/trust/specialists", {"need": NEED}).json()
    assert len(api) == min(count, 20)


def test_a_search_reads_only_the_best_ranked_members(owner: User) -> None:
    """At 300 matching members a search for 3 builds model objects for those 3 only."""
    for n in range(300):
        make_member(f"Keeper{n}", offers=KEEPING)
    built: list[object] = []

    def count(sender: type, instance: object, **kwargs: object) -> None:
        built.append(instance)

    post_init.connect(count, sender=Profile, dispatch_uid="test.profiles_built")
    post_init.connect(count, sender=Offer, dispatch_uid="test.offers_built")
    try:
        found = find_specialists(viewer=owner, need=NEED, limit=3)
        again = find_specialists(viewer=owner, need=NEED, limit=3)
    finally:
        post_init.disconnect(sender=Profile, dispatch_uid="test.profiles_built")
        post_init.disconnect(sender=Offer, dispatch_uid="test.offers_built")
    assert len(found) == len(again) == 3
    profiles = [obj for obj in built if isinstance(obj, Profile)]
    offers = [obj for obj in built if isinstance(obj, Offer)]
    # Building the engine, ranking and screening read plain values; only the members
    # each search shows become model objects (with their one offer).
    assert len(profiles) == 2 * 3
    assert len(offers) == 2 * 3


def test_the_engine_is_built_once_and_renewed_after_a_profile_change(
    owner: User, community: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    builds: list[int] = []
    real = shared.build_engine

    def counting() -> object:
        builds.append(1)
        return real()

    monkeypatch.setattr(shared, "build_engine", counting)
    for _ in range(3):
        assert [s.profile.user.first_name for s in find_specialists(viewer=owner, need=NEED)][
            :2
        ] == ["Bea", "Ana"]
    assert len(builds) == 1
    newcomer = make_member(
        "Nina", offers=[("supplier", "VAT returns and bookkeeping for design studios")]
    )
    names = [s.profile.user.first_name for s in find_specialists(viewer=owner, need=NEED)]
    assert "Nina" in names
    assert len(builds) == 2
    assert shared.shared_engine().row_of(str(newcomer.pk)) >= 0


def test_filters_that_drop_the_first_page_still_find_members_further_down(owner: User) -> None:
    for n in range(60):
        make_member(f"Office{n}", location="Lisbon, Portugal", offers=KEEPING)
    make_member(
        "Rita",
        location="Porto, Portugal",
        offers=[("supplier", "bookkeeping for shops and studios, done online")],
    )

    def names(location: str = "", remote: bool = False) -> list[str]:
        found = find_specialists(viewer=owner, need=NEED, limit=5, location=location, remote=remote)
        return [s.profile.user.first_name for s in found]

    assert "Rita" not in names()
    assert names(remote=True) == ["Rita"]
    assert names(location="porto") == ["Rita"]


def test_a_repeated_filter_costs_no_more_queries_than_a_plain_search(
    owner: User,
    community: dict[str, User],
    login_as: Callable[[User], Client],
    django_assert_num_queries: Callable[..., AbstractContextManager[object]],
) -> None:
    client = login_as(owner)
    query = {"need": NEED, "location": "porto"}
    assert (
        "1 member whose offers meet your need"
        in client.get("/specialists/", query).content.decode()
    )
    # The members a filter admits are kept with the engine: no scan of the community.
    with django_assert_num_queries(7):
        again = client.get("/specialists/", query)
    assert "Ana offers bookkeeping" in again.content.decode()
    # Working remotely is checked on the listed members' offers: one query more.
    client.get("/specialists/", {**query, "remote": "on"})
    with django_assert_num_queries(8):
        remote = client.get("/specialists/", {**query, "remote": "on"})
    assert "Ana offers bookkeeping" in remote.content.decode()


def test_a_slow_engine_is_renewed_in_the_background(monkeypatch: pytest.MonkeyPatch) -> None:
    """After a change, searches keep the old engine while the new one is built off-request."""
    old, new = MatchEngine([]), MatchEngine([])
    engines = iter([old, new])
    monkeypatch.setattr(shared, "build_engine", lambda: next(engines))
    monkeypatch.setattr(shared, "INLINE_BUILD_SECONDS", 0.0)  # every build counts as slow
    monkeypatch.setattr(shared, "REFRESH_EVERY", 0.0)
    assert shared.shared_engine() is old
    assert shared.shared_engine() is old  # no change, no rebuild
    shared.bump_engine_version()
    assert shared.shared_engine() is old  # answered at once, from the engine at hand
    for thread in threading.enumerate():
        if thread.name == "mensch-engine-refresh":
            thread.join()
    assert shared.shared_engine() is new
