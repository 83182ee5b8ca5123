from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps

from mensch.accounts.models import User
from mensch.profiles.models import Profile

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_accounts_made_without_sign_up_get_an_empty_profile() -> None:
    admin = User.objects.create_superuser(email="root@example.org", password="x" * 20)
    plain = User.objects.create_user(email="plain@example.org", password="x" * 20)
    assert Profile.objects.get(user=admin).headline == ""
    assert Profile.objects.filter(user=plain).exists()


def test_saving_an_account_again_makes_no_second_profile() -> None:
    admin = User.objects.create_superuser(email="root@example.org", password="x" * 20)
    admin.first_name = "Root"
    admin.save()
    assert Profile.objects.filter(user=admin).count() == 1


def test_migration_gives_older_accounts_without_a_profile_one() -> None:
    admin = User.objects.create_superuser(email="root@example.org", password="x" * 20)
    Profile.objects.filter(user=admin).delete()
    migration = import_module("mensch.profiles.migrations.0002_every_account_has_a_profile")

    migration.create_missing_profiles(apps, None)

    assert Profile.objects.filter(user=admin).count() == 1
