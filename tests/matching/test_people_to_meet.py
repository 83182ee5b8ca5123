from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from mensch.accounts.models import User
from mensch.connections.services import connection_create, member_block
from mensch.introductions.services import introduction_decline, introduction_request
from mensch.matching.models import Recommendation
from mensch.matching.services import matches_recompute
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def community(owner: User) -> dict[str, User]:
    """Dana (owner) asks for bookkeeping and offers brand design."""
    return {
        "rui": make_member(
            "Rui",
            industry="Accounting",
            asks=[("supplier", "a designer to refresh our brand")],
            offers=[("supplier", "bookkeeping and tax returns for small studios")],
        ),
        "lena": make_member(
            "Lena",
            industry="Accounting",
            asks=[("client", "restaurants needing payroll")],
            offers=[("supplier", "bookkeeping for small businesses")],
        ),
        "copy": make_member(
            "Copycat",
            industry="Graphic & brand design",
            asks=[("client", "startups needing a logo")],
            offers=[("other", "brand identity design for young companies")],
        ),
    }


def test_reciprocal_partner_tops_people_to_meet_with_reason(
    login_as: Callable[[User], Client], owner: User, community: dict[str, User]
) -> None:
    matches_recompute()
    html = login_as(owner).get("/people-to-meet/").content.decode()
    assert html.index("Rui Example") < html.index("Lena Example")
    assert "Copycat" not in html
    first = Recommendation.objects.filter(member=owner).order_by("rank").first()
    assert first is not None
    assert first.candidate == community["rui"]
    assert "Rui offers" in first.reason
    assert "which you ask for" in first.reason


def test_api_matches_lists_reasons_and_pending_state(
    login_as: Callable[[User], Client], owner: User, community: dict[str, User]
) -> None:
    matches_recompute()
    introduction_request(
        requester=owner,
        recipient=community["rui"],
        reason="You need a brand refresh and I need my books kept; let's trade notes.",
    )
    body = login_as(owner).get("/api/v1/matches").json()
    assert body[0]["name"] == "Rui Example"
    assert body[0]["introduction_pending"] is True
    assert body[0]["reason"].startswith("Rui offers")


def test_connected_blocked_and_hidden_members_are_not_suggested(
    login_as: Callable[[User], Client], owner: User, community: dict[str, User]
) -> None:
    matches_recompute()
    connection_create(member=owner, other=community["rui"], source="introduction")
    member_block(blocker=community["lena"], blocked=owner)
    body = login_as(owner).get("/api/v1/matches").json()
    names = [row["name"] for row in body]
    assert "Rui Example" not in names
    assert "Lena Example" not in names


def test_hidden_member_never_appears_in_anyones_list(
    owner: User, community: dict[str, User]
) -> None:
    community["rui"].profile.is_hidden = True
    community["rui"].profile.save()
    matches_recompute()
    assert not Recommendation.objects.filter(candidate=community["rui"]).exists()


def test_members_see_only_their_own_recommendations(
    login_as: Callable[[User], Client], owner: User, community: dict[str, User]
) -> None:
    matches_recompute()
    stranger = make_member("Sam")
    body = login_as(stranger).get("/api/v1/matches").json()
    owners_reasons = set(
        Recommendation.objects.filter(member=owner).values_list("reason", flat=True)
    )
    assert not owners_reasons & {row["reason"] for row in body}


def test_profile_change_asks_for_a_recompute(
    owner: User, django_capture_on_commit_callbacks: Callable[..., object], settings: object
) -> None:
    from mensch.profiles.services import profile_item_create

    settings.TASKS = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }
    make_member(
        "Rui",
        offers=[("supplier", "bookkeeping for design studios")],
        asks=[("supplier", "a brand designer")],
    )
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        profile_item_create(
            profile=owner.profile, side="offer", kind="advice", text="logo design critiques"
        )
    assert Recommendation.objects.filter(member=owner).exists()


@pytest.mark.parametrize("count", [1, 3])
def test_people_to_meet_page_query_count(
    login_as: Callable[[User], Client],
    owner: User,
    count: int,
    django_assert_num_queries: Callable[..., object],
) -> None:
    from django.utils import timezone

    for number in range(count):
        keeper = make_member(f"Keeper{number}")
        Recommendation.objects.create(
            member=owner,
            candidate=keeper,
            rank=number + 1,
            score=0.5,
            reason=f"Keeper{number} offers bookkeeping, which you ask for.",
            computed_at=timezone.now(),
        )
    client = login_as(owner)
    # session, user, recommendations (connections, blocks and cooling declines as one
    # subquery, pending inline), badge
    with django_assert_num_queries(4):
        html = client.get("/people-to-meet/").content.decode()
    assert html.count('class="card person match"') == count


def test_a_declined_member_is_not_suggested_either_way_while_it_cools(
    login_as: Callable[[User], Client], owner: User, community: dict[str, User]
) -> None:
    matches_recompute()
    rui = community["rui"]
    assert Recommendation.objects.filter(member=rui, candidate=owner).exists()
    introduction = introduction_request(
        requester=owner,
        recipient=rui,
        reason="You need a brand refresh and I need my books kept; let's trade notes.",
    )
    introduction_decline(introduction_id=introduction.pk, member=rui)
    matches_recompute()
    owner_page = login_as(owner).get("/people-to-meet/").content.decode()
    assert "Rui Example" not in owner_page
    assert "Lena Example" in owner_page
    names = [row["name"] for row in login_as(owner).get("/api/v1/matches").json()]
    assert "Rui Example" not in names
    rui_names = [row["name"] for row in login_as(rui).get("/api/v1/matches").json()]
    assert "Dana Okafor" not in rui_names
