"""Who a request is signed in as: the session (mensch.core.sessions) and the member
(MemberAuthenticationMiddleware) read by prepared reads, with Django's answers in every case."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.contrib import auth
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.test import Client, RequestFactory
from django.utils import timezone

from mensch.accounts.models import User
from mensch.core.middleware import signed_in_user
from mensch.core.sessions import SessionStore

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

QueryCount = Callable[..., AbstractContextManager[object]]
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def test_the_settings_use_these_without_redis() -> None:
    assert settings.SESSION_ENGINE == "mensch.core.sessions"
    assert "mensch.core.middleware.MemberAuthenticationMiddleware" in settings.MIDDLEWARE
    assert "django.contrib.auth.middleware.AuthenticationMiddleware" not in settings.MIDDLEWARE


def _signed_in_session(member: User) -> SessionStore:
    """A session as ``login`` leaves it."""
    session = SessionStore()
    session[auth.SESSION_KEY] = str(member.pk)
    session[auth.BACKEND_SESSION_KEY] = MODEL_BACKEND
    session[auth.HASH_SESSION_KEY] = member.get_session_auth_hash()
    session.create()
    session.save()
    return session


def _request(session_key: str | None) -> HttpRequest:
    request = RequestFactory().get("/")
    request.session = SessionStore(session_key)
    return request


def _outcome(
    read: Callable[[HttpRequest], Any], session_key: str | None
) -> tuple[object, str, bool, list[str]]:
    """Who the request is, and what became of its session."""
    request = _request(session_key)
    user = read(request)
    session = request.session
    return (
        None if isinstance(user, AnonymousUser) else user.pk,
        type(user).__name__,
        session.session_key == session_key,
        sorted(session.keys()),
    )


# Each case changes the world after a member signed in; both readers must then agree.
def _as_is(member: User, session: SessionStore) -> None:
    pass


def _deactivated(member: User, session: SessionStore) -> None:
    User.objects.filter(pk=member.pk).update(is_active=False)


def _deleted(member: User, session: SessionStore) -> None:
    member.delete()


def _new_password(member: User, session: SessionStore) -> None:
    member.set_password("a new one, elsewhere")
    member.save()


def _no_hash(member: User, session: SessionStore) -> None:
    del session[auth.HASH_SESSION_KEY]
    session.save()


def _other_backend(member: User, session: SessionStore) -> None:
    session[auth.BACKEND_SESSION_KEY] = "django.contrib.auth.backends.RemoteUserBackend"
    session.save()


def _expired(member: User, session: SessionStore) -> None:
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )


def _no_member(member: User, session: SessionStore) -> None:
    del session[auth.SESSION_KEY]
    session.save()


CASES = [
    _as_is,
    _deactivated,
    _deleted,
    _new_password,
    _no_hash,
    _other_backend,
    _expired,
    _no_member,
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__.strip("_"))
def test_every_case_is_answered_as_django_answers(
    case: Callable[[User, SessionStore], None], make_owner: Callable[[], User]
) -> None:
    outcomes = []
    for read in (signed_in_user, auth.get_user):
        member = make_owner()
        session = _signed_in_session(member)
        case(member, session)
        outcome = _outcome(read, session.session_key)
        outcomes.append((outcome[0] is not None and outcome[0] == member.pk, *outcome[1:]))
        User.objects.all().delete()
        Session.objects.all().delete()
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] == (case is _as_is)


def test_a_hash_from_a_retired_secret_key_rotates_the_session_as_django_does(
    settings: Any, make_owner: Callable[[], User]
) -> None:
    results = []
    for read in (signed_in_user, auth.get_user):
        settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "the old key" + "x" * 40, []
        member = make_owner()
        session = _signed_in_session(member)
        old_hash = session[auth.HASH_SESSION_KEY]
        settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = (
            "the new key" + "y" * 40,
            ["the old key" + "x" * 40],
        )
        request = _request(session.session_key)
        user = read(request)
        results.append(
            (
                user.pk == member.pk,
                request.session.session_key != session.session_key,
                request.session[auth.HASH_SESSION_KEY] != old_hash,
            )
        )
        User.objects.all().delete()
    assert results == [(True, True, True), (True, True, True)]


def test_a_member_id_that_is_no_number_fails_as_in_django(make_owner: Callable[[], User]) -> None:
    member = make_owner()
    session = _signed_in_session(member)
    session[auth.SESSION_KEY] = "not a number"
    session.save()
    for read in (signed_in_user, auth.get_user):
        with pytest.raises(ValidationError):
            read(_request(session.session_key))


def test_no_session_is_a_visitor_without_a_query(django_assert_num_queries: QueryCount) -> None:
    with django_assert_num_queries(0):
        assert isinstance(signed_in_user(_request(None)), AnonymousUser)


def test_a_signed_in_member_is_read_in_two_queries(
    make_owner: Callable[[], User], django_assert_num_queries: QueryCount
) -> None:
    member = make_owner()
    session = _signed_in_session(member)
    with django_assert_num_queries(2):  # the session, the member
        user = signed_in_user(_request(session.session_key))
    assert user == member
    assert user.email == member.email


def test_the_session_store_reads_a_live_session_and_forgets_others(
    django_assert_num_queries: QueryCount,
) -> None:
    session = SessionStore()
    session["note"] = "kept"
    session.create()
    with django_assert_num_queries(1):
        assert SessionStore(session.session_key)["note"] == "kept"
    unknown = SessionStore("x" * 32)
    assert unknown.load() == {}
    assert unknown.session_key is None  # as Django's: an unknown key is not reused
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    expired = SessionStore(session.session_key)
    assert dict(expired.items()) == {}
    assert expired.session_key is None


def test_pages_sign_in_stay_signed_in_and_sign_out(
    make_owner: Callable[[], User], django_assert_num_queries: QueryCount
) -> None:
    member = make_owner()
    member.set_password("a long pass phrase")
    member.save()
    client = Client()
    assert client.get("/settings/time-zone/").status_code == 302
    answer = client.post("/login/", {"username": member.email, "password": "a long pass phrase"})
    assert answer.status_code == 302
    page = client.get("/settings/time-zone/")
    assert page.status_code == 200
    assert f"<summary>{member.first_name}</summary>" in page.content.decode()
    # A new password set elsewhere ends this session on its next page.
    member.set_password("another pass phrase")
    member.save()
    assert client.get("/settings/time-zone/").status_code == 302
    client.force_login(member, backend=MODEL_BACKEND)
    assert client.get("/settings/time-zone/").status_code == 200
    client.post("/logout/")
    assert client.get("/settings/time-zone/").status_code == 302


@pytest.fixture
def make_owner() -> Callable[[], User]:
    def make() -> User:
        return User.objects.create_user(
            email="dana@example.org", password="a long pass phrase", first_name="Dana"
        )

    return make
