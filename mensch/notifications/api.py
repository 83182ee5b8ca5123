from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Field, Router, Schema

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


# The largest id a database column holds (bigint); a larger one names no notification.
MAX_ID = 2**63 - 1


class ReadIn(Schema):
    ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None = Field(
        None, max_length=1000, description="At most 1000 ids; all notifications when absent."
    )


class ReadOut(Schema):
    marked: int


@router.get("", response=list[NotificationOut], summary="Your latest notifications")
def notification_list(request: AuthenticatedHttpRequest) -> list[Notification]:
    return list(selectors.recent_notifications(request.user))


@router.post("/read", response=ReadOut, summary="Mark notifications as read (all by default)")
def notifications_read(request: AuthenticatedHttpRequest, payload: ReadIn) -> dict[str, int]:
    return {"marked": services.notifications_mark_read(member=request.user, ids=payload.ids)}
