"""Reads about accounts shared by pages and the API."""

from __future__ import annotations

from django.db.models import QuerySet

from mensch.accounts.models import ApiToken, User


def own_tokens(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def own_token(*, user: User, token_id: int) -> ApiToken:
    """Raises ApiToken.DoesNotExist for a token that is not the member's."""
    return ApiToken.objects.get(pk=token_id, user=user)
