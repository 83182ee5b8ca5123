"""Writes for accounts: sign-up and personal API tokens."""

from __future__ import annotations

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mensch.accounts.models import ApiToken, User, hash_token


@transaction.atomic
def member_signup(*, email: str, password: str, first_name: str, last_name: str = "") -> User:
    """Create a member (and, through ``post_save``, their empty profile); nothing is created
    when any field is invalid."""
    email = User.objects.normalize_email(email.strip()).lower()
    user = User(email=email, first_name=first_name.strip(), last_name=last_name.strip())
    errors: dict[str, list[str]] = {}
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save()  # the profiles app gives every new account its empty profile
    return user


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
