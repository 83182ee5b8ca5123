"""Hostile or corrupt input around follow-ups (issue 12, findings 2 and 9): the daily job
goes on past one member's fault, dates at the end of the calendar answer with a message,
and no parameter turns into a 500."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from mensch.accounts.calendar_feed import feed_renew
from mensch.accounts.models import User
from mensch.contacts.models import Contact
from mensch.contacts.services import contact_create
from mensch.core.tasks import run_periodic
from mensch.followups import digest
from mensch.followups.models import FollowUp
from mensch.followups.services import followup_create
from mensch.notifications.models import Notification
from mensch.notifications.services import email_preference_update
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
Login = Callable[[User], Client]
API = Callable[[User], Client]
LAST_DAY = date(9999, 12, 31)


def _corrupt_cadence(contact: Contact, days: int = 3_000_000) -> None:
    """Written around the services, the way a bad migration or an old version might."""
    Contact.objects.filter(pk=contact.pk).update(ideal_days=days, max_days=None)


def _task_at_the_end_of_time(owner: User, title: str = "Far away") -> FollowUp:
    return FollowUp.objects.create(
        owner=owner, title=title, due_on=LAST_DAY, original_due_on=LAST_DAY
    )


@pytest.fixture
def two_members_due_today(owner: User) -> tuple[User, User]:
    """Dana, whose contact carries an interval of 3,000,000 days, and Sam after her: both
    opted in to the digest with a task due today."""
    sam = make_member("Sam", last_name="After", email="sam.after@example.org")
    today = timezone.localdate()
    for member in (owner, sam):
        contact = contact_create(owner=member, name=f"Friend of {member.first_name}")
        followup_create(owner=member, contact=contact, title="Send the deck", due_on=today)
        email_preference_update(member=member, daily_digest=True)
    return owner, sam


def test_a_huge_keep_in_touch_interval_stops_neither_the_daily_job_nor_the_pages(
    two_members_due_today: tuple[User, User], login_as: Login, api_for: API
) -> None:
    dana, sam = two_members_due_today
    _corrupt_cadence(Contact.objects.get(owner=dana))

    result = run_periodic.call("followups")

    assert result == {"reminders": 2, "digests": 2, "strengths": 2}
    assert sorted(m.to[0] for m in mail.outbox) == ["dana@example.org", "sam.after@example.org"]
    page = login_as(dana)
    assert page.get("/dashboard/").status_code == 200
    keep = page.get("/contacts/keep-in-touch/")
    assert keep.status_code == 200
    assert "Friend of Dana" in keep.content.decode()
    rows = api_for(dana).get("/api/v1/contacts/keep-in-touch").json()
    assert [(r["name"], r["ideal_due"]) for r in rows] == [("Friend of Dana", "9999-12-31")]


def test_one_members_fault_is_logged_and_the_daily_job_goes_on_with_the_next(
    two_members_due_today: tuple[User, User],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Whatever breaks for one member (a row no validation foresaw, a bug), the others
    get their reminders and digests, and every other strength is refreshed."""
    dana, sam = two_members_due_today
    real_items, real_notify = digest.digest_items, digest.notify

    def broken_for_dana(real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            member = kwargs.get("recipient") or (args[0] if args else kwargs.get("member"))
            if member == dana:
                raise RuntimeError("a row no validation foresaw")
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(digest, "digest_items", broken_for_dana(real_items))
    monkeypatch.setattr(digest, "notify", broken_for_dana(real_notify))

    with caplog.at_level(logging.ERROR):
        result = run_periodic.call("followups")

    assert result == {"reminders": 1, "digests": 1, "strengths": 2}
    assert [m.to for m in mail.outbox] == [["sam.after@example.org"]]
    assert Notification.objects.filter(recipient=sam, kind="followup_due").count() == 1
    assert not Notification.objects.filter(recipient=dana).exists()
    failures = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(f"member {dana.pk}" in line and "Reminder" in line for line in failures)
    assert any(f"member {dana.pk}" in line and "digest" in line for line in failures)
    # Dana's reminder was not claimed: the next run tries it again.
    assert FollowUp.objects.get(owner=dana).reminded_on is None


def test_snoozing_a_task_due_at_the_end_of_the_calendar_answers_with_a_message(
    owner: User, api_for: API, login_as: Login
) -> None:
    task = _task_at_the_end_of_time(owner)
    response = api_for(owner).post(
        f"/api/v1/followups/{task.pk}/snooze", {"days": 3}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "cannot be snoozed further" in response.json()["errors"]["days"][0]
    page = login_as(owner).post(f"/followups/{task.pk}/snooze/", {"days": 3}, follow=True)
    assert page.status_code == 200
    assert "cannot be snoozed further" in page.content.decode()
    task.refresh_from_db()
    assert task.due_on == LAST_DAY


def test_a_task_is_due_at_most_ten_years_ahead(owner: User, api_for: API) -> None:
    api = api_for(owner)
    far = api.post(
        "/api/v1/followups",
        {"title": "Retire", "due_on": "9999-12-31"},
        content_type="application/json",
    )
    assert far.status_code == 400
    assert far.json()["errors"]["due_on"] == [
        "A task can be due at most 3650 days (ten years) ahead."
    ]
    near = timezone.localdate() + timedelta(days=3650)
    ok = api.post(
        "/api/v1/followups",
        {"title": "Ten years on", "due_on": near.isoformat()},
        content_type="application/json",
    )
    assert ok.status_code == 201
    assert list(FollowUp.objects.values_list("title", flat=True)) == ["Ten years on"]


def test_the_calendar_feed_carries_dates_at_the_end_of_the_calendar(
    owner: User, client: Client
) -> None:
    _task_at_the_end_of_time(owner, title="Retire")
    contact = contact_create(owner=owner, name="Old Friend")
    _corrupt_cadence(contact)
    token = feed_renew(member=owner).token

    response = client.get(f"/calendar/{token}.ics")

    assert response.status_code == 200
    entries = {
        str(e["SUMMARY"]): e for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    }
    assert entries["Retire"].decoded("DTSTART") == LAST_DAY
    assert "DTEND" not in entries["Retire"]  # one day all the same (RFC 5545)
    assert entries["Get in touch with Old Friend"].decoded("DTSTART") == LAST_DAY


@pytest.mark.parametrize("status", ["a\x00b", "\x00", "closed"])
def test_an_unknown_or_nul_status_filter_is_refused(owner: User, api_for: API, status: str) -> None:
    response = api_for(owner).get("/api/v1/followups", {"status": status})
    assert response.status_code == 422
    assert "status" in response.json()["errors"]


def test_a_nul_in_a_follow_up_title_is_refused(owner: User, api_for: API) -> None:
    response = api_for(owner).post(
        "/api/v1/followups",
        json.dumps({"title": "Send\u0000 the deck", "due_on": timezone.localdate().isoformat()}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "title" in response.json()["errors"]
    assert not FollowUp.objects.exists()
