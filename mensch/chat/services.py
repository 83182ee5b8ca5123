"""Post in an event chat, and moderate it. Every chat rule lives here."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mensch.accounts.models import User
from mensch.chat.models import CHAT_MESSAGE_MAX, ChatMessage, ChatRestriction
from mensch.chat.selectors import chat_event_for, restriction_of
from mensch.core.locks import lock_rows
from mensch.engine.coach import FloodCheck, flood_check
from mensch.events.models import Event
from mensch.events.selectors import visible_events
from mensch.trust import conf
from mensch.trust.selectors import BAND_WORDS, band_of, trust_of


def _check_body(body: str) -> FloodCheck:
    if not body:
        raise ValidationError({"body": ["Write something before sending."]})
    if len(body) > CHAT_MESSAGE_MAX:
        raise ValidationError(
            {
                "body": [
                    f"A chat message can be at most {CHAT_MESSAGE_MAX:,} characters "
                    f"(this one has {len(body):,}). Share long texts as a link with a sentence "
                    "about them."
                ]
            }
        )
    check = flood_check(body)
    if check.only_links_and_contacts:
        raise ValidationError(
            {
                "body": [
                    "A message of only links or contact details is not conversation: say what "
                    "it is and why it matters to the people here."
                ]
            }
        )
    if check.links > conf.chat_max_links():
        raise ValidationError(
            {
                "body": [
                    f"At most {conf.chat_max_links()} links per message (this has {check.links})."
                ]
            }
        )
    if check.contact_details > conf.chat_max_contacts():
        raise ValidationError(
            {
                "body": [
                    f"At most {conf.chat_max_contacts()} contact details per message (this has "
                    f"{check.contact_details}). Connect through an introduction instead."
                ]
            }
        )
    return check


def _check_rate(author: User, event: Event) -> None:
    """Members post a number of messages per hour that grows with their trust."""
    if author.pk == event.organizer_id:
        return
    band = band_of(trust_of(author))
    limit = conf.chat_rate(band)
    since = timezone.now() - timedelta(hours=1)
    sent = ChatMessage.objects.filter(event=event, author=author, created_at__gte=since).count()
    if sent >= limit:
        raise ValidationError(
            {
                "body": [
                    f"You have posted {sent} messages here in the last hour, the limit while your "
                    f"trust is “{BAND_WORDS[band]}”. Listen for a while; the limit grows as "
                    "people confirm meeting you."
                ]
            }
        )


@transaction.atomic
def chat_message_post(*, author: User, event_id: int, body: str) -> ChatMessage:
    """Post to an event's chat; a flood of links and contacts is stored collapsed."""
    # Serialise one member's posts so the hourly limit holds under concurrent requests;
    # a no-key lock, so a notification to them or an RSVP by them need not wait for it.
    lock_rows(User, (author.pk,))
    event = chat_event_for(member=author, event_id=event_id)
    if restriction_of(event, author) == ChatRestriction.Kind.MUTED:
        raise ValidationError(
            {"body": ["The organizer has muted you in this chat; you can still read it."]}
        )
    body = body.strip()
    check = _check_body(body)
    _check_rate(author, event)
    message = ChatMessage(
        event=event,
        author=author,
        body=body,
        collapsed=check.collapse,
        collapse_reason=check.reason[:200],
    )
    message.full_clean()
    message.save()
    return message


@transaction.atomic
def chat_message_hide(*, organizer: User, message_id: int, hidden: bool = True) -> ChatMessage:
    """The organizer hides a message from everyone else (or shows it again)."""
    message = ChatMessage.objects.select_for_update().get(pk=message_id, event__organizer=organizer)
    message.hidden_at = timezone.now() if hidden else None
    message.hidden_by = organizer if hidden else None
    message.save(update_fields=["hidden_at", "hidden_by"])
    return message


@transaction.atomic
def chat_member_restrict(
    *, organizer: User, event_id: int, member: User, kind: str
) -> ChatRestriction:
    """Mute (may read, not post) or remove (neither) a member from the event's chat."""
    event = visible_events(organizer).get(pk=event_id, organizer=organizer)
    if kind not in ChatRestriction.Kind.values:
        raise ValidationError({"kind": ["Choose muted or removed."]})
    if member.pk == organizer.pk:
        raise ValidationError({"member": ["You cannot mute or remove yourself."]})
    restriction, _ = ChatRestriction.objects.update_or_create(
        event=event, member=member, defaults={"kind": kind, "created_by": organizer}
    )
    return restriction


@transaction.atomic
def chat_member_restore(*, organizer: User, event_id: int, member: User) -> None:
    event = visible_events(organizer).get(pk=event_id, organizer=organizer)
    ChatRestriction.objects.filter(event=event, member=member).delete()
