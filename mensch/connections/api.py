"""Connections, messages and blocks over the API."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from mensch.connections import selectors, services
from mensch.profiles.selectors import profile_for_viewer

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
def connection_list(request: HttpRequest) -> list[dict[str, object]]:
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


def _connection(request: HttpRequest, profile_id: int) -> tuple[object, object]:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    connection = selectors.connection_between(request.user, profile.user)
    if connection is None:
        raise Http404
    return profile, connection


@router.get(
    "/connections/{profile_id}/messages", response=list[MessageOut], summary="A message thread"
)
def message_list(request: HttpRequest, profile_id: int) -> list[dict[str, object]]:
    _, connection = _connection(request, profile_id)
    services.thread_mark_read(reader=request.user, connection=connection)  # type: ignore[arg-type]
    return [
        {
            "id": m.pk,
            "from_you": m.sender_id == request.user.pk,
            "body": m.body,
            "created_at": m.created_at,
        }
        for m in selectors.thread_messages(connection)  # type: ignore[arg-type]
    ]


@router.post(
    "/connections/{profile_id}/messages", response={201: MessageOut}, summary="Send a message"
)
def message_send(request: HttpRequest, profile_id: int, payload: MessageIn) -> Status:
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
def block_create(request: HttpRequest, payload: BlockIn) -> Status:
    profile = profile_for_viewer(viewer=request.user, profile_id=payload.profile_id)
    services.member_block(blocker=request.user, blocked=profile.user)
    return Status(204, None)


@router.delete("/blocks/{profile_id}", response={204: None}, summary="Unblock a member")
def block_delete(request: HttpRequest, profile_id: int) -> Status:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    services.member_unblock(blocker=request.user, blocked=profile.user)
    return Status(204, None)
