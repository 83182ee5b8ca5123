"""Request, broker, accept, decline, withdraw and expire introductions."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.connections.selectors import are_connected, has_blocked
from mensch.connections.services import connection_create
from mensch.core.coach import coach_require_confirmation
from mensch.core.locks import lock_rows
from mensch.core.standing import band_of_member
from mensch.core.text import normalise_line
from mensch.introductions.cooldown import cooldown_between
from mensch.introductions.models import Decision, Introduction
from mensch.introductions.selectors import pending_between
from mensch.introductions.signals import introduction_accepted
from mensch.notifications.services import notify

Status = Introduction.Status


def _check_can_introduce(a: User, b: User, *, asking: User) -> None:
    """The rules shared by direct and brokered introductions; errors speak to ``asking``."""
    if a.pk == b.pk:
        raise ValidationError({"recipient": ["You cannot ask for an introduction to yourself."]})
    if not b.is_active or not a.is_active:
        raise ValidationError({"recipient": ["This member's account is closed."]})
    if has_blocked(b, a) or has_blocked(a, b):
        raise ValidationError(
            {"recipient": ["This introduction is not possible: one of you has blocked the other."]}
        )
    if are_connected(a, b):
        raise ValidationError({"recipient": ["You are already connected: send a message instead."]})
    if pending_between(a, b):
        raise ValidationError(
            {"recipient": ["An introduction between you is already waiting for an answer."]}
        )
    _check_cooldown(a, b, asking=asking)


def _check_cooldown(a: User, b: User, *, asking: User) -> None:
    """After a "no", neither may ask the other, and nobody may broker the pair, for a while.

    The requester learns only what they already know: that the introduction was declined,
    and when they may ask again. An introducer learns nothing about the pair's history.
    """
    cooldown = cooldown_between(a.pk, b.pk)
    if cooldown is None:
        return
    if asking.pk not in (a.pk, b.pk):
        raise ValidationError(
            {
                "__all__": [
                    f"{a.name} and {b.name} cannot be introduced to each other at the moment. "
                    f"Introduce them to someone else for now."
                ]
            }
        )
    other = b if asking.pk == a.pk else a
    when, after = cooldown.declined_on_words, cooldown.last_day_words
    if cooldown.declined_by == asking.pk:
        message = (
            f"You declined an introduction with {other.name} on {when}; "
            f"you can ask for one again after {after}."
        )
    else:
        message = (
            f"{other.name} declined an introduction on {when}; you can ask again after {after}."
        )
    raise ValidationError({"recipient": [message]})


# Trusted members may start more conversations a day: the limit grows with the
# band earned from verified interactions, never with payment.
TRUST_MULTIPLIER = {"new": 1.0, "building": 1.5, "good": 2.0, "high": 3.0}


def daily_introduction_limit(member: User) -> int:
    band = band_of_member(member.pk)
    return int(settings.INTRODUCTIONS_PER_DAY * TRUST_MULTIPLIER.get(band, 1.0))


def _check_daily_limit(member: User) -> None:
    since = timezone.now() - timedelta(days=1)
    sent = Introduction.objects.filter(
        Q(requester=member, introducer__isnull=True) | Q(introducer=member), created_at__gte=since
    ).count()
    limit = daily_introduction_limit(member)
    if sent >= limit:
        raise ValidationError(
            {
                "__all__": [
                    f"You have sent {sent} introduction requests in the last 24 hours, your daily "
                    f"limit. Follow up with the people you already asked; try again tomorrow. "
                    f"The limit grows as people confirm meeting you."
                ]
            }
        )


def _expiry() -> datetime:
    return timezone.now() + timedelta(days=settings.INTRODUCTION_EXPIRY_DAYS)


@transaction.atomic
def introduction_request(
    *, requester: User, recipient: User, reason: str, confirm_pitch: bool = False
) -> Introduction:
    """Ask to be introduced to a member, saying why.

    The listening coach reads the reason: one that reads like a pitch is refused
    with the coach's explanation unless the requester confirms (``confirm_pitch``).
    """
    # Lock both members, lowest id first: the requester's lock keeps the daily limit under
    # concurrent posts; the recipient's makes a crossed request (they ask us at the same
    # moment) wait for ours and then see it pending, instead of a deadlock or a second one.
    lock_rows(User, (requester.pk, recipient.pk))
    _check_can_introduce(requester, recipient, asking=requester)
    _check_daily_limit(requester)
    introduction = Introduction(
        requester=requester,
        recipient=recipient,
        reason=reason.strip(),
        requester_decision=Decision.ACCEPTED,
        expires_at=_expiry(),
    )
    introduction.full_clean()
    coach_require_confirmation(
        text=introduction.reason,
        recipient_name=recipient.name,
        context="introduction_request",
        confirm_pitch=confirm_pitch,
    )
    introduction.save()
    notify(
        recipient=recipient,
        kind="introduction_requested",
        title=f"{requester.name} asks to be introduced to you",
        body=introduction.reason,
        url=reverse("introductions"),
    )
    return introduction


@transaction.atomic
def introduction_broker(
    *, introducer: User, member_a: User, member_b: User, note: str
) -> Introduction:
    """Introduce two of one's connections to each other; both must accept."""
    # The introducer (daily limit) and both members (one pending introduction between
    # them), locked together lowest id first, like every other request touching them.
    lock_rows(User, (introducer.pk, member_a.pk, member_b.pk))
    if introducer.pk in (member_a.pk, member_b.pk):
        raise ValidationError(
            {"__all__": ["Introduce two other people; to meet someone, request an introduction."]}
        )
    if not (are_connected(introducer, member_a) and are_connected(introducer, member_b)):
        raise ValidationError(
            {"__all__": ["You can introduce only people you are connected with."]}
        )
    _check_can_introduce(member_a, member_b, asking=introducer)
    _check_daily_limit(introducer)
    introduction = Introduction(
        introducer=introducer,
        requester=member_a,
        recipient=member_b,
        reason=note.strip(),
        expires_at=_expiry(),
    )
    introduction.full_clean()
    introduction.save()
    for member, other in ((member_a, member_b), (member_b, member_a)):
        notify(
            recipient=member,
            kind="introduction_brokered",
            title=f"{introducer.name} wants to introduce you to {other.name}",
            body=introduction.reason,
            url=reverse("introductions"),
        )
    return introduction


def _pending_for(introduction_id: int, member: User) -> Introduction:
    introduction = Introduction.objects.select_for_update(no_key=True).get(pk=introduction_id)
    if member.pk not in (introduction.requester_id, introduction.recipient_id):
        raise Introduction.DoesNotExist
    if introduction.status != Status.PENDING:
        raise ValidationError(
            {"__all__": [f"This introduction is already {introduction.get_status_display()}."]}
        )
    if introduction.expires_at <= timezone.now():
        raise ValidationError({"__all__": ["This introduction has expired."]})
    if member.pk not in introduction.deciders():
        raise ValidationError({"__all__": ["You have already answered this introduction."]})
    return introduction


def _set_decision(introduction: Introduction, member: User, decision: str, note: str) -> None:
    note = normalise_line(note)
    if member.pk == introduction.recipient_id:
        introduction.recipient_decision = decision
        introduction.recipient_note = note
    else:
        introduction.requester_decision = decision
        introduction.requester_note = note


@transaction.atomic
def introduction_accept(*, introduction_id: int, member: User, note: str = "") -> Introduction:
    introduction = _pending_for(introduction_id, member)
    _set_decision(introduction, member, Decision.ACCEPTED, note)
    introduction.full_clean()
    if not introduction.deciders():
        introduction.status = Status.ACCEPTED
        introduction.decided_at = timezone.now()
    introduction.save()
    if introduction.status == Status.ACCEPTED:
        _connect(introduction)
    return introduction


def _connect(introduction: Introduction) -> Connection:
    requester, recipient = introduction.requester, introduction.recipient
    connection = connection_create(
        member=requester,
        other=recipient,
        source=Connection.Source.INTRODUCTION,
        source_id=introduction.pk,
    )
    for member, other in ((requester, recipient), (recipient, requester)):
        notify(
            recipient=member,
            kind="introduction_accepted",
            title=f"You and {other.name} are now connected",
            body="You can see each other's contact details and send messages.",
            url=reverse("thread", args=[other.profile.pk]),
        )
    if introduction.introducer is not None:
        notify(
            recipient=introduction.introducer,
            kind="introduction_credited",
            title=f"{requester.name} and {recipient.name} accepted your introduction",
            url=reverse("introductions"),
        )
    introduction_accepted.send(
        sender=Introduction, introduction=introduction, connection=connection
    )
    return connection


@transaction.atomic
def introduction_decline(*, introduction_id: int, member: User, note: str = "") -> Introduction:
    introduction = _pending_for(introduction_id, member)
    _set_decision(introduction, member, Decision.DECLINED, note)
    introduction.full_clean()
    introduction.status = Status.DECLINED
    introduction.decided_at = timezone.now()
    introduction.save()
    # Tell the people waiting on this, kindly and without the other side's note
    # unless they wrote one for them.
    told = {introduction.requester_id, introduction.recipient_id}
    if introduction.introducer_id is not None:
        told.add(introduction.introducer_id)
    told.discard(member.pk)
    for user in User.objects.filter(pk__in=told):
        notify(
            recipient=user,
            kind="introduction_declined",
            title=f"{member.name} declined the introduction",
            body=note.strip(),
            url=reverse("introductions"),
        )
    return introduction


@transaction.atomic
def introduction_withdraw(*, introduction_id: int, member: User) -> Introduction:
    introduction = Introduction.objects.select_for_update(no_key=True).get(pk=introduction_id)
    owner = introduction.introducer_id or introduction.requester_id
    if member.pk != owner:
        if member.pk in (introduction.requester_id, introduction.recipient_id):
            raise PermissionDenied("Only the person who asked can withdraw; you can decline.")
        raise Introduction.DoesNotExist
    if introduction.status != Status.PENDING:
        raise ValidationError(
            {"__all__": [f"This introduction is already {introduction.get_status_display()}."]}
        )
    introduction.status = Status.WITHDRAWN
    introduction.decided_at = timezone.now()
    introduction.save(update_fields=["status", "decided_at"])
    return introduction


def introductions_expire(*, now: datetime | None = None) -> int:
    """Close every pending introduction past its expiry; returns how many."""
    now = now or timezone.now()
    return Introduction.objects.filter(status=Status.PENDING, expires_at__lte=now).update(
        status=Status.EXPIRED, decided_at=now
    )


def introductions_cancel_between(*, blocker: User, blocked: User) -> int:
    """A block ends any pending introduction between the two, without telling the blocked."""
    return Introduction.objects.filter(
        Q(requester=blocker, recipient=blocked) | Q(requester=blocked, recipient=blocker),
        status=Status.PENDING,
    ).update(status=Status.WITHDRAWN, decided_at=timezone.now())
