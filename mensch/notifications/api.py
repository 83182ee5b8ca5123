from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.notifications import selectors, services
from mensch.notifications.models import Notification

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
def notification_list(request: AuthenticatedHttpRequest) -> list[Notification]:
    return list(selectors.recent_notifications(request.user))


@router.post("/read", response=ReadOut, summary="Mark notifications as read (all by default)")
def notifications_read(request: AuthenticatedHttpRequest, payload: ReadIn) -> dict[str, int]:
    return {"marked": services.notifications_mark_read(member=request.user, ids=payload.ids)}
