"""Connections, messages and blocks over the API."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404
from ninja import Query, Router, Schema, Status

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.connections import selectors, services
from mensch.connections.models import Connection
from mensch.connections.selectors import can_see_contact_details, contact_visible_user_ids
from mensch.core.text import NoNulStr
from mensch.profiles import selectors as profile_selectors
from mensch.profiles.api import MemberList, ProfileOut, profile_out
from mensch.profiles.models import Profile
from mensch.profiles.selectors import profile_for_viewer

# Further than any member list reaches; larger offsets overflow the database's integers.
MAX_OFFSET = 1_000_000

router = Router(tags=["connections"])


class ConnectionOut(Schema):
    profile_id: int
    name: str
    headline: str
    source: str
    connected_at: datetime
    unread: int


class MessageOut(Schema):
    id: int
    from_you: bool
    body: str
    created_at: datetime


class MessageIn(Schema):
    body: str
    confirm_pitch: bool = False  # send a first message the listening coach flags anyway


class BlockIn(Schema):
    profile_id: int


@router.get("/connections", response=list[ConnectionOut], summary="Your connections")
def connection_list(request: AuthenticatedHttpRequest) -> list[dict[str, object]]:
    return [
        {
            "profile_id": row.profile.pk,
            "name": row.profile.name,
            "headline": row.profile.headline,
            "source": row.connection.source,
            "connected_at": row.connection.created_at,
            "unread": row.unread,
        }
        for row in selectors.connection_rows(request.user)
    ]


def _connection(request: AuthenticatedHttpRequest, profile_id: int) -> tuple[Profile, Connection]:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    connection = selectors.connection_between(request.user, profile.user)
    if connection is None:
        raise Http404
    return profile, connection


@router.get(
    "/connections/{profile_id}/messages", response=list[MessageOut], summary="A message thread"
)
def message_list(request: AuthenticatedHttpRequest, profile_id: int) -> list[dict[str, object]]:
    _, connection = _connection(request, profile_id)
    services.thread_mark_read(reader=request.user, connection=connection)
    return [
        {
            "id": m.pk,
            "from_you": m.sender_id == request.user.pk,
            "body": m.body,
            "created_at": m.created_at,
        }
        for m in selectors.thread_messages(connection)
    ]


@router.post(
    "/connections/{profile_id}/messages", response={201: MessageOut}, summary="Send a message"
)
def message_send(request: AuthenticatedHttpRequest, profile_id: int, payload: MessageIn) -> Status:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    message = services.message_send(
        sender=request.user,
        recipient=profile.user,
        body=payload.body,
        confirm_pitch=payload.confirm_pitch,
    )
    return Status(
        201,
        {
            "id": message.pk,
            "from_you": True,
            "body": message.body,
            "created_at": message.created_at,
        },
    )


@router.post("/blocks", response={204: None}, summary="Block a member")
def block_create(request: AuthenticatedHttpRequest, payload: BlockIn) -> Status:
    profile = profile_for_viewer(viewer=request.user, profile_id=payload.profile_id)
    services.member_block(blocker=request.user, blocked=profile.user)
    return Status(204, None)


@router.delete("/blocks/{profile_id}", response={204: None}, summary="Unblock a member")
def block_delete(request: AuthenticatedHttpRequest, profile_id: int) -> Status:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    services.member_unblock(blocker=request.user, blocked=profile.user)
    return Status(204, None)


# Member search and profiles live here: contact details show only to connections.
@router.get("/members", response=MemberList, summary="Search members", tags=["profiles"])
def members(
    request: AuthenticatedHttpRequest,
    q: NoNulStr = "",
    industry: NoNulStr = "",
    location: NoNulStr = "",
    limit: int = Query(20, ge=1, le=100),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> dict[str, object]:
    queryset = profile_selectors.member_search(query=q, industry=industry, location=location)
    page = list(queryset[offset : offset + limit])
    visible = contact_visible_user_ids(request.user)
    return {
        # Counted up to MEMBER_COUNT_CAP + 1 only: "more than 1,000" reads as 1,001.
        "count": profile_selectors.member_count(queryset),
        "results": [profile_out(p, show_contact=p.user_id in visible) for p in page],
    }


@router.get(
    "/members/{profile_id}",
    response=ProfileOut,
    summary="A member's public profile",
    tags=["profiles"],
)
def member(request: AuthenticatedHttpRequest, profile_id: int) -> dict[str, object]:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    return profile_out(
        profile,
        show_contact=can_see_contact_details(viewer=request.user, profile=profile),
    )
