from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.test import Client

from mensch.accounts.models import User
from tests.factories import make_member


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # Throttle counters and cached figures live in the cache; each test starts afresh.
    cache.clear()


@pytest.fixture(autouse=True)
def _plain_static_storage(settings: object) -> None:
    # Hashed static names need `collectstatic`; tests serve the files from the apps.
    settings.STORAGES = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Loading the settings creates no static folder, and tests need none.
    settings.STATIC_ROOT = None  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: object) -> None:
    # Argon2 is slow on purpose; tests create hundreds of members. The test that
    # checks argon2 is used sets the production hashers back.
    settings.PASSWORD_HASHERS = [  # type: ignore[attr-defined]
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


@pytest.fixture
def owner(db: None) -> User:
    """The member whose data is at stake, with private contact details filled in."""
    return make_member(
        "Dana",
        last_name="Okafor",
        email="dana@example.org",
        headline="Brand identity designer for small studios",
        industry="Graphic & brand design",
        location="Lisbon, Portugal",
        contact_email="dana.private@example.org",
        phone="+351 21 000 0000",
        website="https://dana.example",
        asks=[("supplier", "someone to keep my studio's books")],
        offers=[("other", "brand identity design for young companies")],
    )


@pytest.fixture
def stranger(db: None) -> User:
    """Another member with no relationship to the owner."""
    return make_member(
        "Sam",
        last_name="Stranger",
        email="sam@example.org",
        contact_email="sam.private@example.org",
        phone="+44 20 7946 0000",
    )


@pytest.fixture
def login_as() -> Callable[[User], Client]:
    def _login(user: User) -> Client:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login
