"""After an event: one follow-up per person listing what is due, spread over the days,
with "write it now"; and no more reminders a day than the member wants."""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.apps import apps
from django.core import mail
from django.test import Client
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.models import Contact
from mensch.followups.digest import digest_send, reminders_notify
from mensch.followups.models import FollowUp
from mensch.followups.services import followup_create, promise_log, reminders_per_day_set
from mensch.meetings.services import meeting_tick
from mensch.notifications.models import EmailPreference, Notification
from tests.contacts.conftest import confirm_meeting, make_event
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

Login = Callable[[User], Client]


def _meet_at(event: object, a: User, b: User) -> None:
    meeting_tick(member=a, other=b, event=event)  # type: ignore[arg-type]
    assert meeting_tick(member=b, other=a, event=event) is not None  # type: ignore[arg-type]


def test_an_event_with_eleven_meetings_gives_one_task_per_person_spread_three_a_day(
    owner: User,
) -> None:
    event = make_event(make_member("Olga"))
    people = [make_member(f"Person{n}", email=f"p{n}@example.org") for n in range(11)]
    for person in people:
        _meet_at(event, owner, person)

    tasks = list(FollowUp.objects.filter(owner=owner, status="open"))

    assert len(tasks) == 11  # was 33: three per meeting
    assert {t.contact.member_id for t in tasks if t.contact} == {p.pk for p in people}
    assert all(t.steps == ["thank-you note", "propose a meeting"] for t in tasks)
    assert all(t.event_id == event.pk for t in tasks)
    assert all("after Lisbon Founders Breakfast" in t.title for t in tasks)
    per_day = Counter(t.due_on for t in tasks)
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert per_day[tomorrow] == 3
    assert max(per_day.values()) == 3
    assert sorted(per_day) == [tomorrow + timedelta(days=n) for n in range(4)]


def test_write_it_now_opens_the_thread_with_a_connected_member(
    login_as: Login, owner: User
) -> None:
    ana = make_member("Ana", last_name="Lima")
    confirm_meeting(owner, ana)
    promise_log(
        owner=owner,
        contact=Contact.objects.get(owner=owner, member=ana),
        text="Send the deck",
        owed_by="me",
    )
    client = login_as(owner)

    html = client.get("/followups/").content.decode()

    assert "Follow up with Ana Lima" in html
    assert "Thank-you note" in html
    assert "Propose a meeting" in html
    assert "Promised favour: Send the deck" in html
    assert f'href="/connections/{ana.profile.pk}/">Write it now</a>' in html
    dashboard = client.get("/dashboard/").content.decode()
    assert f'href="/connections/{ana.profile.pk}/">Write it now</a>' in dashboard


def test_write_it_now_prepares_an_email_to_a_contact_who_is_not_a_member(
    login_as: Login, owner: User, rui: Contact
) -> None:
    followup_create(
        owner=owner,
        contact=rui,
        kind=FollowUp.Kind.AFTER_MEETING,
        title="Follow up with Rui Almeida after the breakfast",
        due_on=timezone.localdate(),
        steps=["thank-you note"],
    )

    html = login_as(owner).get("/followups/").content.decode()

    start = html.index('href="mailto:')
    link = html[start + len('href="') : html.index('"', start + len('href="'))]
    assert link.startswith("mailto:rui@almeida.pt?subject=Thank%20you%20for%20meeting")
    assert " " not in link
    assert "\n" not in link
    body = unquote(link.split("&amp;body=")[1])
    assert body.startswith("Hello Rui,\n\nThank you for the conversation")
    assert body.rstrip().endswith(owner.first_name)


def test_at_most_three_reminders_a_day_unless_the_member_asks_for_more(
    owner: User, rui: Contact
) -> None:
    today = timezone.localdate()
    for n in range(6):
        followup_create(owner=owner, contact=rui, title=f"Task {n}", due_on=today)

    assert reminders_notify(today=today) == 3
    assert Notification.objects.filter(recipient=owner, kind="followup_due").count() == 3
    assert reminders_notify(today=today) == 0  # the same day: no more

    reminders_per_day_set(member=owner, per_day=5)
    assert reminders_notify(today=today) == 2
    assert reminders_notify(today=today + timedelta(days=1)) == 1


def test_the_digest_lists_as_many_tasks_as_the_member_wants(owner: User, rui: Contact) -> None:
    today = timezone.localdate()
    EmailPreference.objects.update_or_create(member=owner, defaults={"daily_digest": True})
    for n in range(5):
        followup_create(owner=owner, contact=rui, title=f"Digest task {n}", due_on=today)

    assert digest_send(member=owner, today=today)

    body = mail.outbox[-1].body
    assert body.count("Digest task") == 3
    assert "And 2 more on your follow-ups page" in body


def test_the_member_chooses_reminders_a_day_on_the_followups_page(
    login_as: Login, owner: User
) -> None:
    client = login_as(owner)
    assert "at most 3 follow-up reminders a day" in client.get("/followups/").content.decode()
    response = client.post("/followups/reminders/", {"reminders_per_day": "10"}, follow=True)
    assert "You will get at most 10 follow-up reminders a day." in response.content.decode()
    assert owner.followup_preference.reminders_per_day == 10
    response = client.post("/followups/reminders/", {"reminders_per_day": "1000"}, follow=True)
    assert owner.followup_preference.reminders_per_day == 10


def test_the_migration_merges_open_tasks_per_person_and_event(owner: User) -> None:
    event = make_event(make_member("Olga"))
    ana = make_member("Ana", last_name="Lima")
    _meet_at(event, owner, ana)
    FollowUp.objects.all().delete()
    contact = Contact.objects.get(owner=owner, member=ana)
    from mensch.meetings.models import Meeting

    meeting = Meeting.objects.get(event=event)
    today = timezone.localdate()
    for kind, days in (("thank_you", 1), ("propose_meeting", 7), ("check_in", 30)):
        FollowUp.objects.create(
            owner=owner,
            contact=contact,
            kind=kind,
            title=f"old {kind}",
            due_on=today + timedelta(days=days),
            original_due_on=today + timedelta(days=days),
            source_key=f"meeting:{meeting.pk}:{kind}",
        )
    migration = importlib.import_module("mensch.followups.migrations.0004_merge_open_meeting_tasks")

    migration.merge(apps, None)

    open_tasks = list(FollowUp.objects.filter(owner=owner, status="open"))
    assert len(open_tasks) == 1
    bundle = open_tasks[0]
    assert bundle.steps == ["thank-you note", "propose a meeting", "check in"]
    assert bundle.event_id == event.pk
    assert bundle.due_on == today + timedelta(days=1)
    assert FollowUp.objects.filter(owner=owner, status="dismissed").count() == 2
