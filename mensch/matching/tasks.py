"""People to meet, recomputed in the background."""

from __future__ import annotations

from django.db import transaction
from django.tasks import task

from mensch.core.tasks import enqueue_once
from mensch.matching import services


@task()
def recompute_matches() -> int:
    return services.matches_recompute()


def matches_request_refresh() -> None:
    """Ask the worker to recompute soon (once, however many profiles changed)."""
    transaction.on_commit(lambda: enqueue_once(recompute_matches))
