from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from mensch.accounts.models import User
from mensch.events import rounds, services
from mensch.events.models import Event, Rsvp, Seat
from mensch.matching.services import matches_recompute
from mensch.meetings.models import Meeting
from tests.events.conftest import make_event
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

API = "/api/v1/events"
Login = Callable[[User], Client]


def _new_event(**overrides: object) -> dict[str, object]:
    starts = timezone.now() + timedelta(days=5)
    data: dict[str, object] = {
        "title": "API breakfast",
        "capacity": 20,
        "time_zone": "Europe/Berlin",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=2)).isoformat(),
    }
    data.update(overrides)
    return data


def test_organizer_creates_publishes_and_edits_through_the_api(
    login_as: Login, organizer: User
) -> None:
    client = login_as(organizer)
    created = client.post(API, _new_event(), content_type="application/json")
    assert created.status_code == 201
    event_id = created.json()["id"]
    assert created.json()["status"] == "draft"
    starts = created.json()["starts_at"]
    talk = client.post(
        f"{API}/{event_id}/agenda",
        {"starts_at": starts, "title": "How referrals work", "kind": "talk"},
        content_type="application/json",
    )
    assert talk.status_code == 201, talk.json()
    published = client.post(f"{API}/{event_id}/publish").json()
    assert (published["status"], published["educational"]) == ("published", True)
    changed = client.patch(
        f"{API}/{event_id}", {"venue": "Town hall"}, content_type="application/json"
    ).json()
    assert changed["venue"] == "Town hall"
    assert changed["sequence"] == published["sequence"] + 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"capacity": 0}, "capacity"),
        ({"time_zone": "Atlantis"}, "time_zone"),
        ({"currency": "EUX"}, "currency"),
    ],
)
def test_api_bad_event_is_400_with_field_errors(
    login_as: Login, organizer: User, overrides: dict[str, object], field: str
) -> None:
    response = login_as(organizer).post(
        API, _new_event(**overrides), content_type="application/json"
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Event.objects.exists()


def test_api_unknown_currency_names_the_field_on_create_and_change(
    login_as: Login, organizer: User, event: Event
) -> None:
    client = login_as(organizer)
    created = client.post(API, _new_event(currency="XYZ"), content_type="application/json")
    assert created.status_code == 400
    assert created.json()["errors"] == {
        "currency": [
            "“XYZ” is not an ISO 4217 currency code: use a three-letter currency code such as EUR."
        ]
    }
    changed = client.patch(
        f"{API}/{event.pk}", {"currency": "abc"}, content_type="application/json"
    )
    assert changed.status_code == 400
    assert "“ABC” is not an ISO 4217 currency code" in changed.json()["errors"]["currency"][0]
    assert (
        client.patch(
            f"{API}/{event.pk}", {"currency": "chf"}, content_type="application/json"
        ).json()["currency"]
        == "CHF"
    )


def test_api_end_before_start_is_refused(login_as: Login, organizer: User) -> None:
    starts = timezone.now() + timedelta(days=5)
    response = login_as(organizer).post(
        API,
        _new_event(ends_at=(starts - timedelta(hours=1)).isoformat(), starts_at=starts.isoformat()),
        content_type="application/json",
    )
    assert response.json()["errors"] == {"ends_at": ["The event must end after it starts."]}


def test_api_non_organizer_gets_403_and_other_organizer_404(
    login_as: Login, event: Event, stranger: User, other_organizer: User
) -> None:
    assert (
        login_as(stranger).post(API, _new_event(), content_type="application/json").status_code
        == 403
    )
    for client, status in ((login_as(stranger), 403), (login_as(other_organizer), 404)):
        assert (
            client.patch(
                f"{API}/{event.pk}", {"title": "Mine now"}, content_type="application/json"
            ).status_code
            == status
        )
        assert client.post(f"{API}/{event.pk}/cancel").status_code == status
        assert client.get(f"{API}/{event.pk}/attendees").status_code == status
        assert client.get(f"{API}/{event.pk}/analytics").status_code == status
        assert client.get(f"{API}/{event.pk}/export").status_code == status
        assert (
            client.post(
                f"{API}/{event.pk}/rounds",
                {"rounds": 1, "table_size": 2},
                content_type="application/json",
            ).status_code
            == status
        )
    event.refresh_from_db()
    assert (event.title, event.status) == ("Referral breakfast", "published")


def test_api_rsvp_full_then_waitlist_then_promotion(
    login_as: Login, organizer: User, designer: User, bookkeeper: User
) -> None:
    event = make_event(organizer, capacity=1)
    first = login_as(designer).post(
        f"{API}/{event.pk}/rsvp", {"goal": "meet a bookkeeper"}, content_type="application/json"
    )
    assert first.json()["status"] == "going"
    full = login_as(bookkeeper).post(f"{API}/{event.pk}/rsvp", {}, content_type="application/json")
    assert full.status_code == 400
    assert "Join the waitlist" in full.json()["errors"]["waitlist"][0]
    waiting = login_as(bookkeeper).post(
        f"{API}/{event.pk}/rsvp", {"waitlist": True}, content_type="application/json"
    )
    assert waiting.json()["status"] == "waitlisted"
    login_as(designer).delete(f"{API}/{event.pk}/rsvp")
    assert login_as(bookkeeper).get(f"{API}/{event.pk}/rsvp").json()["status"] == "going"


def test_api_event_list_has_fit(login_as: Login, event: Event, designer: User) -> None:
    body = login_as(designer).get(API).json()
    assert [row["event"]["title"] for row in body] == ["Referral breakfast"]
    assert body[0]["educational"] is True
    assert "teaches something (talk or workshop)" in body[0]["reasons"]


@pytest.mark.parametrize("count", [1, 3])
def test_api_event_list_query_count(
    login_as: Login, organizer: User, designer: User, count: int, django_assert_num_queries: object
) -> None:
    for n in range(count):
        make_event(organizer, title=f"Event {n}")
    client = login_as(designer)
    # The member's goals and asks come from one read (it was three: profile, asks, offers),
    # and their RSVP statuses with the events; the strong matches and the organizers'
    # outcomes in one statement (it was three).
    with django_assert_num_queries(6):  # type: ignore[operator]
        assert len(client.get(API).json()) == count


@pytest.mark.parametrize("count", [1, 3])
def test_api_attendee_list_query_count(
    login_as: Login, event: Event, count: int, django_assert_num_queries: object
) -> None:
    for n in range(count):
        services.rsvp_create(event=event, member=make_member(f"Guest{n}"))
    client = login_as(event.organizer)
    with django_assert_num_queries(5):  # type: ignore[operator]
        assert len(client.get(f"{API}/{event.pk}/attendees").json()) == count


def test_api_rounds_console_and_my_table(
    login_as: Login, event: Event, attendees: list[User], designer: User
) -> None:
    organizer = login_as(event.organizer)
    too_many = organizer.post(
        f"{API}/{event.pk}/rounds", {"rounds": 3, "table_size": 3}, content_type="application/json"
    )
    assert too_many.status_code == 400
    assert "without repeats" in too_many.json()["errors"]["rounds"][0]
    assert not Seat.objects.exists()
    schedule = organizer.post(
        f"{API}/{event.pk}/rounds", {"rounds": 1, "table_size": 3}, content_type="application/json"
    ).json()
    assert len(schedule["rounds"]) == 1
    assert sorted(schedule["rounds"][0][0]) == sorted(u.profile.pk for u in attendees)
    started = organizer.post(
        f"{API}/{event.pk}/console", {"action": "start"}, content_type="application/json"
    ).json()
    assert started["current_round"] == 1
    table = login_as(designer).get(f"{API}/{event.pk}/my-table").json()
    assert table["phase"] == "running"
    assert table["current_speaker"] == "You"
    assert {m["name"] for m in table["tablemates"]} == {"Ben Books", "Dev Coder"}


def test_api_my_table_refused_to_non_attendee(
    login_as: Login, event: Event, attendees: list[User], stranger: User
) -> None:
    assert login_as(stranger).get(f"{API}/{event.pk}/my-table").status_code == 404


def test_api_met_confirms_and_analytics_counts(
    login_as: Login, organizer: User, designer: User, bookkeeper: User
) -> None:
    event = make_event(organizer, starts_in=timedelta(hours=-1))
    for member in (designer, bookkeeper):
        services.rsvp_create(event=event, member=member, goal="secret goal text")
    first = login_as(designer).post(
        f"{API}/{event.pk}/met",
        {"profile_id": bookkeeper.profile.pk},
        content_type="application/json",
    )
    assert first.json() == {"confirmed": False, "meeting_id": None}
    second = (
        login_as(bookkeeper)
        .post(
            f"{API}/{event.pk}/met",
            {"profile_id": designer.profile.pk},
            content_type="application/json",
        )
        .json()
    )
    assert second["confirmed"] is True
    login_as(designer).post(
        f"{API}/{event.pk}/goal-met", {"met": True}, content_type="application/json"
    )
    rsvp = Rsvp.objects.get(event=event, member=bookkeeper)
    login_as(organizer).post(f"{API}/{event.pk}/attendees/{rsvp.pk}/check-in")
    stats = login_as(organizer).get(f"{API}/{event.pk}/analytics")
    assert stats.json() == {
        "going": 2,
        "waitlisted": 0,
        "cancelled": 0,
        "checked_in": 1,
        "confirmed_meetings": 1,
        "meetings_per_attendee": 2.0,
        "goals_answered": 1,
        "goals_met": 1,
    }
    assert "secret goal text" not in stats.content.decode()
    assert Meeting.objects.count() == 1


def test_api_who_to_meet(
    login_as: Login, event: Event, attendees: list[User], designer: User
) -> None:
    matches_recompute()  # the worker's run after the RSVPs: "who to meet" reads its answer
    people = login_as(designer).get(f"{API}/{event.pk}/who-to-meet").json()
    assert people[0]["name"] == "Ben Books"
    assert "bookkeeping" in people[0]["reason"]


def test_api_topics(login_as: Login, event: Event, attendees: list[User], designer: User) -> None:
    created = login_as(designer).post(
        f"{API}/{event.pk}/topics",
        {"title": "Pricing", "side": "share"},
        content_type="application/json",
    )
    assert created.status_code == 201
    seeded = login_as(event.organizer).post(f"{API}/{event.pk}/topics/seed").json()
    assert [t["title"] for t in seeded] == ["Pricing", "Pricing your services"]
    assert seeded[0]["sharing"] == 1


def test_api_import_dry_run_then_import(login_as: Login, event: Event, designer: User) -> None:
    client = login_as(event.organizer)
    text = (
        "Order code,Status,Email,Attendee name,Attendee email\n"
        f"ABC12,p,buyer@example.org,Dora,{designer.email}\n"
    )
    preview = client.post(
        f"{API}/{event.pk}/import", {"csv": text}, content_type="application/json"
    ).json()
    assert preview["layout"] == "pretix"
    assert preview["lines"][0]["action"] == "add"
    assert not Rsvp.objects.exists()
    done = client.post(
        f"{API}/{event.pk}/import", {"csv": text, "dry_run": False}, content_type="application/json"
    ).json()
    assert done["imported"] == 1
    assert Rsvp.objects.get().member == designer


def test_api_console_bad_action(login_as: Login, event: Event, attendees: list[User]) -> None:
    rounds.rounds_generate(event=event, rounds=1, table_size=3)
    response = login_as(event.organizer).post(
        f"{API}/{event.pk}/console", {"action": "explode"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["action"] == ["Use one of: start, pause, next."]
