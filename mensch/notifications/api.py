from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from mensch.notifications import selectors, services

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None


class ReadIn(Schema):
    ids: list[int] | None = None


class ReadOut(Schema):
    marked: int


@router.get("", response=list[NotificationOut], summary="Your latest notifications")
def notification_list(request: HttpRequest) -> object:
    return list(selectors.recent_notifications(request.user))


@router.post("/read", response=ReadOut, summary="Mark notifications as read (all by default)")
def notifications_read(request: HttpRequest, payload: ReadIn) -> dict[str, int]:
    return {"marked": services.notifications_mark_read(member=request.user, ids=payload.ids)}
