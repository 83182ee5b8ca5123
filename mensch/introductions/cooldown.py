"""A "no" sticks: the cool-down after a declined introduction.

When either member declines an introduction (a direct request or a brokered one), the
pair cools down for ``INTRODUCTION_DECLINE_COOLDOWN_DAYS`` (default 180) from the day of
the decline. The rule is symmetric, because a "no" is about the pair, not a direction:

* neither is suggested to the other (people to meet, matches over the API, an event's
  "who to meet" list);
* neither can ask to be introduced to the other, and nobody can broker an introduction
  between them;
* event seating keeps them at different tables wherever it can (a soft avoid: the
  seating is still made when it cannot).

The cool-down runs through the last day: a decline on 3 March with 180 days ends after
30 August (local time), and from 31 August the two may be introduced again. Only a
decline starts one; a withdrawn or expired request does not. With the setting at 0
there is no cool-down.

Every reader of the rule goes through this module; the apps above (matching, events)
ask here rather than look at introductions themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from mensch.introductions.models import Decision, Introduction


def cooldown_days() -> int:
    return int(settings.INTRODUCTION_DECLINE_COOLDOWN_DAYS)


def _since(now: datetime | None = None) -> datetime | None:
    """Declines decided at or after this moment still cool; None: no cool-down at all."""
    days = cooldown_days()
    if days <= 0:
        return None
    today = timezone.localdate(now or timezone.now())
    start = today - timedelta(days=days)
    return timezone.make_aware(datetime.combine(start, time.min))


def still_cooling(now: datetime | None = None) -> Q | None:
    """The introductions whose decline still cools, as a filter (None: no cool-down)."""
    since = _since(now)
    if since is None:
        return None
    return Q(status=Introduction.Status.DECLINED, decided_at__gte=since)


@dataclass(frozen=True)
class Cooldown:
    """The decline that keeps two members apart, and until when."""

    declined_by: int  # the member who said no
    declined_on: date
    last_day: date  # the cool-down ends after this day

    def words(self, day: date) -> str:
        """ "3 March", with the year only when it is not this year's."""
        this_year = timezone.localdate().year
        text = f"{day.day} {day.strftime('%B')}"
        return text if day.year == this_year else f"{text} {day.year}"

    @property
    def declined_on_words(self) -> str:
        return self.words(self.declined_on)

    @property
    def last_day_words(self) -> str:
        return self.words(self.last_day)


def cooldown_between(member_id: int, other_id: int) -> Cooldown | None:
    """The latest decline between the two, either way, while it still cools."""
    declined = still_cooling()
    if declined is None or member_id == other_id:
        return None
    pair = Q(requester_id=member_id, recipient_id=other_id) | Q(
        requester_id=other_id, recipient_id=member_id
    )
    introduction = (
        Introduction.objects.filter(declined & pair).order_by("-decided_at", "-pk").first()
    )
    if introduction is None or introduction.decided_at is None:
        return None
    if introduction.recipient_decision == Decision.DECLINED:
        declined_by = introduction.recipient_id
    else:
        declined_by = introduction.requester_id
    declined_on = timezone.localdate(introduction.decided_at)
    return Cooldown(declined_by, declined_on, declined_on + timedelta(days=cooldown_days()))


def without_cooling[M: Model](queryset: QuerySet[M], member_id: int, field: str) -> QuerySet[M]:
    """``queryset`` without rows whose ``field`` is a member ``member_id`` must not be
    suggested to; subqueries, so no extra round trip."""
    declined = still_cooling()
    if declined is None:
        return queryset
    asked = Introduction.objects.filter(declined, requester_id=member_id)
    answered = Introduction.objects.filter(declined, recipient_id=member_id)
    return queryset.exclude(**{f"{field}__in": asked.values("recipient_id")}).exclude(
        **{f"{field}__in": answered.values("requester_id")}
    )


def cooling_pairs(member_ids: Iterable[int]) -> set[tuple[int, int]]:
    """Pairs among ``member_ids`` (low id first) whose decline still cools."""
    declined = still_cooling()
    ids = list(set(member_ids))
    if declined is None or len(ids) < 2:
        return set()
    return {
        (min(a, b), max(a, b))
        for a, b in Introduction.objects.filter(
            declined, requester_id__in=ids, recipient_id__in=ids
        ).values_list("requester_id", "recipient_id")
    }
