from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from mensch.accounts.models import User
from mensch.trust.models import TrustScore
from mensch.trust.scores import trust_recompute
from tests.factories import make_member
from tests.trust.conftest import make_event, meet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_trust_flows_from_organizer_along_confirmed_meetings(
    organizer: User, owner: User, bookkeeper: User, stranger: User
) -> None:
    meet(organizer, owner)
    meet(owner, bookkeeper)
    assert trust_recompute() == 4
    scores = {s.member_id: s for s in TrustScore.objects.all()}
    assert scores[organizer.pk].is_seed
    assert scores[owner.pk].display > scores[bookkeeper.pk].display > 0
    assert scores[stranger.pk].display == 0
    assert scores[stranger.pk].band == "new"
    assert "Nobody has vouched for Sam" in " ".join(scores[stranger.pk].reasons)
    assert "Olga Organizer (seed)" in " ".join(scores[owner.pk].reasons)


def test_long_standing_member_with_several_partners_is_a_seed(
    owner: User, settings: object
) -> None:
    settings.TRUST_SEED_MIN_INTERACTIONS = 2  # type: ignore[attr-defined]
    others = [make_member(f"Peer{n}") for n in range(2)]
    for other in others:
        meet(owner, other)
    owner.date_joined = timezone.now() - timedelta(days=400)
    owner.save(update_fields=["date_joined"])
    trust_recompute()
    assert TrustScore.objects.get(member=owner).is_seed
    assert not TrustScore.objects.get(member=others[0]).is_seed
    assert TrustScore.objects.get(member=others[0]).display > 0


def test_without_seeds_everyone_is_new_and_told_why(owner: User, bookkeeper: User) -> None:
    meet(owner, bookkeeper)
    trust_recompute()
    score = TrustScore.objects.get(member=owner)
    assert (score.display, score.band) == (0, "new")
    assert "no trusted seeds" in score.headline


def test_no_shows_at_checked_in_events_lower_reliability(
    organizer: User, owner: User, bookkeeper: User
) -> None:
    from mensch.events.models import Rsvp

    meet(organizer, owner)
    meet(organizer, bookkeeper)
    for days in (10, 20, 30):
        event = make_event(organizer, title=f"Breakfast {days}", days_ago=days)
        Rsvp.objects.create(event=event, member=owner, checked_in_at=event.starts_at)
        Rsvp.objects.create(event=event, member=bookkeeper)  # went missing, three times
    trust_recompute()
    kept = TrustScore.objects.get(member=owner)
    missed = TrustScore.objects.get(member=bookkeeper)
    assert kept.reliability > missed.reliability
    assert kept.display > missed.display
    assert "3 no-shows" in " ".join(missed.reasons)


def test_confirmed_meeting_recomputes_trust_in_the_background(
    organizer: User,
    owner: User,
    settings: object,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    settings.TASKS = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }
    assert not TrustScore.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        meet(organizer, owner)
    assert TrustScore.objects.get(member=owner).display > 0


def test_recompute_trust_command_reports_members(organizer: User, owner: User) -> None:
    meet(organizer, owner)
    out = io.StringIO()
    call_command("recompute_trust", "--no-progress", stdout=out)
    assert out.getvalue().strip() == "Computed trust for 2 members."
    assert TrustScore.objects.get(member=owner).display > 0


def test_member_sees_own_explanation_others_only_band(
    organizer: User, owner: User, stranger: User, login_as: Callable[[User], Client]
) -> None:
    meet(organizer, owner)
    trust_recompute()
    score = TrustScore.objects.get(member=owner)
    mine = login_as(owner).get("/trust/").content.decode()
    assert score.headline in mine
    assert "Olga Organizer (seed)" in mine
    theirs = login_as(stranger).get(f"/specialists/{owner.profile.pk}/").content.decode()
    assert score.headline not in theirs
    assert f"{score.display}/100" not in theirs
    assert {"high": "high trust", "good": "good trust"}.get(score.band, score.band) in theirs
    me = login_as(owner).get("/api/v1/trust/me").json()
    assert me["display"] == score.display
    assert me["explanation"].startswith(score.headline)


def test_dashboard_card_shows_band_and_endorsements(
    owner: User, login_as: Callable[[User], Client]
) -> None:
    page = login_as(owner).get("/dashboard/").content.decode()
    assert "Your trust" in page
    assert "0 endorsements received." in page
