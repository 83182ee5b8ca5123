"""Tell a member something happened: in the app at once, by email through a task."""

from __future__ import annotations

from django.core import signing
from django.db import transaction
from django.utils import timezone

from mensch.accounts.models import User
from mensch.notifications.emails import EMAIL_TOPICS, UNSUBSCRIBE_SALT
from mensch.notifications.models import EmailPreference, Notification
from mensch.notifications.tasks import send_notification_email


def notify(
    *, recipient: User, kind: str, title: str, body: str = "", url: str = "", email: bool = True
) -> Notification:
    """Create the in-app notification and, if the member accepts such email, queue it."""
    notification = Notification(
        recipient=recipient, kind=kind, title=title[:200], body=body, url=url
    )
    notification.full_clean()
    notification.save()
    if email and email_preference(recipient).notifications:
        # The database task backend stores the job in this same transaction: if the
        # surrounding write rolls back, no email about it goes out.
        send_notification_email.enqueue(notification.pk)
    return notification


def email_preference(member: User) -> EmailPreference:
    preference, _ = EmailPreference.objects.get_or_create(member=member)
    return preference


@transaction.atomic
def email_preference_update(*, member: User, **topics: bool) -> EmailPreference:
    preference = EmailPreference.objects.select_for_update().get(pk=email_preference(member).pk)
    for topic, value in topics.items():
        if topic not in EMAIL_TOPICS:
            raise ValueError(f"unknown email topic {topic!r}")
        setattr(preference, topic, bool(value))
    preference.save()
    return preference


def unsubscribe_with_token(token: str) -> tuple[User, str] | None:
    """Apply a signed unsubscribe link; None when the link is not genuine."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    topic = data.get("t")
    member = User.objects.filter(pk=data.get("m")).first()
    if member is None or topic not in EMAIL_TOPICS:
        return None
    email_preference_update(member=member, **{topic: False})
    return member, topic


def notifications_mark_read(*, member: User, ids: list[int] | None = None) -> int:
    queryset = Notification.objects.filter(recipient=member, read_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    return queryset.update(read_at=timezone.now())
