"""Personal API tokens: list, create (the secret is returned once), revoke."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema, Status

from mensch.accounts import selectors, services
from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.accounts.models import ApiToken
from mensch.core.text import NoNulStr

router = Router(tags=["tokens"])


class TokenOut(Schema):
    id: int
    name: str
    hint: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(TokenOut):
    token: str


class TokenIn(Schema):
    name: NoNulStr


@router.get("", response=list[TokenOut], summary="Your API tokens")
def token_list(request: AuthenticatedHttpRequest) -> list[ApiToken]:
    return list(selectors.own_tokens(request.user))


@router.post("", response={201: TokenCreated}, summary="Create a token (the secret is shown once)")
def token_create(request: AuthenticatedHttpRequest, payload: TokenIn) -> Status:
    token, raw = services.api_token_create(user=request.user, name=payload.name)
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": raw})


@router.delete("/{token_id}", response=TokenOut, summary="Revoke a token")
def token_revoke(request: AuthenticatedHttpRequest, token_id: int) -> ApiToken:
    token = selectors.own_token(user=request.user, token_id=token_id)
    return services.api_token_revoke(token=token)
