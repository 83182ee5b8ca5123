"""Pages and API endpoints for proposing and booking meetings: what each person sees, what
strangers cannot see or change, and what bad input is told."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection as db
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.services import connection_create
from mensch.meetings.models import Meeting, MeetingProposal, ScheduledMeeting
from mensch.meetings.proposals import member_time_zone_set, proposal_create, proposal_pick
from mensch.profiles.models import Profile
from tests.factories import make_member
from tests.meetings.conftest import local_in, next_dst_day
from tests.sentences import page_text, problems_in

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def proposed(owner: User, connection: User) -> MeetingProposal:
    return proposal_create(
        proposer=owner,
        recipient=connection,
        times=[local_in(2, 9, owner), local_in(3, 14, owner)],
        duration_minutes=30,
        place="Café A Brasileira",
        purpose="Bookkeeping for a small studio",
    )


def booked(owner: User, connection: User) -> ScheduledMeeting:
    proposal = proposed(owner, connection)
    return proposal_pick(
        member=connection, proposal_id=proposal.pk, time_id=proposal.times.all()[0].pk
    )


def fmt(moment: object) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")  # type: ignore[attr-defined]


def test_propose_page_books_a_proposal(
    owner: User, connection: User, login_as: Callable[[User], Client]
) -> None:
    profile = Profile.objects.get(user=connection)
    client = login_as(owner)
    page = client.get(f"/meetings/propose/{profile.pk}/")
    assert "Propose a meeting to Rui Costa" in page_text(page.content.decode())
    response = client.post(
        f"/meetings/propose/{profile.pk}/",
        {
            "time_1": fmt(local_in(2, 9, owner)),
            "time_2": fmt(local_in(3, 10, owner)),
            "time_3": fmt(local_in(4, 11, owner)),
            "duration_minutes": "45",
            "place": "Zoom",
            "purpose": "Talk shop",
        },
    )
    proposal = MeetingProposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/proposals/{proposal.pk}/"
    assert proposal.times.count() == 3
    text = page_text(login_as(connection).get(response["Location"]).content.decode())
    assert "Dana Okafor proposes a meeting" in text
    assert text.count("Book this time") == 3
    assert problems_in(text) == []


def test_propose_page_bad_input_names_the_field(
    owner: User, connection: User, login_as: Callable[[User], Client]
) -> None:
    member_time_zone_set(member=owner, time_zone="Europe/Berlin")
    profile = Profile.objects.get(user=connection)
    response = login_as(owner).post(
        f"/meetings/propose/{profile.pk}/",
        {"time_1": "next tuesday", "duration_minutes": "30", "purpose": "Talk"},
    )
    assert response.status_code == 422
    text = page_text(response.content.decode())
    assert "Write a date and time such as 2026-06-04 14:30." in text
    assert problems_in(text) == []
    assert not MeetingProposal.objects.exists()


def test_pages_show_times_in_each_members_zone(
    owner: User, connection: User, login_as: Callable[[User], Client]
) -> None:
    member_time_zone_set(member=owner, time_zone="Europe/Lisbon")
    member_time_zone_set(member=connection, time_zone="Asia/Tokyo")
    meeting = booked(owner, connection)
    for member, zone in ((owner, "Europe/Lisbon"), (connection, "Asia/Tokyo")):
        local = meeting.starts_at.astimezone(ZoneInfo(zone))
        text = page_text(login_as(member).get(f"/meetings/booked/{meeting.pk}/").content.decode())
        assert f"{local:%H:%M} ({zone})" in text
        assert problems_in(text) == []


def test_pick_cancel_and_answer_pages(
    owner: User, connection: User, login_as: Callable[[User], Client]
) -> None:
    proposal = proposed(owner, connection)
    rui = login_as(connection)
    slot = proposal.times.all()[0]
    response = rui.post(f"/meetings/proposals/{proposal.pk}/pick/{slot.pk}/")
    meeting = ScheduledMeeting.objects.get()
    assert response["Location"] == f"/meetings/booked/{meeting.pk}/"
    listing = page_text(login_as(owner).get("/meetings/").content.decode())
    assert "Rui Costa ·" in listing
    assert problems_in(listing) == []
    ScheduledMeeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=2)
    )
    page = page_text(rui.get(f"/meetings/booked/{meeting.pk}/").content.decode())
    assert "Did it happen?" in page
    rui.post(f"/meetings/booked/{meeting.pk}/happened/yes/")
    login_as(owner).post(f"/meetings/booked/{meeting.pk}/happened/yes/")
    assert Meeting.objects.count() == 1


def test_strangers_get_404_on_every_page_and_nothing_changes(
    owner: User, connection: User, stranger: User, login_as: Callable[[User], Client]
) -> None:
    proposal = proposed(owner, connection)
    proposal_pick(member=connection, proposal_id=proposal.pk, time_id=proposal.times.all()[0].pk)
    meeting = ScheduledMeeting.objects.get()
    sam = login_as(stranger)
    owner_profile = Profile.objects.get(user=owner)
    for path in (
        f"/meetings/proposals/{proposal.pk}/",
        f"/meetings/proposals/{proposal.pk}/other-times/",
        f"/meetings/booked/{meeting.pk}/",
        f"/meetings/booked/{meeting.pk}/move/",
    ):
        assert sam.get(path).status_code == 404, path
    for path in (
        f"/meetings/proposals/{proposal.pk}/pick/{proposal.times.all()[0].pk}/",
        f"/meetings/proposals/{proposal.pk}/decline/",
        f"/meetings/booked/{meeting.pk}/cancel/",
        f"/meetings/booked/{meeting.pk}/happened/no/",
        f"/meetings/booked/{meeting.pk}/move/",
    ):
        assert sam.post(path, {"note": "x"}).status_code == 404, path
    # Proposing to someone who is not a connection is refused on the page.
    response = sam.post(
        f"/meetings/propose/{owner_profile.pk}/",
        {"time_1": fmt(local_in(2, 9, stranger)), "duration_minutes": "30", "purpose": "Hi"},
    )
    assert response.status_code == 422
    assert "connections only" in page_text(response.content.decode())
    meeting.refresh_from_db()
    proposal.refresh_from_db()
    assert (meeting.status, meeting.sequence, meeting.organizer_says_happened) == (
        "scheduled",
        0,
        None,
    )
    assert proposal.status == MeetingProposal.Status.BOOKED
    assert MeetingProposal.objects.count() == 1


def test_time_zone_page(owner: User, login_as: Callable[[User], Client]) -> None:
    client = login_as(owner)
    bad = client.post("/settings/time-zone/", {"time_zone": "Lisbon"})
    assert bad.status_code == 422
    assert "'Lisbon' is not a time zone name" in page_text(bad.content.decode())
    owner.refresh_from_db()
    assert owner.time_zone == "UTC"
    client.post("/settings/time-zone/", {"time_zone": "Europe/Lisbon"})
    owner.refresh_from_db()
    assert owner.time_zone == "Europe/Lisbon"


# --- API ----------------------------------------------------------------------------------


def test_api_propose_pick_move_and_answer(
    owner: User, connection: User, login_as: Callable[[User], Client]
) -> None:
    dana, rui = login_as(owner), login_as(connection)
    profile = Profile.objects.get(user=connection)
    created = dana.post(
        "/api/v1/meetings/proposals",
        {
            "profile_id": profile.pk,
            "times": [fmt(local_in(2, 9, owner)), fmt(local_in(3, 9, owner))],
            "duration_minutes": 30,
            "purpose": "Bookkeeping",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["from_you"], body["other_name"], len(body["times"])) == (True, "Rui Costa", 2)
    picked = rui.post(
        f"/api/v1/meetings/proposals/{body['id']}/pick",
        {"time_id": body["times"][1]["id"]},
        content_type="application/json",
    ).json()
    assert (picked["organizer"], picked["sequence"], picked["status"]) == (False, 0, "scheduled")
    moved = dana.post(
        f"/api/v1/meetings/booked/{picked['id']}/reschedule",
        {"times": [fmt(local_in(5, 9, owner))], "duration_minutes": 30, "purpose": "Bookkeeping"},
        content_type="application/json",
    ).json()
    again = rui.post(
        f"/api/v1/meetings/proposals/{moved['id']}/pick",
        {"time_id": moved["times"][0]["id"]},
        content_type="application/json",
    ).json()
    assert (again["id"], again["uid"], again["sequence"]) == (picked["id"], picked["uid"], 1)
    listed = dana.get("/api/v1/meetings/booked").json()
    assert [m["id"] for m in listed] == [picked["id"]]


def test_api_bad_input_and_dst_gap(
    owner: User, connection: User, login_as: Callable[[User], Client]
) -> None:
    member_time_zone_set(member=owner, time_zone="Europe/Berlin")
    day = next_dst_day(3)
    response = login_as(owner).post(
        "/api/v1/meetings/proposals",
        {
            "profile_id": Profile.objects.get(user=connection).pk,
            "times": [f"{day.isoformat()}T02:30"],
            "duration_minutes": 30,
            "purpose": "Bookkeeping",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == ["time_1"]
    assert "does not exist in Europe/Berlin" in errors["time_1"][0]
    assert not MeetingProposal.objects.exists()
    tz = login_as(owner).put(
        "/api/v1/meetings/time-zone", {"time_zone": "Nowhere"}, content_type="application/json"
    )
    assert tz.status_code == 400
    assert list(tz.json()["errors"]) == ["time_zone"]


def test_api_strangers_get_404_and_nothing_changes(
    owner: User, connection: User, stranger: User, login_as: Callable[[User], Client]
) -> None:
    proposal = proposed(owner, connection)
    sam = login_as(stranger)
    slot = proposal.times.all()[0]
    assert sam.get(f"/api/v1/meetings/proposals/{proposal.pk}").status_code == 404
    for path, payload in (
        (f"/api/v1/meetings/proposals/{proposal.pk}/pick", {"time_id": slot.pk}),
        (f"/api/v1/meetings/proposals/{proposal.pk}/decline", {"note": "no"}),
        (
            f"/api/v1/meetings/proposals/{proposal.pk}/counter",
            {"times": [fmt(local_in(4, 9, stranger))], "duration_minutes": 30, "purpose": "x"},
        ),
    ):
        assert sam.post(path, payload, content_type="application/json").status_code == 404, path
    assert sam.get("/api/v1/meetings/proposals").json() == []
    proposal_pick(member=connection, proposal_id=proposal.pk, time_id=slot.pk)
    meeting = ScheduledMeeting.objects.get()
    assert sam.get(f"/api/v1/meetings/booked/{meeting.pk}").status_code == 404
    for path, payload in (
        (f"/api/v1/meetings/booked/{meeting.pk}/cancel", {"note": "x"}),
        (f"/api/v1/meetings/booked/{meeting.pk}/happened", {"happened": False}),
        (
            f"/api/v1/meetings/booked/{meeting.pk}/reschedule",
            {"times": [fmt(local_in(4, 9, stranger))], "duration_minutes": 30, "purpose": "x"},
        ),
    ):
        assert sam.post(path, payload, content_type="application/json").status_code == 404, path
    assert sam.get("/api/v1/meetings/booked").json() == []
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence, meeting.attendee_says_happened) == (
        "scheduled",
        0,
        None,
    )
    assert MeetingProposal.objects.count() == 1


def test_list_pages_and_endpoints_keep_their_query_count(
    owner: User,
    connection: User,
    login_as: Callable[[User], Client],
) -> None:
    client = login_as(owner)
    booked(owner, connection)

    def counts() -> tuple[int, int]:
        with CaptureQueriesContext(db) as page:
            client.get("/meetings/")
        with CaptureQueriesContext(db) as api:
            client.get("/api/v1/meetings/booked")
        return len(page), len(api)

    one = counts()
    for name in ("Ana", "Bo"):
        other = make_member(name, email=f"{name.lower()}@example.org")
        connection_create(member=owner, other=other, source="introduction")
        booked(owner, other)
    assert counts() == one


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"purpose": "<b>Coffee</b>"}, 400, "purpose"),
        ({"purpose": "Coffee\x00"}, 422, "purpose"),
        ({"times": ["0001-01-01T00:30"]}, 400, "time_1"),
        ({"times": ["9999-12-31T23:30"]}, 400, "time_1"),
        ({"duration_minutes": 5}, 422, "duration_minutes"),
    ],
)
def test_api_refuses_bad_input_by_field(
    owner: User,
    connection: User,
    login_as: Callable[[User], Client],
    change: dict[str, object],
    status: int,
    field: str,
) -> None:
    member_time_zone_set(member=owner, time_zone="Pacific/Kiritimati")
    payload: dict[str, object] = {
        "profile_id": Profile.objects.get(user=connection).pk,
        "times": [fmt(local_in(2, 9, owner))],
        "duration_minutes": 30,
        "purpose": "Coffee",
        **change,
    }
    response = login_as(owner).post(
        "/api/v1/meetings/proposals", payload, content_type="application/json"
    )
    assert response.status_code == status
    assert list(response.json()["errors"]) == [field]
    assert not MeetingProposal.objects.exists()


def test_other_times_and_decline_pages(
    owner: User, connection: User, login_as: Callable[[User], Client]
) -> None:
    proposal = proposed(owner, connection)
    rui = login_as(connection)
    page = rui.get(f"/meetings/proposals/{proposal.pk}/other-times/")
    text = page_text(page.content.decode())
    assert "Propose other times to Dana Okafor" in text
    assert problems_in(text) == []
    response = rui.post(
        f"/meetings/proposals/{proposal.pk}/other-times/",
        {"time_1": fmt(local_in(6, 10, connection)), "duration_minutes": "30", "purpose": "Tea"},
    )
    counter = MeetingProposal.objects.get(status=MeetingProposal.Status.PENDING)
    assert response["Location"] == f"/meetings/proposals/{counter.pk}/"
    assert (counter.proposer, counter.purpose) == (connection, "Tea")
    login_as(owner).post(f"/meetings/proposals/{counter.pk}/decline/", {"note": "Busy then"})
    counter.refresh_from_db()
    assert (counter.status, counter.note) == (MeetingProposal.Status.DECLINED, "Busy then")
    text = page_text(rui.get(f"/meetings/proposals/{counter.pk}/").content.decode())
    assert "Note: Busy then" in text
    assert problems_in(text) == []


def test_a_no_show_shows_on_the_members_own_dashboard_only(
    owner: User, connection: User, login_as: Callable[[User], Client]
) -> None:
    meeting = booked(owner, connection)
    ScheduledMeeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=2)
    )
    login_as(connection).post(f"/meetings/booked/{meeting.pk}/happened/no/")
    mine = page_text(login_as(owner).get("/dashboard/").content.decode())
    assert "Booked meetings you kept\n0% (0 of 1, only you see this)" in mine
    theirs = page_text(login_as(connection).get("/dashboard/").content.decode())
    assert "Booked meetings you kept\nnone answered yet" in theirs
    profile = Profile.objects.get(user=owner)
    seen_by_rui = page_text(login_as(connection).get(f"/members/{profile.pk}/").content.decode())
    assert "kept" not in seen_by_rui
    # Dana is still asked, as if nothing were said; the API names her own answer only.
    booked_page = page_text(login_as(owner).get(f"/meetings/booked/{meeting.pk}/").content.decode())
    assert "Your answer stays between you and Mensch; Rui Costa never sees it." in booked_page
    body = login_as(owner).get(f"/api/v1/meetings/booked/{meeting.pk}").json()
    assert body["your_answer"] is None
    assert "False" not in str(body.values())
