"""Personas for meetings between connections: Dana (owner) and Rui, connected; Sam, a
stranger to both. Times are written as the member's clock reads them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from mensch.accounts.models import User
from mensch.connections.services import connection_create
from tests.factories import make_member
from tests.workers import run_tasks_now


@pytest.fixture
def connection(owner: User) -> User:
    """Rui, connected to the owner."""
    rui = make_member("Rui", last_name="Costa", email="rui@example.org")
    connection_create(member=owner, other=rui, source="introduction")
    return rui


@pytest.fixture
def run_worker(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """The real task worker in-process (see tests/faults/conftest.py)."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return run_tasks_now


def local_in(days: int, hour: int, member: User, minute: int = 0) -> datetime:
    """A wall-clock time ``days`` from today in the member's zone (naive)."""
    today = timezone.now().astimezone(ZoneInfo(member.time_zone)).date()
    day = today + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute)


def last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() - 6) % 7)


def next_dst_day(month: int) -> date:
    """The next last Sunday of ``month`` (March: clocks go forward in the EU; October:
    back) at least two days away."""
    soon = timezone.now().date() + timedelta(days=2)
    for year in (soon.year, soon.year + 1):
        day = last_sunday(year, month)
        if day >= soon:
            return day
    raise AssertionError("unreachable")
