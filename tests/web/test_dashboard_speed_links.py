"""The dashboard reverses each row link's pattern once for the page: every link must
stay the one ``{% url %}`` gives, for people to meet, newcomers nearby and the profile's
to-do steps."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.matching.models import Recommendation
from mensch.profiles.models import Profile
from tests.factories import make_member

pytestmark = [pytest.mark.django_db]

LISBON = "Lisbon, Portugal"


def test_row_links_are_those_reverse_gives(login_as: Callable[[User], Client]) -> None:
    # A member with a bare profile in Lisbon: every step but one to do.
    me = make_member("Mia", location=LISBON)
    Profile.objects.filter(user=me).update(headline="", goals="", languages="")
    people = [make_member(name, headline=f"{name} helps", location=LISBON) for name in "ABC"]
    for rank, other in enumerate(people):
        Recommendation.objects.create(
            member=me,
            candidate=other,
            rank=rank,
            score=1 - rank / 100,
            reason="Offers what you ask for.",
            computed_at=timezone.now(),
        )
    page = login_as(me).get("/dashboard/").content.decode()
    for other in people:
        pk = other.profile.pk
        assert f'<a href="{reverse("member_detail", args=[pk])}">{other.name}</a>' in page
        assert f'<a href="{reverse("introduction_request", args=[pk])}">Ask for' in page
    assert page.count(f'<a href="{reverse("profile_edit")}">') >= 4
    assert 'class="todo"' in page
    assert f"New in {LISBON}" in page
