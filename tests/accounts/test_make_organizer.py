"""``mensch manage make_organizer EMAIL [--revoke]``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from mensch.accounts.models import User
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def make_organizer(*args: str) -> str:
    out = StringIO()
    call_command("make_organizer", *args, stdout=out)
    return out.getvalue()


def test_grants_the_role_whatever_the_case_of_the_email() -> None:
    member = make_member("Dana", email="dana@example.org")
    output = make_organizer("  DANA@Example.ORG ")
    member.refresh_from_db()
    assert member.is_organizer
    assert "dana@example.org is now an organizer" in output


def test_granting_twice_changes_nothing() -> None:
    make_member("Dana", email="dana@example.org")
    make_organizer("dana@example.org")
    assert "dana@example.org is already an organizer; nothing changed." in make_organizer(
        "dana@example.org"
    )


def test_revoke_removes_the_role() -> None:
    member = make_member("Dana", email="dana@example.org")
    make_organizer("dana@example.org")
    output = make_organizer("dana@example.org", "--revoke")
    member.refresh_from_db()
    assert not member.is_organizer
    assert "dana@example.org is no longer an organizer." in output
    assert "is not an organizer; nothing changed" in make_organizer("dana@example.org", "--revoke")


def test_only_the_named_member_changes() -> None:
    make_member("Dana", email="dana@example.org")
    other = make_member("Sam", email="sam@example.org")
    make_organizer("dana@example.org")
    other.refresh_from_db()
    assert not other.is_organizer
    assert User.objects.filter(is_organizer=True).count() == 1


def test_unknown_email_is_a_clear_error() -> None:
    make_member("Dana", email="dana@example.org")
    with pytest.raises(CommandError, match="No member has the email address 'nobody@example.org'"):
        make_organizer("nobody@example.org")
