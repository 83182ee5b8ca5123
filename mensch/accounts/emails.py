"""The one email a sign-up (or a request for the link again) sends, decided when it is sent.

The sign-up page answers the same whether the address is new, waiting for confirmation or
already a member's, and queues the same task with the address alone
(:func:`mensch.accounts.tasks.send_signup_email`); only here, in the worker, is the
address looked up: its owner gets either the link that confirms it or, when it already
has an account, a note to log in or reset the password. An address with neither gets
nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from mensch.accounts import confirmation
from mensch.accounts.models import PendingSignup, User


def signup_email_send(email: str, next_url: str = "") -> str:
    """Send what the owner of ``email`` should get after a sign-up with it; a confirmation
    link lands the new member on ``next_url`` (a path on this site) when one is given.

    Returns which email went out: ``"existing"``, ``"confirm"`` or ``""`` (none).
    """
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        body = render_to_string(
            "accounts/signup_existing_email.txt",
            {
                "user": user,
                "login_url": settings.SITE_URL + reverse("login"),
                "reset_url": settings.SITE_URL + reverse("password_reset"),
            },
        )
        EmailMessage(subject="Your Mensch account", body=body, to=[user.email]).send()
        return "existing"
    pending = PendingSignup.objects.filter(email__iexact=email).first()
    if pending is None:
        return ""
    body = render_to_string(
        "accounts/signup_confirm_email.txt",
        {
            "pending": pending,
            "confirm_url": confirmation.link_url(
                email=pending.email, nonce=pending.nonce, next_url=next_url
            ),
            "hours": settings.SIGNUP_CONFIRM_HOURS,
        },
    )
    EmailMessage(subject="Confirm your Mensch account", body=body, to=[pending.email]).send()
    return "confirm"
