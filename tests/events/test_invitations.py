"""Attendee import invites the people who are not members yet (issue 14): a signed link
that signs them up and puts them on the guest list; at most once a day per address."""

from __future__ import annotations

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.events import imports, invitations
from mensch.events.models import AttendeeInvitation, Event, Rsvp
from tests.events.conftest import make_event, make_organizer
from tests.events.test_api import Login
from tests.factories import PASSWORD
from tests.sentences import page_text, problems_in
from tests.workers import run_tasks_now

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

INVITE_LINK = re.compile(r"https?://[^/\s]+(/events/\d+/invitation/\S+/)")
CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/signup/confirm/\S+/)")


def _file(*emails: str) -> str:
    return "email,name\n" + "".join(f"{e},Person {n}\n" for n, e in enumerate(emails))


def _link(pattern: re.Pattern[str], message: mail.EmailMessage) -> str:
    found = pattern.search(str(message.body))
    assert found is not None, message.body
    return found.group(1)


def test_non_members_are_skipped_unless_the_organizer_invites_them(
    event: Event, designer: User
) -> None:
    text = _file(designer.email, "zoe@example.org")
    skipped = imports.attendees_import(event=event, text=text)
    assert [(x.email, x.outcome, x.note) for x in skipped.lines] == [
        (designer.email, "added", ""),
        ("zoe@example.org", "skipped", "not a member; not invited"),
    ]
    assert mail.outbox == []
    invited = imports.attendees_import(event=event, text=text, invite=True)
    assert [(x.email, x.outcome) for x in invited.lines] == [
        (designer.email, "already going"),
        ("zoe@example.org", "invited"),
    ]
    assert invited.summary() == "1 already going, 1 invited"
    assert [m.to for m in mail.outbox] == [["zoe@example.org"]]
    assert mail.outbox[0].subject == f"You're invited to {event.title}"
    body = str(mail.outbox[0].body)
    assert f"{event.organizer.name} invites you to {event.title} on " in body
    assert problems_in(body) == []
    assert AttendeeInvitation.objects.get().email == "zoe@example.org"


def test_members_are_matched_whatever_the_letter_case(event: Event, designer: User) -> None:
    User.objects.filter(pk=designer.pk).update(email="Dora.Designer@Example.ORG")
    result = imports.attendees_import(event=event, text=_file("dora.designer@example.org"))
    assert [(x.outcome, x.member) for x in result.lines] == [("added", designer)]
    assert Rsvp.objects.get(event=event).member == designer


def test_an_address_is_invited_at_most_once_a_day(event: Event) -> None:
    text = _file("zoe@example.org")
    imports.attendees_import(event=event, text=text, invite=True)
    again = imports.attendees_import(event=event, text=text, invite=True)
    assert [(x.outcome, x.note) for x in again.lines] == [
        ("skipped", "invited less than a day ago; not sent again")
    ]
    assert len(mail.outbox) == 1
    AttendeeInvitation.objects.update(invited_at=timezone.now() - timedelta(days=1, minutes=1))
    later = imports.attendees_import(event=event, text=text, invite=True)
    assert [x.outcome for x in later.lines] == ["invited"]
    assert len(mail.outbox) == 2
    # Another event is another invitation.
    other = make_event(event.organizer, title="Second breakfast")
    imports.attendees_import(event=other, text=text, invite=True)
    assert len(mail.outbox) == 3


def test_a_file_with_an_error_line_invites_nobody(event: Event) -> None:
    text = _file("zoe@example.org", "not-an-email")
    with pytest.raises(Exception, match="Line 3"):
        imports.attendees_import(event=event, text=text, invite=True)
    assert mail.outbox == []
    assert not AttendeeInvitation.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_hundreds_of_invitations_are_sent_by_the_worker_not_the_request(
    settings: object, organizer: User
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # type: ignore[attr-defined]
    event = make_event(organizer)
    emails = [f"guest{n}@example.org" for n in range(120)]
    result = imports.attendees_import(event=event, text=_file(*emails), invite=True)
    assert len(result.to_invite) == 120
    assert mail.outbox == []  # nothing sent inside the import
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        assert run_tasks_now() == 3  # batches of invitations.BATCH
    assert sorted(m.to[0] for m in mail.outbox) == sorted(emails)


def test_the_invitation_signs_up_and_lands_on_the_event_as_going(event: Event) -> None:
    imports.attendees_import(event=event, text=_file("zoe@example.org"), invite=True)
    link = _link(INVITE_LINK, mail.outbox[0])
    browser = Client()
    to_signup = browser.get(link)
    assert to_signup.status_code == 302
    assert to_signup["Location"].startswith("/signup/?")
    signup_page = browser.get(to_signup["Location"])
    assert 'value="zoe@example.org"' in signup_page.content.decode()
    browser.post(
        to_signup["Location"],
        {
            "first_name": "Zoe",
            "last_name": "Zed",
            "email": "zoe@example.org",
            "password": PASSWORD,
            "next": link,
        },
    )
    assert not Rsvp.objects.exists()  # nothing before the address is confirmed
    confirm = _link(CONFIRM_LINK, mail.outbox[-1])
    page = browser.get(confirm, follow=True)
    zoe = User.objects.get(email="zoe@example.org")
    assert Rsvp.objects.get(event=event).member == zoe
    assert Rsvp.objects.get(event=event).status == Rsvp.Status.GOING
    assert page.redirect_chain[-1][0] == reverse("event_detail", args=[event.pk])
    text = page_text(page.content.decode())
    assert f"You're going to {event.title}." in text
    assert problems_in(text) == []


def test_the_confirmation_opened_in_another_browser_lands_on_the_event_too(
    event: Event,
) -> None:
    imports.attendees_import(event=event, text=_file("zoe@example.org"), invite=True)
    link = _link(INVITE_LINK, mail.outbox[0])
    browser = Client()
    browser.post(
        browser.get(link)["Location"],
        {"first_name": "Zoe", "email": "zoe@example.org", "password": PASSWORD, "next": link},
    )
    confirm = _link(CONFIRM_LINK, mail.outbox[-1])
    phone = Client()
    page = phone.post(confirm, {"first_name": "Zoe", "password": PASSWORD}, follow=True)
    assert page.redirect_chain[-1][0] == reverse("event_detail", args=[event.pk])
    assert Rsvp.objects.get(event=event).member.email == "zoe@example.org"


def test_sign_up_ignores_a_next_address_off_this_site() -> None:
    browser = Client()
    browser.post(
        "/signup/",
        {
            "first_name": "Zoe",
            "email": "zoe@example.org",
            "password": PASSWORD,
            "next": "https://evil.example/steal",
        },
    )
    page = browser.get(_link(CONFIRM_LINK, mail.outbox[-1]))
    assert page["Location"] == reverse("profile_edit")


def test_a_member_logged_in_with_another_address_is_not_rsvpd(
    login_as: Login, event: Event, designer: User
) -> None:
    path = invitations.link_path(event_id=event.pk, email="zoe@example.org")
    page = login_as(designer).get(path, follow=True)
    assert "This invitation was sent to zoe@example.org" in page.content.decode()
    assert not Rsvp.objects.exists()


def test_a_member_following_their_invitation_is_rsvpd_once(
    login_as: Login, event: Event, designer: User
) -> None:
    path = invitations.link_path(event_id=event.pk, email=designer.email.upper())
    client = login_as(designer)
    client.get(path)
    client.get(path)
    assert list(Rsvp.objects.values_list("member_id", "status")) == [(designer.pk, "going")]


def test_a_link_for_another_event_forged_or_expired_does_nothing(
    client: Client, event: Event
) -> None:
    other = make_event(event.organizer, title="Another breakfast")
    token = invitations.make_token(event_id=other.pk, email="zoe@example.org")
    assert client.get(reverse("event_invitation", args=[event.pk, token])).status_code == 400
    forged = signing.dumps({"v": event.pk, "e": "zoe@example.org"}, salt="other", compress=True)
    assert client.get(reverse("event_invitation", args=[event.pk, forged])).status_code == 400
    path = invitations.link_path(event_id=event.pk, email="zoe@example.org")
    later = timezone.now() + timedelta(days=invitations.LINK_DAYS + 1)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        expired = client.get(path)
    assert expired.status_code == 410
    assert "This invitation has expired" in expired.content.decode()
    assert not Rsvp.objects.exists()


def test_import_page_invites_and_reports_each_line(
    client: Client, event: Event, organizer: User, designer: User
) -> None:
    client.force_login(organizer)
    data = f"email;name\n{designer.email};Dora\nzoe@example.org;Zoë Zed\n".encode("cp1252")
    url = reverse("event_import", args=[event.pk])
    preview = client.post(
        url, {"file": SimpleUploadedFile("a.csv", data), "non_members": "invite"}
    ).content.decode()
    assert "The import would give: 1 added, 1 invited." in page_text(preview)
    assert mail.outbox == []
    text = imports.file_text(data)
    done = client.post(url, {"text": text, "non_members": "invite", "confirm": "1"})
    report = page_text(done.content.decode())
    assert "1 added, 1 invited." in report
    assert "zoe@example.org\nZoë Zed\ninvited" in report
    assert problems_in(report) == []
    assert [m.to for m in mail.outbox] == [["zoe@example.org"]]


def test_an_upload_with_a_byte_order_mark_reads_its_email_column(
    client: Client, event: Event, organizer: User, designer: User
) -> None:
    client.force_login(organizer)
    data = f"email,name\n{designer.email},José Müller\n".encode("utf-8-sig")
    page = client.post(
        reverse("event_import", args=[event.pk]), {"file": SimpleUploadedFile("b.csv", data)}
    ).content.decode()
    assert '<td data-label="Name">José Müller</td>' in page
    assert "added" in page_text(page)


def test_another_organizer_cannot_import_or_invite(event: Event, designer: User) -> None:
    stranger = Client()
    stranger.force_login(make_organizer("Sam"))
    response = stranger.post(
        reverse("event_import", args=[event.pk]),
        {"text": _file(designer.email, "zoe@example.org"), "non_members": "invite", "confirm": "1"},
    )
    assert response.status_code == 404
    attendee = Client()
    attendee.force_login(designer)
    assert attendee.post(reverse("event_import", args=[event.pk])).status_code == 403
    assert not Rsvp.objects.exists()
    assert mail.outbox == []


def test_api_import_invites_and_reports_outcomes(
    login_as: Login, event: Event, designer: User
) -> None:
    client = login_as(event.organizer)
    body = {"csv": _file(designer.email, "zoe@example.org"), "dry_run": False, "invite": True}
    done = client.post(
        f"/api/v1/events/{event.pk}/import", body, content_type="application/json"
    ).json()
    assert (done["imported"], done["invited"]) == (1, 1)
    assert [(x["outcome"], x["note"]) for x in done["lines"]] == [
        ("added", ""),
        ("invited", ""),
    ]
    again = client.post(
        f"/api/v1/events/{event.pk}/import", body, content_type="application/json"
    ).json()
    assert [x["outcome"] for x in again["lines"]] == ["already going", "skipped"]
    assert len(mail.outbox) == 1


def test_the_console_offers_the_choice_for_non_members(login_as: Login, event: Event) -> None:
    page = login_as(event.organizer).get(reverse("event_manage", args=[event.pk]))
    html = page.content.decode()
    assert 'name="non_members" value="skip"' in html
    assert 'name="non_members" value="invite"' in html
    assert "Invite them by email: a sign-up link puts them on the guest list" in html


def test_another_organizer_cannot_invite_through_the_api(login_as: Login, event: Event) -> None:
    body = {"csv": _file("zoe@example.org"), "dry_run": False, "invite": True}
    response = login_as(make_organizer("Sam")).post(
        f"/api/v1/events/{event.pk}/import", body, content_type="application/json"
    )
    assert response.status_code == 404
    assert not AttendeeInvitation.objects.exists()
    assert mail.outbox == []
