"""Connections, blocks and messages: every write in one place."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import MESSAGE_MAX, Block, Connection, Message
from mensch.connections.selectors import connection_between, is_blocked_either_way
from mensch.connections.signals import member_blocked
from mensch.core.coach import coach_require_confirmation
from mensch.notifications.services import notify


def connection_create(
    *, member: User, other: User, source: str, source_id: int | None = None
) -> Connection:
    """Connect two members; returns the existing connection when they already are."""
    if member.pk == other.pk:
        raise ValidationError("A member cannot connect with themselves.")
    low, high = sorted((member.pk, other.pk))
    existing = Connection.objects.filter(member_low_id=low, member_high_id=high).first()
    if existing is not None:
        return existing
    connection = Connection(
        member_low_id=low, member_high_id=high, source=source, source_id=source_id
    )
    connection.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            connection.save()
    except IntegrityError:
        # Both sides accepted at the same instant: the other request made it.
        return Connection.objects.get(member_low_id=low, member_high_id=high)
    return connection


@transaction.atomic
def member_block(*, blocker: User, blocked: User) -> Block:
    """Block a member: no more requests or messages from them. The connection, if any,
    ends, and the blocked member is not told."""
    if blocker.pk == blocked.pk:
        raise ValidationError("You cannot block yourself.")
    block, _ = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    low, high = sorted((blocker.pk, blocked.pk))
    Connection.objects.filter(member_low_id=low, member_high_id=high).delete()
    member_blocked.send(sender=Block, blocker=blocker, blocked=blocked)
    return block


def member_unblock(*, blocker: User, blocked: User) -> None:
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()


@transaction.atomic
def message_send(
    *, sender: User, recipient: User, body: str, confirm_pitch: bool = False
) -> Message:
    """Messages go only between connections; anyone else gets an introduction request.

    The first message of a thread passes the listening coach: a pitch is refused with
    the coach's explanation unless the sender confirms (``confirm_pitch``).
    """
    connection = connection_between(sender, recipient)
    if connection is None or is_blocked_either_way(sender, recipient):
        raise PermissionDenied(
            "You can message only your connections. Ask for an introduction first."
        )
    body = body.strip()
    if not body:
        raise ValidationError({"body": ["Write something before sending."]})
    if len(body) > MESSAGE_MAX:
        raise ValidationError(
            {"body": [f"A message can be at most {MESSAGE_MAX} characters (it has {len(body)})."]}
        )
    message = Message(connection=connection, sender=sender, body=body)
    message.full_clean()
    if not Message.objects.filter(connection=connection).exists():
        coach_require_confirmation(
            text=body,
            recipient_name=recipient.name,
            context="first_message",
            confirm_pitch=confirm_pitch,
        )
    message.save()
    notify(
        recipient=recipient,
        kind="message",
        title=f"New message from {sender.name}",
        body=body[:300],
        url=reverse("thread", args=[sender.profile.pk]),
    )
    return message


def thread_mark_read(*, reader: User, connection: Connection) -> int:
    return (
        Message.objects.filter(connection=connection, read_at__isnull=True)
        .exclude(sender=reader)
        .update(read_at=timezone.now())
    )
