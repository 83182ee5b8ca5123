from __future__ import annotations

from django.tasks import task

from mensch.matching import services


@task()
def recompute_matches() -> int:
    return services.matches_recompute()
