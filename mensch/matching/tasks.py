"""People to meet, recomputed in the background."""

from __future__ import annotations

from django.db import transaction
from django.tasks import task

from mensch.core.tasks import enqueue_once
from mensch.matching import services
from mensch.matching.shared import bump_engine_version


@task()
def recompute_matches() -> int:
    return services.matches_recompute()


def matches_request_refresh() -> None:
    """Ask the worker to recompute soon (once, however many profiles changed), and tell every
    process's shared engine that the community changed: now, and again once the change is
    committed, so no process keeps an engine built in between."""
    bump_engine_version()
    transaction.on_commit(bump_engine_version)
    transaction.on_commit(lambda: enqueue_once(recompute_matches))
