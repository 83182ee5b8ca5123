"""Opening someone's code: contacts both ways, the scanner's "we met", the owner's tap."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client

from mensch.accounts.models import User
from mensch.connections.selectors import are_connected
from mensch.connections.services import member_block
from mensch.contacts.models import Contact, Interaction
from mensch.events.models import Rsvp
from mensch.events.services import rsvp_create
from mensch.followups.models import FollowUp
from mensch.meetings.models import Meeting, MeetingTick
from mensch.notifications.models import Notification
from mensch.scan import codes
from mensch.scan.models import Scan
from tests.factories import make_member
from tests.scan.conftest import happening_event, make_organizer
from tests.sentences import page_text, problems_in

Login = Callable[[User], Client]

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _link(member: User) -> str:
    return codes.code_path(codes.scan_code_of(member))


def _state() -> tuple[int, int, int, int, int]:
    return (
        Contact.objects.count(),
        Scan.objects.count(),
        MeetingTick.objects.count(),
        Meeting.objects.count(),
        Interaction.objects.count(),
    )


def test_scan_outside_an_event_makes_contacts_both_ways_and_a_waiting_confirmation(
    owner: User, stranger: User, login_as: Login
) -> None:
    scanner = login_as(stranger)
    opened = scanner.get(_link(owner))
    assert "Connect with Dana Okafor" in opened.content.decode()
    assert Contact.objects.count() == 0  # opening shows; only "Connect" writes
    done = scanner.post(f"{_link(owner)}connect/", follow=True)
    html = done.content.decode()
    assert "Dana Okafor is in your contacts, and you are in theirs." in page_text(html)
    assert problems_in(page_text(html)) == []
    mine = Contact.objects.get(owner=stranger, member=owner)
    theirs = Contact.objects.get(owner=owner, member=stranger)
    assert mine.role == "Brand identity designer for small studios"
    # Not connected: the private details stay private, both ways.
    assert (mine.email, mine.phone, mine.url) == ("", "", "")
    assert (theirs.email, theirs.phone) == ("", "")
    scan = Scan.objects.get()
    assert (scan.scanner, scan.owner, scan.status, scan.event) == (stranger, owner, "waiting", None)
    notice = Notification.objects.get(recipient=owner, kind="scan_waiting")
    assert notice.title == "Sam Stranger scanned your code"
    assert Meeting.objects.count() == 0


def test_owner_confirms_with_one_tap_outside_an_event(
    owner: User, stranger: User, login_as: Login
) -> None:
    login_as(stranger).post(f"{_link(owner)}connect/")
    scan = Scan.objects.get()
    client = login_as(owner)
    page = client.get(f"/scan/scans/{scan.pk}/").content.decode()
    assert "Sam Stranger scanned your code" in page
    assert "Yes, we met" in page
    assert problems_in(page_text(page)) == []
    client.post(f"/scan/scans/{scan.pk}/yes/")
    scan.refresh_from_db()
    assert scan.status == Scan.Status.CONFIRMED
    assert are_connected(owner, stranger)
    meeting = Meeting.objects.get()
    assert meeting.event is None
    # The usual follow-up, for both.
    assert FollowUp.objects.filter(owner=owner).count() == 1
    assert FollowUp.objects.filter(owner=stranger).count() == 1


def test_owner_says_not_me_and_nothing_more_is_shared(
    owner: User, stranger: User, login_as: Login
) -> None:
    login_as(stranger).post(f"{_link(owner)}connect/")
    scan = Scan.objects.get()
    login_as(owner).post(f"/scan/scans/{scan.pk}/no/")
    scan.refresh_from_db()
    assert scan.status == Scan.Status.DECLINED
    assert not are_connected(owner, stranger)
    assert Meeting.objects.count() == 0


def test_scan_at_an_event_logs_met_at_and_counts_the_scanners_tick(
    owner: User, stranger: User, login_as: Login
) -> None:
    event = happening_event(make_organizer())
    rsvp_create(event=event, member=owner)
    rsvp_create(event=event, member=stranger)
    html = login_as(stranger).post(f"{_link(owner)}connect/", follow=True).content.decode()
    assert "Both timelines say you met at Studio owners breakfast." in page_text(html)
    scan = Scan.objects.get()
    assert scan.event == event
    tick = MeetingTick.objects.get()
    assert (tick.member, tick.other, tick.event) == (stranger, owner, event)
    for person, other in ((stranger, owner), (owner, stranger)):
        contact = Contact.objects.get(owner=person, member=other)
        assert contact.met_event == event
        entry = contact.interactions.get()
        assert (entry.kind, entry.body) == ("met", "Met at Studio owners breakfast")
    assert Notification.objects.get(kind="scan_waiting").title == (
        "Sam Stranger scanned your code at Studio owners breakfast"
    )
    # The owner's tap: the event meeting is confirmed, one "met" entry each, follow-ups.
    login_as(owner).post(f"/scan/scans/{scan.pk}/yes/")
    meeting = Meeting.objects.get()
    assert meeting.event == event
    assert not are_connected(owner, stranger)  # at an event the meeting needs no connection
    for person, other in ((stranger, owner), (owner, stranger)):
        contact = Contact.objects.get(owner=person, member=other)
        assert list(contact.interactions.values_list("kind", "source_key")) == [
            ("met", f"meeting:{meeting.pk}")
        ]
        assert FollowUp.objects.filter(owner=person, contact=contact).count() == 1


def test_event_not_shared_means_no_met_at_entry(
    owner: User, stranger: User, login_as: Login
) -> None:
    event = happening_event(make_organizer())
    rsvp_create(event=event, member=owner)  # the scanner is not going
    login_as(stranger).post(f"{_link(owner)}connect/")
    assert Scan.objects.get().event is None
    assert Interaction.objects.count() == 0
    assert MeetingTick.objects.count() == 0


def test_event_long_over_is_not_current(owner: User, stranger: User, login_as: Login) -> None:
    event = happening_event(make_organizer(), started=timedelta(hours=6))
    # Both went (the list was made while it took RSVPs); it ended four hours ago.
    Rsvp.objects.create(event=event, member=owner)
    Rsvp.objects.create(event=event, member=stranger)
    login_as(stranger).post(f"{_link(owner)}connect/")
    assert Scan.objects.get().event is None


def test_not_logged_in_sees_nothing_about_the_member(owner: User) -> None:
    response = Client().get(_link(owner))
    html = response.content.decode()
    assert "Log in to connect" in html
    assert "next=" in html
    assert "%2Fscan%2Fc%2F" in html
    for private in ("Dana", "Okafor", "Brand identity", "dana.private", "351"):
        assert private not in html
    assert Client().post(f"{_link(owner)}connect/").status_code == 302
    assert _state() == (0, 0, 0, 0, 0)


def test_scanning_my_own_code_says_so(owner: User, login_as: Login) -> None:
    client = login_as(owner)
    assert "This is your own code" in client.get(_link(owner)).content.decode()
    response = client.post(f"{_link(owner)}connect/")
    assert response.status_code == 422
    assert "This is your own code" in response.content.decode()
    assert _state() == (0, 0, 0, 0, 0)


def test_revoked_code_says_so_and_changes_nothing(
    owner: User, stranger: User, login_as: Login
) -> None:
    link = _link(owner)
    codes.scan_code_revoke(member=owner)
    client = login_as(stranger)
    for response in (client.get(link), client.post(f"{link}connect/")):
        assert response.status_code == 410
        assert "revoked by its owner" in response.content.decode()
    assert _state() == (0, 0, 0, 0, 0)


def test_tampered_code_on_connect_changes_nothing(
    owner: User, stranger: User, login_as: Login
) -> None:
    link = _link(owner)
    response = login_as(stranger).post(link.replace("/c/", "/c/x") + "connect/")
    assert response.status_code == 400
    assert "not a valid Mensch code" in response.content.decode()
    assert _state() == (0, 0, 0, 0, 0)


def test_blocked_member_cannot_connect(owner: User, stranger: User, login_as: Login) -> None:
    member_block(blocker=owner, blocked=stranger)
    response = login_as(stranger).post(f"{_link(owner)}connect/")
    assert response.status_code == 422
    assert "You cannot connect with this member." in response.content.decode()
    assert Scan.objects.count() == 0
    assert Contact.objects.count() == 0


def test_scanning_twice_keeps_one_scan(owner: User, stranger: User, login_as: Login) -> None:
    client = login_as(stranger)
    client.post(f"{_link(owner)}connect/")
    client.post(f"{_link(owner)}connect/")
    assert Scan.objects.count() == 1
    assert Contact.objects.filter(owner=stranger).count() == 1
    assert Notification.objects.filter(kind="scan_waiting").count() == 1


def test_scans_are_throttled(
    owner: User, stranger: User, login_as: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mensch.scan import views

    monkeypatch.setattr(views, "SCANS_PER_HOUR", 2)
    client = login_as(stranger)
    others = [make_member(f"Other{n}") for n in range(3)]
    answers = [client.post(f"{_link(o)}connect/").status_code for o in others]
    assert answers == [302, 302, 429]
    assert Scan.objects.count() == 2


def test_stranger_cannot_see_or_answer_someone_elses_scan(
    owner: User, stranger: User, login_as: Login
) -> None:
    third = make_member("Tess", last_name="Third")
    login_as(stranger).post(f"{_link(owner)}connect/")
    scan = Scan.objects.get()
    outsider = login_as(third)
    assert outsider.get(f"/scan/scans/{scan.pk}/").status_code == 404
    assert outsider.post(f"/scan/scans/{scan.pk}/yes/").status_code == 404
    # Nor can the scanner confirm for the owner.
    assert login_as(stranger).post(f"/scan/scans/{scan.pk}/yes/").status_code == 404
    scan.refresh_from_db()
    assert scan.status == Scan.Status.WAITING
    assert Meeting.objects.count() == 0
    assert not are_connected(owner, stranger)


def test_answering_twice_says_so(owner: User, stranger: User, login_as: Login) -> None:
    login_as(stranger).post(f"{_link(owner)}connect/")
    scan = Scan.objects.get()
    client = login_as(owner)
    client.post(f"/scan/scans/{scan.pk}/no/")
    html = client.post(f"/scan/scans/{scan.pk}/yes/", follow=True).content.decode()
    assert "You have already answered this." in html
    assert Meeting.objects.count() == 0


def test_connections_scanning_share_their_details_and_tick_at_once(
    owner: User, stranger: User, login_as: Login
) -> None:
    from mensch.connections.models import Connection
    from mensch.connections.services import connection_create

    connection_create(member=owner, other=stranger, source=Connection.Source.INTRODUCTION)
    login_as(stranger).post(f"{_link(owner)}connect/")
    mine = Contact.objects.get(owner=stranger, member=owner)
    assert (mine.email, mine.phone, mine.url) == (
        "dana.private@example.org",
        "+351 21 000 0000",
        "https://dana.example",
    )
    tick = MeetingTick.objects.get()
    assert (tick.member, tick.other, tick.event) == (stranger, owner, None)
    login_as(owner).post(f"/scan/scans/{Scan.objects.get().pk}/yes/")
    assert Meeting.objects.get().event is None


def test_all_my_data_lists_scans_both_ways_without_the_code(
    owner: User, stranger: User, login_as: Login
) -> None:
    from mensch.web.export import member_export

    login_as(stranger).post(f"{_link(owner)}connect/")
    mine = member_export(stranger)
    theirs = member_export(owner)
    assert mine["scans"] == [
        {
            "direction": "I scanned their code",
            "other": {"name": "Dana Okafor", "profile_id": owner.profile.pk},
            "event": None,
            "status": "waiting",
            "created_at": Scan.objects.get().created_at.isoformat(),
            "answered_at": None,
        }
    ]
    assert theirs["scans"][0]["direction"] == "they scanned my code"  # type: ignore[index]
    assert theirs["scan_code"] == {"version": 1, "revoked_at": None}
    assert codes.scan_code_of(owner).nonce not in str(theirs)
