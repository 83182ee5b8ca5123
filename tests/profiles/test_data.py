from __future__ import annotations

import json

import pytest

from mensch.accounts.models import User
from mensch.profiles.data import member_data
from mensch.profiles.models import Profile

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_member_data_has_own_profile_with_private_details_not_strangers(
    owner: User, stranger: User
) -> None:
    data = member_data(owner)

    profile = data["profile"]
    assert isinstance(profile, dict)
    assert profile["id"] == owner.profile.pk
    assert profile["email"] == "dana@example.org"
    assert profile["first_name"] == "Dana"
    assert profile["headline"] == "Brand identity designer for small studios"
    assert profile["contact_email"] == "dana.private@example.org"
    assert profile["phone"] == "+351 21 000 0000"
    assert profile["asks"][0]["text"] == "someone to keep my studio's books"
    assert profile["offers"][0]["kind"] == "other"
    dumped = json.dumps(data)
    assert "sam.private@example.org" not in dumped
    assert "+44 20 7946 0000" not in dumped
    assert "password" not in dumped


def test_member_data_of_a_createsuperuser_account_is_an_empty_profile(db: None) -> None:
    admin = User.objects.create_superuser(email="root@example.org", password="x" * 20)
    profile = member_data(admin)["profile"]
    assert isinstance(profile, dict)
    assert profile["email"] == "root@example.org"
    assert profile["headline"] == ""
    assert profile["asks"] == []
    assert profile["offers"] == []


def test_member_data_survives_an_account_without_a_profile_row(db: None) -> None:
    admin = User.objects.create_superuser(email="root@example.org", password="x" * 20)
    Profile.objects.filter(user=admin).delete()
    admin.refresh_from_db()
    profile = member_data(admin)["profile"]
    assert isinstance(profile, dict)
    assert profile["id"] is None
    assert profile["languages"] == []
    assert profile["asks"] == []
    json.dumps(profile)
