from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from mensch.accounts.models import User
from mensch.events.models import AgendaItem, Event, Rsvp
from mensch.goals import roi, services
from mensch.goals.models import EventCost
from mensch.ledger import services as ledger
from mensch.meetings.models import Meeting
from tests.factories import make_member
from tests.ledger.conftest import api_client, make_event, meet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def going_to(event: Event, *members: User) -> None:
    for member in members:
        Rsvp.objects.create(event=event, member=member)


def closed_referral(giver: User, receiver: User, value: str) -> None:
    entry = ledger.ledger_entry_record(
        member=giver,
        kind="referral",
        direction="given",
        description="Referred a client",
        counterpart=receiver,
        status="delivered",
    )
    ledger.ledger_entry_close(member=receiver, entry_id=entry.pk, value=value, currency="EUR")


def test_business_is_traced_to_the_event_where_people_first_met(
    owner: User, ben: User, organizer: User, event: Event, met_at_event: Meeting
) -> None:
    later = make_event(organizer, "Porto Design Night", days_ago=5)
    meet(owner, ben, later, follow_up=False)  # met again: the first meeting still counts
    closed_referral(ben, owner, "3000")
    services.event_cost_record(
        member=owner, event=event, ticket="25", travel="15", currency="EUR", hours="4"
    )
    result = roi.roi_of(owner)
    first, second = result.outcomes
    assert first.event == event
    assert (first.meetings, first.connections, first.referrals_received, first.deals) == (
        1,
        1,
        1,
        1,
    )
    assert first.business == {"EUR": Decimal("3000")}
    assert first.per_hour == Decimal("1.00")  # 4 outcomes in 4 hours
    assert (second.event, second.meetings, second.business) == (later, 1, {})
    assert result.best_per_hour == [first]
    assert result.outcomes_chart is not None
    assert result.money_chart is not None
    # The giver sees it credited, against the same event.
    assert roi.roi_of(ben).outcomes[0].credited == {"EUR": Decimal("3000")}


def test_roi_page_shows_charts_and_table(
    owner: User, ben: User, event: Event, met_at_event: Meeting, login_as: Callable
) -> None:
    closed_referral(ben, owner, "3000")
    html = login_as(owner).get("/roi/").content.decode()
    assert html.count("<svg") >= 2
    assert "Lisbon Founders Breakfast" in html
    assert "3000 EUR" in html
    assert "Show as a table" in html


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"ticket": "-10", "hours": "3"}, {"ticket": ["This cannot be negative."]}),
        (
            {"travel": "2e9", "hours": "3"},
            {"travel": ["That is more than 1,000,000,000: please check it."]},
        ),
        ({"hours": "500"}, {"hours": ["That is more than 200: please check it."]}),
        (
            {"hours": "2", "currency": "EUX"},
            {
                "currency": [
                    "“EUX” is not an ISO 4217 currency code; use three capital letters such as EUR."
                ]
            },
        ),
    ],
)
def test_bad_event_cost_is_refused_and_nothing_saved(
    owner: User, event: Event, met_at_event: Meeting, fields: dict, errors: dict
) -> None:
    with pytest.raises(ValidationError) as error:
        services.event_cost_record(member=owner, event=event, **fields)
    assert error.value.message_dict == errors
    assert EventCost.objects.count() == 0


def test_cost_page_saves_and_refuses_negative(
    owner: User, event: Event, met_at_event: Meeting, login_as: Callable
) -> None:
    client = login_as(owner)
    bad = client.post(f"/roi/events/{event.pk}/", {"ticket": "-5", "hours": "2", "currency": "EUR"})
    assert bad.status_code == 422
    assert "This cannot be negative." in bad.content.decode()
    client.post(
        f"/roi/events/{event.pk}/",
        {"ticket": "25", "travel": "10", "hours": "3.5", "currency": "EUR"},
    )
    cost = EventCost.objects.get()
    assert (cost.total, cost.hours) == (Decimal("35"), Decimal("3.5"))


def test_stranger_cannot_read_or_set_costs_for_an_event_they_did_not_attend(
    owner: User, stranger: User, event: Event, met_at_event: Meeting, login_as: Callable
) -> None:
    services.event_cost_record(member=owner, event=event, ticket="25", hours="3")
    client = login_as(stranger)
    assert client.get(f"/roi/events/{event.pk}/").status_code == 404
    assert client.post(f"/roi/events/{event.pk}/", {"ticket": "1", "hours": "1"}).status_code == 404
    api = api_client(stranger)
    assert api.get(f"/api/v1/goals/roi/events/{event.pk}").status_code == 404
    response = api.put(
        f"/api/v1/goals/roi/events/{event.pk}/cost", {"hours": 2}, content_type="application/json"
    )
    assert response.status_code == 404
    assert api.get("/api/v1/goals/roi").json()["events"] == []
    assert "Lisbon Founders" not in client.get("/roi/").content.decode()
    assert "Lisbon Founders" not in client.get("/roi/export.csv").content.decode()
    assert EventCost.objects.get().ticket == Decimal("25")


def test_csv_export_has_one_row_per_event(
    owner: User, ben: User, event: Event, met_at_event: Meeting, login_as: Callable
) -> None:
    closed_referral(ben, owner, "3000")
    services.event_cost_record(member=owner, event=event, ticket="25", hours="4")
    lines = login_as(owner).get("/roi/export.csv").content.decode().splitlines()
    assert lines[0].startswith("event,date,ticket,travel,cost_currency,hours,confirmed_meetings")
    assert lines[1].split(",")[0] == "Lisbon Founders Breakfast"
    assert lines[1].split(",")[6:] == ["1", "1", "0", "1", "0", "1", "3000.00 EUR", "", "1.00"]
    api_csv = api_client(owner).get("/api/v1/goals/roi/export").content.decode()
    assert api_csv.splitlines() == lines


def test_organizer_sees_counts_only_and_members_are_refused(
    owner: User,
    ben: User,
    organizer: User,
    event: Event,
    met_at_event: Meeting,
    login_as: Callable,
) -> None:
    going_to(event, owner, ben)  # meetings at an event need both people going
    closed_referral(ben, owner, "98765")
    html = login_as(organizer).get("/roi/organizer/").content.decode()
    assert "Lisbon Founders Breakfast" in html
    assert "98765" not in html
    assert "Dana" not in html
    assert "Ben" not in html
    body = api_client(organizer).get("/api/v1/goals/roi/organizer").json()
    assert body["events"][0] | {"event_id": 0} == {
        "event_id": 0,
        "title": "Lisbon Founders Breakfast",
        "format": "open mingling",
        "educational": False,
        "attendees": 2,
        "confirmed_meetings": 1,
        "connections": 1,
        "referrals": 1,
        "deals": 1,
    }
    assert login_as(owner).get("/roi/organizer/").status_code == 403
    assert api_client(owner).get("/api/v1/goals/roi/organizer").status_code == 403
    # Another organizer sees nothing of Olga's events.
    other = make_member("Otto")
    other.is_organizer = True
    other.save(update_fields=["is_organizer"])
    assert api_client(other).get("/api/v1/goals/roi/organizer").json() == {
        "events": [],
        "formats": [],
    }


@pytest.mark.parametrize("count", [1, 3])
def test_roi_query_count(
    owner: User,
    organizer: User,
    count: int,
    login_as: Callable,
    django_assert_num_queries: Callable,
) -> None:
    for number in range(count):
        event = make_event(organizer, f"Event {number}", days_ago=30 - number)
        meet(owner, make_member(f"Met{number}"), event)
        services.event_cost_record(member=owner, event=event, ticket="10", hours="2")
    api = api_client(owner)
    # token, token update, the member's facts (meetings, RSVPs, costs, connections,
    # follow-ups, ledger: one statement), the events among them they may see
    with django_assert_num_queries(4):
        assert len(api.get("/api/v1/goals/roi").json()["events"]) == count
    client = login_as(owner)
    # session, user, the same two, badge
    with django_assert_num_queries(5):
        html = client.get("/roi/").content.decode()
    assert html.count('<th scope="row"><a href="/roi/events/') == count


def test_organizer_report_groups_by_format(
    owner: User, ben: User, organizer: User, event: Event, met_at_event: Meeting
) -> None:
    rounds = make_event(organizer, "Structured Rounds Evening", days_ago=10)
    AgendaItem.objects.create(
        event=rounds, starts_at=rounds.starts_at, title="Pricing", kind="talk"
    )
    AgendaItem.objects.create(
        event=rounds, starts_at=rounds.starts_at, title="Rounds", kind="round"
    )
    carla = make_member("Carla")
    Rsvp.objects.create(event=rounds, member=carla)
    # Meetings at an event need both people going.
    going_to(event, owner, ben)
    going_to(rounds, owner, ben)
    meet(owner, carla, rounds)
    meet(ben, carla, rounds, follow_up=False)
    report = roi.organizer_report(organizer)
    assert [
        (f.format, f.educational, f.events, f.attendees, f.meetings, f.connections)
        for f in report.formats
    ] == [
        ("open mingling", False, 1, 2, 1, 1),
        ("rounds", True, 1, 3, 2, 1),
    ]


def test_follow_ups_done_count_against_the_event_where_we_met(
    owner: User, ben: User, event: Event, met_at_event: Meeting
) -> None:
    from mensch.contacts.services import contact_for_member
    from mensch.followups.models import FollowUp
    from mensch.followups.services import followup_complete, followup_create

    before = roi.roi_of(owner).outcomes[0].followups_done
    contact = contact_for_member(owner=owner, member=ben)
    followup = followup_create(
        owner=owner,
        title="Send Ben the pricing notes",
        due_on=event.starts_at.date(),
        contact=contact,
    )
    assert followup is not None
    followup_complete(followup=followup)
    done = FollowUp.objects.filter(owner=owner, status="done").count()
    assert roi.roi_of(owner).outcomes[0].followups_done == before + 1 == done
