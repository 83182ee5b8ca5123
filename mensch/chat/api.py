"""Event chat over the API: the same services as the pages."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Router, Schema, Status

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.chat import selectors, services
from mensch.chat.models import ChatMessage
from mensch.profiles.selectors import profile_for_viewer

router = Router(tags=["chat"])


class ChatMessageOut(Schema):
    id: int
    author_profile_id: int
    author: str
    body: str
    collapsed: bool
    collapse_reason: str
    hidden: bool
    created_at: datetime


class ChatMessageIn(Schema):
    body: str


class RestrictIn(Schema):
    kind: Literal["muted", "removed"]


def message_out(m: ChatMessage) -> dict[str, object]:
    return {
        "id": m.pk,
        "author_profile_id": m.author.profile.pk,
        "author": m.author.name,
        "body": m.body,
        "collapsed": m.collapsed,
        "collapse_reason": m.collapse_reason,
        "hidden": m.hidden_at is not None,
        "created_at": m.created_at,
    }


@router.get("/events/{event_id}/messages", response=list[ChatMessageOut], summary="Event chat")
def message_list(request: AuthenticatedHttpRequest, event_id: int) -> list[dict[str, object]]:
    event = selectors.chat_event_for(member=request.user, event_id=event_id)
    return [message_out(m) for m in selectors.chat_messages(event, request.user)]


@router.post(
    "/events/{event_id}/messages", response={201: ChatMessageOut}, summary="Post to an event chat"
)
def message_post(
    request: AuthenticatedHttpRequest, event_id: int, payload: ChatMessageIn
) -> Status:
    message = services.chat_message_post(author=request.user, event_id=event_id, body=payload.body)
    message = ChatMessage.objects.select_related("author__profile").get(pk=message.pk)
    return Status(201, message_out(message))


@router.post(
    "/messages/{message_id}/hide", response=ChatMessageOut, summary="Hide a message (organizer)"
)
def message_hide(request: AuthenticatedHttpRequest, message_id: int) -> dict[str, object]:
    message = services.chat_message_hide(organizer=request.user, message_id=message_id)
    return message_out(ChatMessage.objects.select_related("author__profile").get(pk=message.pk))


@router.post(
    "/messages/{message_id}/show", response=ChatMessageOut, summary="Show a hidden message again"
)
def message_show(request: AuthenticatedHttpRequest, message_id: int) -> dict[str, object]:
    message = services.chat_message_hide(
        organizer=request.user, message_id=message_id, hidden=False
    )
    return message_out(ChatMessage.objects.select_related("author__profile").get(pk=message.pk))


@router.put(
    "/events/{event_id}/restrictions/{profile_id}",
    response={204: None},
    summary="Mute or remove a member from the chat (organizer)",
)
def member_restrict(
    request: AuthenticatedHttpRequest, event_id: int, profile_id: int, payload: RestrictIn
) -> Status:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    services.chat_member_restrict(
        organizer=request.user, event_id=event_id, member=profile.user, kind=payload.kind
    )
    return Status(204, None)


@router.delete(
    "/events/{event_id}/restrictions/{profile_id}",
    response={204: None},
    summary="Let a member read and post again (organizer)",
)
def member_restore(request: AuthenticatedHttpRequest, event_id: int, profile_id: int) -> Status:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    services.chat_member_restore(organizer=request.user, event_id=event_id, member=profile.user)
    return Status(204, None)
