"""A line break in a member's name (issue 12, finding 9) must not stop the emails that
name them: an email subject is one line, whatever text went into it."""

from __future__ import annotations

import pytest
from django.core import mail

from mensch.accounts.models import User
from mensch.introductions.services import introduction_request
from mensch.notifications.emails import send_member_email
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_an_email_naming_a_member_with_a_line_break_in_their_name_goes_out_on_one_line(
    owner: User, settings: object
) -> None:
    settings.TASKS = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }
    ana = make_member("Ana", last_name="Lima")
    # Written around sign-up's checks, the way an older version or an import might have.
    User.objects.filter(pk=ana.pk).update(first_name="Ana\r\nBcc: victim@example.org\n")
    ana.refresh_from_db()

    introduction_request(
        requester=ana,
        recipient=owner,
        reason="Ana would like Dana's advice on the brand of her new bakery in Porto.",
    )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dana@example.org"]
    assert message.subject == "Ana Bcc: victim@example.org Lima asks to be introduced to you"
    assert message.bcc == []
    headers = message.message().as_string().split("\n\n", 1)[0]
    assert "\nBcc:" not in headers


def test_send_member_email_makes_any_subject_one_line(owner: User) -> None:
    send_member_email(
        member=owner,
        subject="  Your follow-ups:\n\r  2 to do\t ",
        template="notifications/email/notification.txt",
        context={"notification": None, "url": ""},
        topic="notifications",
    )
    assert [m.subject for m in mail.outbox] == ["Your follow-ups: 2 to do"]
