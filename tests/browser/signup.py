"""Sign up in a browser test the way a person does: the form, then the emailed link.

``sign_up`` leaves the page signed in as the new member on their profile editor
(``/profile/``, with the "Welcome to Mensch" message), where sign-up lands.
"""

from __future__ import annotations

import re

from django.core import mail
from django.test import override_settings

# Sign-up emails go through the task queue; while the form is sent the task runs at once,
# in the live server's thread of this same process, so the email is in mail.outbox.
RUN_TASKS_AT_ONCE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/signup/confirm/\S+/)")


def confirmation_path(email: str, *, since: int = 0) -> str:
    """The path of the newest confirmation link emailed to ``email`` (after ``since`` emails)."""
    for message in reversed(mail.outbox[since:]):
        if email.lower() in (address.lower() for address in message.to):
            found = CONFIRM_LINK.search(str(message.body))
            if found:
                return found.group(1)
    raise AssertionError(f"No confirmation link was emailed to {email}.")


def sign_up(
    page: object,
    live_server_url: str,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
) -> None:
    """Fill in the sign-up form, wait for "Check your email", open the emailed link.

    Ends signed in as the new member on ``/profile/`` (the profile editor).
    """
    base = live_server_url.rstrip("/")
    since = len(mail.outbox)
    with override_settings(TASKS=RUN_TASKS_AT_ONCE):
        page.goto(f"{base}/signup/")  # type: ignore[attr-defined]
        page.get_by_label("First name").fill(first_name)  # type: ignore[attr-defined]
        page.get_by_label("Last name").fill(last_name)  # type: ignore[attr-defined]
        page.get_by_label("Email address").fill(email)  # type: ignore[attr-defined]
        page.get_by_label("Password").fill(password)  # type: ignore[attr-defined]
        page.get_by_role("button", name="Create my account").click()  # type: ignore[attr-defined]
        page.get_by_role("heading", name="Check your email").wait_for()  # type: ignore[attr-defined]
    page.goto(base + confirmation_path(email, since=since))  # type: ignore[attr-defined]
    page.wait_for_url(f"{base}/profile/")  # type: ignore[attr-defined]
