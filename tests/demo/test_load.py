from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mensch.accounts.models import User
from mensch.connections.selectors import are_connected
from mensch.demo import load
from mensch.demo.load import demo_load, demo_load_capabilities
from mensch.demo.people import generate_people
from mensch.events.models import Rsvp
from mensch.introductions.models import Introduction
from mensch.matching.services import matches_recompute
from mensch.profiles.models import Ask, Offer, Profile
from mensch.profiles.search import fold

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_demo_load_creates_members_with_items_and_an_organizer() -> None:
    summary = demo_load(members=40, password="demo-password-1", progress=False)
    assert summary.created == 41
    organizer = User.objects.get(email=summary.organizer_email)
    assert organizer.is_organizer
    member = User.objects.get(email=summary.member_email)
    assert member.check_password("demo-password-1")
    assert member.profile.asks.exists()
    assert member.profile.offers.exists()
    assert Profile.objects.exclude(industry="").values("industry").distinct().count() >= 10


def test_demo_load_twice_adds_nobody_twice() -> None:
    demo_load(members=30, password="demo-password-1")
    again = demo_load(members=30, password="demo-password-1")
    assert again.created == 0
    assert User.objects.count() == 31


def test_demo_capabilities_give_the_demo_member_connections() -> None:
    summary = demo_load(members=60, password="demo-password-1")
    matches_recompute()
    lines = demo_load_capabilities(summary)
    member = User.objects.get(email=summary.member_email)
    assert lines[0].startswith("matching: 2 introductions accepted")
    accepted = Introduction.objects.filter(requester=member, status=Introduction.Status.ACCEPTED)
    assert accepted.count() == 2
    for introduction in accepted:
        assert are_connected(member, introduction.recipient)
    assert demo_load_capabilities(summary)[0] == "matching: introductions already there"


@pytest.mark.usefixtures("transactional_db")
def test_mensch_demo_command_prints_logins(tmp_path: Path) -> None:
    env = {**os.environ, "MENSCH_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(  # our own console script, no shell
        # The README's demo, with its default community of 300, every app's demo included.
        [sys.executable, "-m", "mensch.cli", "demo", "--no-serve"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Member login:    kwame.mensah.1@example.org / mensch-demo-2026" in result.stdout
    assert "contacts: " in result.stdout
    assert "trust: " in result.stdout
    assert "Organizer login: adaeze.nwosu@example.org / mensch-demo-2026" in result.stdout
    assert (tmp_path / "mensch.sqlite3").exists()


def test_demo_load_writes_in_chunks_and_stays_idempotent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "CHUNK", 7)
    first = demo_load(members=30, password="demo-password-1")
    assert first.created == 31
    # A second, larger load adds only the new members, chunk by chunk.
    again = demo_load(members=45, password="demo-password-1")
    assert again.created == 15
    assert User.objects.count() == 46
    assert Profile.objects.count() == 46
    assert again.asks == Ask.objects.count()
    assert again.offers == Offer.objects.count()
    assert again.member_emails == tuple(p.email.lower() for p in generate_people(45))
    assert User.objects.filter(is_organizer=True).get().email == again.organizer_email


def test_demo_members_are_findable_by_what_they_ask_and_offer() -> None:
    summary = demo_load(members=20, password="demo-password-1")
    member = User.objects.get(email=summary.member_email)
    profile = Profile.objects.get(user=member)
    ask = profile.asks.order_by("position").first()
    assert ask is not None
    document = profile.search_document
    assert fold(member.first_name) in document
    assert fold(ask.text) in document
    assert fold(profile.headline) in document


def test_every_apps_demo_acts_on_a_bounded_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "CAPABILITY_SAMPLE", 25)
    summary = demo_load(members=60, password="demo-password-1")
    sample = load.demo_members(summary)
    assert len(sample) == 25
    assert sample[0].email == summary.member_email
    matches_recompute()
    demo_load_capabilities(summary)
    sampled = {m.pk for m in sample}
    going = set(Rsvp.objects.values_list("member_id", flat=True))
    assert going <= sampled


def test_matching_demo_says_nobody_waits_when_there_is_nobody_to_meet() -> None:
    summary = demo_load(members=5, password="demo-password-1")
    lines = demo_load_capabilities(summary)  # no people to meet computed
    assert lines[0] == "matching: 0 introductions accepted and 0 waiting for the demo member"
