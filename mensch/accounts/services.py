"""Writes for accounts: sign-up (confirmed by email) and personal API tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from mensch.accounts import confirmation
from mensch.accounts.models import ApiToken, PendingSignup, User, hash_token
from mensch.accounts.tasks import send_signup_email
from mensch.core.text import normalise_line


def _member_validated(*, email: str, password: str, first_name: str, last_name: str) -> User:
    """An unsaved member with these fields, or ValidationError naming every wrong field.

    Whether the address is taken is not looked at here.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    user = User(
        email=email, first_name=normalise_line(first_name), last_name=normalise_line(last_name)
    )
    errors: dict[str, list[str]] = {}
    try:
        user.full_clean(exclude=["password"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    if errors:
        raise ValidationError(errors)
    return user


def _member_save(user: User, *, email: str) -> User:
    """Save a new member (``post_save`` gives them their empty profile); EmailInUseError
    when the address has an account, even one made a moment ago."""
    if User.objects.filter(email__iexact=email).exists():
        raise EmailInUseError(email)
    try:
        with transaction.atomic():
            user.save()  # the profiles app gives every new account its empty profile
    except IntegrityError as exc:
        if User.objects.filter(email__iexact=email).exists():  # signed up a moment ago
            raise EmailInUseError(email) from exc
        raise
    return user


@transaction.atomic
def member_signup(*, email: str, password: str, first_name: str, last_name: str = "") -> User:
    """Create a confirmed member at once (demo data, tests, the admin's tools); nothing is
    created when any field is invalid. People signing up on the site go through
    :func:`signup_request` and :func:`signup_confirm` instead."""
    user = _member_validated(
        email=email, password=password, first_name=first_name, last_name=last_name
    )
    user.set_password(password)
    return _member_save(user, email=user.email)


class EmailInUseError(ValidationError):
    """The address already has an account (nothing was created).

    The sign-up page never shows this: it answers as for a new address and the owner of
    the address is told by email (:mod:`mensch.accounts.emails`), so the page cannot be
    used to learn who is a member.
    """

    def __init__(self, email: str) -> None:
        self.email = email
        super().__init__({"email": ["An account with this email address already exists."]})


def browser_key_new() -> str:
    """A secret a browser keeps (in its session) to show it is the one that signed up."""
    return secrets.token_urlsafe(32)


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def signup_request(
    *, email: str, password: str, first_name: str, browser_key: str, last_name: str = ""
) -> str:
    """Record a sign-up waiting for its address to be confirmed; returns the address.

    Raises ValidationError for wrong fields. Otherwise the same work is done whether the
    address is new, waiting or registered (the password is hashed either way), and only a
    new or waiting address gets a :class:`PendingSignup`: for a waiting one the names,
    password and browser are replaced, so the link confirms the latest sign-up. A
    registered address is left as it is. The caller queues the email
    (:func:`signup_email_queue`) and shows the same page for all three.
    """
    user = _member_validated(
        email=email, password=password, first_name=first_name, last_name=last_name
    )
    password_hash = make_password(password)
    now = timezone.now()
    stale = now - confirmation.max_age() - timedelta(days=1)
    PendingSignup.objects.filter(requested_at__lt=stale).delete()
    if not User.objects.filter(email__iexact=user.email).exists():
        PendingSignup.objects.update_or_create(
            email=user.email,
            defaults={
                "first_name": user.first_name,
                "last_name": user.last_name,
                "password": password_hash,
                "browser_key_hash": _key_hash(browser_key),
                "requested_at": now,
            },
            create_defaults={
                "first_name": user.first_name,
                "last_name": user.last_name,
                "password": password_hash,
                "browser_key_hash": _key_hash(browser_key),
                "requested_at": now,
                "nonce": secrets.token_hex(16),
            },
        )
    return user.email


def signup_email_queue(email: str, next_url: str = "") -> None:
    """Queue the sign-up email for ``email``; the worker decides whether it is the
    confirmation link, a note to a member, or nothing. (The database task backend stores
    the job in the current transaction, if any, so it is queued only if that commits.)
    ``next_url``, a path on this site, is where the confirmed member lands."""
    address = User.objects.normalize_email(email.strip()).lower()
    if next_url:
        send_signup_email.enqueue(address, next_url=next_url)
    else:
        send_signup_email.enqueue(address)


class LinkUsedError(Exception):
    """A genuine, unexpired link whose sign-up is gone: confirmed already (or replaced)."""

    def __init__(self, email: str) -> None:
        super().__init__(email)
        self.email = email


class PasswordNeededError(Exception):
    """A genuine link opened in another browser than the one that signed up: the account
    is made only with a password chosen here (:func:`signup_confirm_with_password`)."""

    def __init__(self, pending: PendingSignup) -> None:
        super().__init__(pending.email)
        self.pending = pending


def pending_for_link(token: str, *, lock: bool = False) -> PendingSignup:
    """The waiting sign-up a link confirms; raises confirmation.LinkExpiredError,
    confirmation.LinkInvalidError or LinkUsedError."""
    payload = confirmation.read_token(token)
    pendings = PendingSignup.objects.filter(email=payload.email, nonce=payload.nonce)
    pending = (pendings.select_for_update() if lock else pendings).first()
    if pending is None:
        raise LinkUsedError(payload.email)
    return pending


def _confirm(pending: PendingSignup, user: User) -> User:
    pending.delete()
    try:
        return _member_save(user, email=pending.email)
    except EmailInUseError as exc:  # an account was made for it another way meanwhile
        raise LinkUsedError(pending.email) from exc


@transaction.atomic
def signup_confirm(*, token: str, browser_key: str) -> User:
    """Make the member a link confirms, with the password chosen at sign-up, and return
    them; the link then stops working.

    Raises PasswordNeededError when this is not the browser that signed up (the password
    was perhaps chosen by someone else), and LinkUsedError, confirmation.LinkExpiredError
    or confirmation.LinkInvalidError for a link that no longer or never worked.
    """
    pending = pending_for_link(token, lock=True)
    if not browser_key or not hmac.compare_digest(_key_hash(browser_key), pending.browser_key_hash):
        raise PasswordNeededError(pending)
    user = User(
        email=pending.email,
        first_name=pending.first_name,
        last_name=pending.last_name,
        password=pending.password,
    )
    return _confirm(pending, user)


@transaction.atomic
def signup_confirm_with_password(
    *, token: str, password: str, first_name: str, last_name: str = ""
) -> User:
    """Make the member a link confirms with the names and password given now (in another
    browser than the one that signed up); raises as :func:`signup_confirm` does, and
    ValidationError for wrong fields (the link then still works)."""
    pending = pending_for_link(token, lock=True)
    user = _member_validated(
        email=pending.email, password=password, first_name=first_name, last_name=last_name
    )
    user.set_password(password)
    return _confirm(pending, user)


def api_tokens_revoke_after_password_change(*, user: User) -> int:
    """A new password ends every API token (whoever knew the old one may have made one).

    The member is told by email when any token was revoked. Returns how many were.
    """
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        body = render_to_string(
            "accounts/tokens_revoked_email.txt",
            {
                "user": user,
                "count": revoked,
                "tokens_url": settings.SITE_URL + reverse("tokens"),
                "reset_url": settings.SITE_URL + reverse("password_reset"),
            },
        )
        message = EmailMessage(
            subject="Your password was changed; your API tokens were revoked",
            body=body,
            to=[user.email],
        )
        transaction.on_commit(message.send)
    return revoked


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Return the token and its secret; the secret is never stored or shown again."""
    raw = ApiToken.PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip(), key_hash=hash_token(raw), hint=raw[:12])
    token.full_clean()
    token.save()
    return token, raw


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(raw: str) -> User | None:
    """The active member a token belongs to, or None; records when it was last used."""
    if not raw.startswith(ApiToken.PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Write at most once a minute per token, not on every request.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
