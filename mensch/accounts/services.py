"""Writes for accounts: sign-up and personal API tokens."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import ApiToken, User, hash_token
from mensch.core.text import normalise_line


@transaction.atomic
def member_signup(*, email: str, password: str, first_name: str, last_name: str = "") -> User:
    """Create a member (and, through ``post_save``, their empty profile); nothing is created
    when any field is invalid."""
    email = User.objects.normalize_email(email.strip()).lower()
    user = User(
        email=email, first_name=normalise_line(first_name), last_name=normalise_line(last_name)
    )
    errors: dict[str, list[str]] = {}
    try:
        # Whether the address is taken is checked last, once everything else is right.
        user.full_clean(exclude=["password"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    if errors:
        raise ValidationError(errors)
    if User.objects.filter(email__iexact=email).exists():
        raise EmailInUseError(email)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()  # the profiles app gives every new account its empty profile
    except IntegrityError as exc:
        if User.objects.filter(email__iexact=email).exists():  # signed up a moment ago
            raise EmailInUseError(email) from exc
        raise
    return user


class EmailInUseError(ValidationError):
    """Sign-up with an address that already has an account (nothing was created).

    The sign-up page does not show this: it tells the owner of the address by email
    (:func:`signup_notice_send`), so the page cannot be used to learn who is a member.
    """

    def __init__(self, email: str) -> None:
        self.email = email
        super().__init__({"email": ["An account with this email address already exists."]})


def signup_notice_send(*, email: str) -> None:
    """Tell the owner of ``email`` that someone tried to sign up with it: log in or reset."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        return
    body = render_to_string(
        "accounts/signup_existing_email.txt",
        {
            "user": user,
            "login_url": settings.SITE_URL + reverse("login"),
            "reset_url": settings.SITE_URL + reverse("password_reset"),
        },
    )
    EmailMessage(subject="Your Mensch account", body=body, to=[user.email]).send()


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
