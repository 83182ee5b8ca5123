"""People to meet, kept current in the background.

A profile change queues :func:`update_member_matches` for that member (the lists they
enter or leave); the periodic batch queues one :func:`recompute_match_shard` per shard,
which any number of `mensch worker` processes take from the queue.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.tasks import task

from mensch.core.tasks import enqueue_once
from mensch.matching import services
from mensch.matching.shared import bump_engine_version


@task()
def recompute_matches() -> int:
    return services.matches_recompute()


@task()
def update_member_matches(member_id: int) -> int:
    return services.matches_update_member(member_id=member_id).rows


@task()
def recompute_match_shard(first: int, last: int) -> int:
    return services.matches_recompute_shard(first=first, last=last).rows


def matches_recompute_in_shards() -> int:
    """The periodic batch: one task per shard of members, for whichever workers are free;
    returns the number of shards queued."""
    shards = services.member_shards()
    for first, last in shards:
        enqueue_once(recompute_match_shard, first, last)
    services.lists_forget(~Q(member__is_active=True))
    services.profile_changes_prune()
    return len(shards)


def matches_request_refresh(member_id: int | None = None) -> None:
    """Tell every process's shared engine that the community changed (now, and again once
    the change is committed, so no process keeps an engine built in between), and ask the
    worker to update the lists one member's change touches (``member_id``), or everyone's
    (once, however many changes asked)."""
    bump_engine_version()
    transaction.on_commit(bump_engine_version)
    if member_id is None:
        transaction.on_commit(lambda: enqueue_once(recompute_matches))
    else:
        transaction.on_commit(lambda: enqueue_once(update_member_matches, member_id))
