"""The links that confirm a sign-up's address: signed, expiring, good for one sign-up.

A link carries the address and the pending sign-up's nonce, signed with the site's secret
and stamped with the time it was made (:class:`~django.core.signing.TimestampSigner`). It
stops working after ``SIGNUP_CONFIRM_HOURS`` and once it was used: confirming deletes the
pending sign-up, and a later one for the same address has a new nonce.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

SALT = "mensch.accounts.signup-confirm"


@dataclass(frozen=True)
class LinkPayload:
    email: str
    nonce: str
    next_url: str = ""  # where the new member lands (a path on this site), if not the profile


class LinkExpiredError(Exception):
    """A genuine link, older than ``SIGNUP_CONFIRM_HOURS``; ``email`` says for which address."""

    def __init__(self, email: str) -> None:
        super().__init__(email)
        self.email = email


class LinkInvalidError(Exception):
    """Not a link this site made (mistyped, cut short, or forged)."""


def max_age() -> timedelta:
    return timedelta(hours=settings.SIGNUP_CONFIRM_HOURS)


def make_token(*, email: str, nonce: str, next_url: str = "") -> str:
    data = {"e": email, "n": nonce} | ({"x": next_url} if next_url else {})
    return signing.TimestampSigner(salt=SALT).sign_object(data, compress=True)


def safe_next(url: object) -> str:
    """``url`` if it is a path on this site (where a sign-up may land), else ""."""
    if not isinstance(url, str) or not url.startswith("/") or len(url) > 500:
        return ""
    return url if url_has_allowed_host_and_scheme(url, allowed_hosts=set()) else ""


def link_url(*, email: str, nonce: str, next_url: str = "") -> str:
    """The absolute confirmation address, for an email."""
    token = make_token(email=email, nonce=nonce, next_url=safe_next(next_url))
    return settings.SITE_URL + reverse("signup_confirm", args=[token])


def read_token(token: str) -> LinkPayload:
    """What a link says; raises LinkExpiredError or LinkInvalidError."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        data = signer.unsign_object(token, max_age=max_age())
    except signing.SignatureExpired as exc:
        try:
            old = signer.unsign_object(token)
        except signing.BadSignature:
            raise LinkInvalidError from exc
        raise LinkExpiredError(str(old.get("e", ""))) from exc
    except (signing.BadSignature, ValueError) as exc:
        raise LinkInvalidError from exc
    if not isinstance(data, dict) or not isinstance(data.get("e"), str):
        raise LinkInvalidError
    return LinkPayload(
        email=data["e"], nonce=str(data.get("n", "")), next_url=safe_next(data.get("x"))
    )
