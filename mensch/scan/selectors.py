"""Reads the scan pages share: the event two members are at together, and the scans
waiting for a member's tap."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from mensch.accounts.models import User
from mensch.events.models import Event, Rsvp
from mensch.scan.models import Scan

# People still talk (and scan) on their way out: an event counts as current a while after
# its end.
AFTER_END = timedelta(hours=2)


def shared_current_event(member: User, other: User) -> Event | None:
    """A published event happening now (begun, not long over) that both are going to;
    the latest to begin when several are."""
    now = timezone.now()
    both_going = Rsvp.objects.filter(status=Rsvp.Status.GOING, member=other).values("event_id")
    return (
        Event.objects.filter(
            status=Event.Status.PUBLISHED,
            starts_at__lte=now,
            ends_at__gte=now - AFTER_END,
            rsvps__member=member,
            rsvps__status=Rsvp.Status.GOING,
            pk__in=both_going,
        )
        .order_by("-starts_at", "-pk")
        .first()
    )


def waiting_scans(member: User) -> QuerySet[Scan]:
    """Scans of the member's code waiting for their "yes, we met"."""
    return (
        Scan.objects.filter(owner=member, status=Scan.Status.WAITING, scanner__is_active=True)
        .select_related("scanner__profile", "event")
        .order_by("-created_at", "-pk")
    )


def scan_for_member(*, member: User, scan_id: int) -> Scan:
    """A scan the member took part in (either side); Scan.DoesNotExist otherwise."""
    return (
        Scan.objects.filter(Q(scanner=member) | Q(owner=member))
        .select_related("scanner", "owner", "event")
        .get(pk=scan_id)
    )
