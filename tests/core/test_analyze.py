"""Bulk writes leave PostgreSQL's planner fresh statistics (``ANALYZE``); elsewhere the
helper does nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.db.models import Model

from mensch.accounts.models import User
from mensch.contacts.importing import parse_contacts_file
from mensch.contacts.imports import contacts_import
from mensch.contacts.models import Contact
from mensch.core import analyze as analyze_module
from mensch.core.analyze import analyze, analyze_database
from mensch.events import imports as event_imports
from mensch.events.models import Rsvp
from mensch.profiles.models import Profile
from tests.events.conftest import make_event, make_organizer
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _reltuples(model: type[Model]) -> float:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)", [model._meta.db_table]
        )
        return float(cursor.fetchone()[0])


def test_analyze_tells_the_planner_how_many_rows_there_are(owner: User, stranger: User) -> None:
    analyze(Profile, Profile)  # a table named twice is analysed once; on SQLite, nothing
    if connection.vendor == "postgresql":
        assert _reltuples(Profile) == 2


def test_analyze_database_refreshes_every_table(owner: User, stranger: User) -> None:
    # The demo loader's last step: the tables its apps wrote (stored suggestions, trust
    # scores, ...) get statistics too, not only the four the member loader names.
    analyze_database()  # on SQLite, nothing
    if connection.vendor == "postgresql":
        assert _reltuples(Profile) == 2
        assert _reltuples(User) == 2


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[type[Model], ...]]:
    calls: list[tuple[type[Model], ...]] = []
    monkeypatch.setattr(analyze_module, "analyze", lambda *models: calls.append(models))
    monkeypatch.setattr(analyze_module, "BULK_ROWS", 3)
    return calls


def _vcards(count: int) -> bytes:
    return b"".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n}\r\nEMAIL:p{n}@example.org\r\n"
        "END:VCARD\r\n".encode()
        for n in range(count)
    )


def test_a_large_contacts_import_analyses_its_tables_once_it_commits(
    owner: User,
    analysed: list[tuple[type[Model], ...]],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    rows = parse_contacts_file(_vcards(3)).rows
    with django_capture_on_commit_callbacks(execute=True):
        assert contacts_import(owner=owner, rows=rows).created == 3
    assert len(analysed) == 1
    assert Contact in analysed[0]


def test_a_dry_run_or_a_small_import_analyses_nothing(
    owner: User,
    analysed: list[tuple[type[Model], ...]],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        contacts_import(owner=owner, rows=parse_contacts_file(_vcards(3)).rows, dry_run=True)
        contacts_import(owner=owner, rows=parse_contacts_file(_vcards(2)).rows)
    assert analysed == []


def test_a_large_attendee_import_analyses_the_rsvps(
    analysed: list[tuple[type[Model], ...]],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    event = make_event(make_organizer("Olga", email="olga@example.org"), capacity=10)
    guests = [make_member(f"Guest{n}") for n in range(3)]
    text = "email,name\n" + "".join(f"{guest.email},{guest.first_name}\n" for guest in guests)
    with django_capture_on_commit_callbacks(execute=True):
        event_imports.attendees_import(event=event, text=text)
    assert Rsvp.objects.filter(event=event, status=Rsvp.Status.GOING).count() == 3
    assert analysed == [(Rsvp,)]
