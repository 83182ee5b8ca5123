"""Background trust recomputation after new verified interactions (the daily run is
booked by ``TrustConfig.periodic_jobs``)."""

from __future__ import annotations

from django.db import transaction
from django.tasks import task

from mensch.core.tasks import enqueue_once
from mensch.trust import scores


@task()
def recompute_trust() -> int:
    return scores.trust_recompute()


def trust_request_refresh() -> None:
    """Ask the worker to recompute soon: once, however many interactions were just verified."""
    transaction.on_commit(lambda: enqueue_once(recompute_trust))
