"""Background trust recomputation after new verified interactions (the daily run is
``mensch.core.tasks.PERIODIC["trust"]``)."""

from __future__ import annotations

from django.tasks import task

from mensch.trust import scores


@task()
def recompute_trust() -> int:
    return scores.trust_recompute()
