"""Email to a member: every message names how to stop it (one-click unsubscribe)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from mensch.accounts.models import User
from mensch.core.text import normalise_line

UNSUBSCRIBE_SALT = "mensch.unsubscribe"
EMAIL_TOPICS = ("notifications", "daily_digest")


def unsubscribe_token(member: User, topic: str) -> str:
    return signing.dumps({"m": member.pk, "t": topic}, salt=UNSUBSCRIBE_SALT, compress=True)


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}" if path.startswith("/") else path


def send_member_email(
    *, member: User, subject: str, template: str, context: dict[str, object], topic: str
) -> None:
    """Every email names how to stop it: a signed one-click link and the List-Unsubscribe
    headers mail clients turn into a button (RFC 8058)."""
    link = absolute(reverse("unsubscribe", args=[unsubscribe_token(member, topic)]))
    body = render_to_string(template, {**context, "member": member, "unsubscribe_url": link})
    message = EmailMessage(
        # One line: a line break from a member's name would make Django refuse the header
        # (BadHeaderError), and with it every email that names them.
        subject=normalise_line(subject),
        body=body,
        to=[member.email],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send()
