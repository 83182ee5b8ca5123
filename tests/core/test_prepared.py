"""PreparedRead: the instance the ORM's filter(...).first() gives, by a statement written once."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.db import connection, models
from django.utils import timezone

from mensch.accounts.models import User
from mensch.core.prepared import PreparedRead, planned_each_time

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

QueryCount = Callable[..., AbstractContextManager[object]]


def _fields(instance: models.Model) -> dict[str, object]:
    return {
        field.attname: getattr(instance, field.attname)
        for field in type(instance)._meta.concrete_fields
    }


def test_a_member_by_pk_is_the_orms_instance_field_for_field(owner: User, stranger: User) -> None:
    owner.last_login = timezone.now() - timedelta(days=2)
    owner.is_organizer = True
    owner.save()
    read = PreparedRead(User, ("pk", "="))
    for member in (owner, stranger):
        found = read(member.pk)
        expected = User.objects.get(pk=member.pk)
        assert type(found) is User
        assert _fields(found) == _fields(expected)
        # Aware datetimes and real booleans on every database, as the ORM converts them.
        assert found.date_joined.tzinfo is not None
        assert found.is_active is True
        assert (found.last_login is not None) == (member is owner)
        assert found.last_login is None or found.last_login.tzinfo is not None
        assert found._state.adding is False
        assert found._state.db == expected._state.db
        assert found.get_session_auth_hash() == expected.get_session_auth_hash()


def test_no_row_is_none(owner: User) -> None:
    read = PreparedRead(User, ("pk", "="))
    missing = owner.pk + 1000
    assert read(missing) is None
    assert User.objects.filter(pk=missing).first() is None
    # Out of the column's range, as the ORM: no row, and no error from the database.
    assert read(2**70) is None
    assert read(-(2**70)) is None
    assert User.objects.filter(pk=2**70).first() is None
    assert read(None) is None


def test_the_session_read_is_the_orms_for_live_expired_and_unknown_keys() -> None:
    read = PreparedRead(Session, ("session_key", "="), ("expire_date", ">"))
    store = DjangoSessionStore()
    store["note"] = "kept"
    store.create()
    expired = DjangoSessionStore()
    expired["note"] = "old"
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    now = timezone.now()
    for key in (store.session_key, expired.session_key, "nosuchkey", ""):
        found = read(key, now)
        expected = Session.objects.filter(session_key=key, expire_date__gt=now).first()
        assert (found is None) == (expected is None)
        if found is not None and expected is not None:
            assert _fields(found) == _fields(expected)
            assert found.get_decoded() == {"note": "kept"}
    assert read(store.session_key, now) is not None
    assert read(expired.session_key, now) is None


def test_one_query_a_read(owner: User, django_assert_num_queries: QueryCount) -> None:
    read = PreparedRead(User, ("pk", "="))
    with django_assert_num_queries(1):
        assert read(owner.pk) == owner
    with django_assert_num_queries(0):
        assert read(2**70) is None


def test_it_refuses_what_it_cannot_read_as_the_orm_does() -> None:
    with pytest.raises(ValueError, match="NULL"):
        PreparedRead(User, ("last_login", ">"))
    with pytest.raises(ValueError, match="one of"):
        PreparedRead(User, ("pk", "LIKE"))
    with pytest.raises(ValueError, match="at least one"):
        PreparedRead(User)
    with pytest.raises(TypeError, match="takes 1 values"):
        PreparedRead(User, ("pk", "="))(1, 2)


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def _run_a_statement_often(marker: str) -> None:
    """One statement, told apart from the others by a comment, run eight times."""
    sql = f"SELECT count(*) /* {marker} */ FROM accounts_user WHERE id > %s"  # noqa: S608 -- a word of ours
    for pk in range(1, 9):
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk])
            cursor.fetchone()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="server-side prepared statements")
def test_a_statement_run_often_is_prepared_on_the_server_but_not_inside_planned_each_time() -> None:
    _run_a_statement_often("often")
    assert any("often" in statement for statement in _prepared_statements())
    with planned_each_time():
        _run_a_statement_often("searched")
    assert not any("searched" in statement for statement in _prepared_statements())
    _run_a_statement_often("after")  # the connection prepares again once outside
    assert any("after" in statement for statement in _prepared_statements())


def test_planned_each_time_changes_no_answer(owner: User, stranger: User) -> None:
    with planned_each_time():
        found = sorted(
            User.objects.filter(pk__in=[owner.pk, stranger.pk]).values_list("pk", flat=True)
        )
    assert found == sorted([owner.pk, stranger.pk])
