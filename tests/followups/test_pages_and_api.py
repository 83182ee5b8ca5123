from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.models import Contact
from mensch.followups.models import FollowUp
from mensch.followups.services import followup_create

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
Login = Callable[[User], Client]
Api = Callable[[User], Client]


@pytest.fixture
def tasks(owner: User, rui: Contact) -> list[FollowUp]:
    today = timezone.localdate()
    return [
        followup_create(
            owner=owner, contact=rui, title="Send the deck", due_on=today - timedelta(days=2)
        ),
        followup_create(owner=owner, contact=rui, title="Call about taxes", due_on=today),
        followup_create(owner=owner, title="Book the venue", due_on=today + timedelta(days=5)),
    ]  # type: ignore[list-item]


def test_list_groups_overdue_today_and_upcoming(
    login_as: Login, owner: User, tasks: list[FollowUp]
) -> None:
    html = login_as(owner).get("/followups/").content.decode()
    assert html.index("Overdue") < html.index("Send the deck") < html.index("Today")
    assert html.index("Today") < html.index("Call about taxes") < html.index("Coming up")
    assert html.index("Coming up") < html.index("Book the venue")
    overdue = login_as(owner).get("/followups/overdue/").content.decode()
    assert "Send the deck" in overdue
    assert "Book the venue" not in overdue


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count(
    login_as: Login, owner: User, rui: Contact, count: int,
    django_assert_num_queries: Callable[..., object],
) -> None:  # fmt: skip
    for number in range(count):
        followup_create(
            owner=owner, contact=rui, title=f"Task {number}", due_on=timezone.localdate()
        )
    client = login_as(owner)
    # session, user, one statement (tasks with contacts, rate, connections for "write it
    # now", the member's reminders a day), unread badge
    with django_assert_num_queries(4):
        html = client.get("/followups/").content.decode()
    assert html.count("Task ") == count


def test_done_snooze_dismiss_with_htmx(login_as: Login, owner: User, tasks: list[FollowUp]) -> None:
    client = login_as(owner)
    htmx = {"HX-Request": "true"}
    done = client.post(f"/followups/{tasks[0].pk}/done/", headers=htmx).content.decode()
    assert "task-closed" in done
    assert "done" in done
    client.post(f"/followups/{tasks[1].pk}/snooze/", {"days": "3"}, headers=htmx)
    client.post(f"/followups/{tasks[2].pk}/dismiss/")
    states = dict(FollowUp.objects.values_list("title", "status"))
    assert states == {
        "Send the deck": "done",
        "Call about taxes": "open",
        "Book the venue": "dismissed",
    }
    tasks[1].refresh_from_db()
    assert tasks[1].due_on == timezone.localdate() + timedelta(days=3)


def test_manual_task_without_a_title_is_refused(login_as: Login, owner: User) -> None:
    response = login_as(owner).post("/followups/", {"title": " ", "due_on": "2030-01-01"})
    assert response.status_code == 422
    assert "Say what to do." in response.content.decode()
    assert not FollowUp.objects.exists()


def test_stranger_cannot_see_or_change_my_tasks(
    login_as: Login, api_for: Api, owner: User, stranger: User, tasks: list[FollowUp]
) -> None:
    client = login_as(stranger)
    assert "Send the deck" not in client.get("/followups/").content.decode()
    for action in ("done", "snooze", "dismiss"):
        assert client.post(f"/followups/{tasks[0].pk}/{action}/", {"days": "3"}).status_code == 404
    api = api_for(stranger)
    assert api.get("/api/v1/followups").json() == []
    assert api.get(f"/api/v1/followups/{tasks[0].pk}").status_code == 404
    for action in ("done", "snooze", "dismiss"):
        response = api.post(f"/api/v1/followups/{tasks[0].pk}/{action}", {"days": 3},
                            content_type="application/json")  # fmt: skip
        assert response.status_code == 404
    rui_id = tasks[0].contact_id
    response = api.post("/api/v1/followups/promises",
                        {"contact_id": rui_id, "title": "x", "owed_by": "me"},
                        content_type="application/json")  # fmt: skip
    assert response.status_code == 404
    response = api.post("/api/v1/followups", {"title": "x", "due_on": "2030-01-01",
                        "contact_id": rui_id}, content_type="application/json")  # fmt: skip
    assert response.status_code == 404
    assert set(FollowUp.objects.values_list("status", flat=True)) == {"open"}
    assert FollowUp.objects.count() == 3


def test_api_create_promise_stats_and_done(api_for: Api, owner: User, rui: Contact) -> None:
    api = api_for(owner)
    made = api.post("/api/v1/followups/promises",
                    {"contact_id": rui.pk, "title": "Send the deck", "owed_by": "me",
                     "due_on": str(timezone.localdate())},
                    content_type="application/json")  # fmt: skip
    assert made.status_code == 201
    assert made.json()["contact_name"] == "Rui Almeida"
    task_id = made.json()["id"]
    assert api.post(f"/api/v1/followups/{task_id}/done").json()["status"] == "done"
    stats = api.get("/api/v1/followups/stats").json()
    assert stats["followup_rate"] == {"done": 1, "total": 1, "percent": 100}
    bad = api.post("/api/v1/followups", {"title": "", "due_on": "2030-01-01"},
                   content_type="application/json")  # fmt: skip
    assert bad.status_code == 400
    assert "title" in bad.json()["errors"]


@pytest.mark.parametrize("count", [1, 3])
def test_api_list_query_count(
    api_for: Api, owner: User, rui: Contact, count: int,
    django_assert_num_queries: Callable[..., object],
) -> None:  # fmt: skip
    for number in range(count):
        followup_create(
            owner=owner, contact=rui, title=f"Task {number}", due_on=timezone.localdate()
        )
    api = api_for(owner)
    with django_assert_num_queries(3):
        assert len(api.get("/api/v1/followups").json()) == count


def test_dashboard_card_shows_due_tasks_and_rates(
    login_as: Login, owner: User, tasks: list[FollowUp]
) -> None:
    html = login_as(owner).get("/dashboard/").content.decode()
    assert "Follow-through" in html
    assert "1 overdue</strong></a>, 1 due today, 3 open." in html
    assert '0% <span class="muted">(0 of 2 done on time)</span>' in html
