"""Limits on log-in, sign-up and password-reset attempts, beyond django-axes' lock-out.

django-axes locks one account from one client after repeated failures; these add what it
does not cover, counted in the shared cache (mensch.core.throttle) per client address
(mensch.core.client, the same address axes uses) or per email address:

* failed log-ins from one client across all accounts (password spraying);
* sign-ups from one client, and requests for the confirmation link again;
* password-reset emails to one address, and requested by one client;
* sign-up emails to one address: the confirmation link and "you already have an account"
  (sign-up with a registered address) count alike, so the limit tells nothing either.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.http import HttpRequest

from mensch.core import throttle
from mensch.core.client import client_ip

HOUR = 3600


def normalize_email(raw: object) -> str:
    """An address as accounts compare it: trimmed, any letter case."""
    return str(raw or "").strip().lower()


def login_username(request: HttpRequest, credentials: Mapping[str, object] | None) -> str:
    """The account a log-in attempt is for, as axes should key it (AXES_USERNAME_CALLABLE).

    Log-in matches the address in any letter case (``email__iexact``), so the lock-out
    must too: otherwise ``NAME@example.org`` gets a fresh allowance after ``name@…`` is
    locked, and the right password in another case walks past the lock.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    raw = (credentials or {}).get(field)
    if raw is None:
        raw = request.POST.get(field, "")
    return normalize_email(raw)


def login_failures_per_client() -> throttle.Limit:
    return throttle.Limit("login-fail-client", settings.LOGIN_CLIENT_FAILURE_LIMIT, HOUR)


def signups_per_client() -> throttle.Limit:
    return throttle.Limit("signup-client", settings.SIGNUPS_PER_CLIENT_PER_HOUR, HOUR)


def resets_per_address() -> throttle.Limit:
    return throttle.Limit("reset-address", settings.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR, HOUR)


def resets_per_client() -> throttle.Limit:
    return throttle.Limit("reset-client", settings.PASSWORD_RESETS_PER_CLIENT_PER_HOUR, HOUR)


def login_blocked(request: HttpRequest) -> bool:
    """True once this client failed too many log-ins, whichever accounts they were for."""
    return throttle.exceeded(login_failures_per_client(), client_ip(request))


def login_failed(request: HttpRequest) -> None:
    throttle.hit(login_failures_per_client(), client_ip(request))


def signup_allowed(request: HttpRequest) -> bool:
    """Count one sign-up attempt from this client; False when over the hourly allowance."""
    return throttle.allow(signups_per_client(), client_ip(request))


def resend_client_allowed(request: HttpRequest) -> bool:
    """Count one request for a sign-up link again from this client (as many as resets)."""
    limit = throttle.Limit(
        "signup-resend-client", settings.PASSWORD_RESETS_PER_CLIENT_PER_HOUR, HOUR
    )
    return throttle.allow(limit, client_ip(request))


def reset_client_allowed(request: HttpRequest) -> bool:
    """Count one password-reset request from this client; False when over the allowance."""
    return throttle.allow(resets_per_client(), client_ip(request))


def signup_notice_allowed(email: str) -> bool:
    """Count one sign-up email to this address (the confirmation link or "you already
    have an account", counted alike); as few an hour as reset emails."""
    limit = throttle.Limit(
        "signup-notice-address", settings.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR, HOUR
    )
    return throttle.allow(limit, normalize_email(email))


def reset_address_allowed(email: str) -> bool:
    """Count one reset email to this address; False when it has had enough this hour."""
    return throttle.allow(resets_per_address(), normalize_email(email))
