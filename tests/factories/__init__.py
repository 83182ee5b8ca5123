"""Plain factories: each makes exactly what its arguments say, through the real services."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from io import StringIO

from django.core.management import call_command

from mensch.accounts.models import User
from mensch.accounts.services import member_signup
from mensch.profiles.models import Profile
from mensch.profiles.services import profile_item_create, profile_update

PASSWORD = "a long test password 42"
_counter = itertools.count(1)


def make_member(
    first_name: str = "",
    *,
    email: str = "",
    last_name: str = "Example",
    asks: Sequence[tuple[str, str]] = (),
    offers: Sequence[tuple[str, str]] = (),
    **profile_fields: object,
) -> User:
    """A member with a profile; ``asks``/``offers`` are (kind, text) pairs."""
    number = next(_counter)
    first_name = first_name or f"Member{number}"
    user = member_signup(
        email=email or f"{first_name.lower()}.{number}@example.org",
        password=PASSWORD,
        first_name=first_name,
        last_name=last_name,
    )
    profile = Profile.objects.get(user=user)
    if profile_fields:
        profile_update(profile=profile, **profile_fields)
    for kind, text in asks:
        profile_item_create(profile=profile, side="ask", kind=kind, text=text)
    for kind, text in offers:
        profile_item_create(profile=profile, side="offer", kind=kind, text=text)
    return user


def make_superuser(email: str = "root@example.org", first_name: str = "Root") -> User:
    """A staff account made the way an administrator makes one: `createsuperuser`."""
    call_command(
        "createsuperuser", interactive=False, email=email, first_name=first_name, stdout=StringIO()
    )
    return User.objects.get(email=email)
