from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mensch.accounts.models import User
from mensch.core.schedule import Periodic
from mensch.core.tasks import periodic_jobs, run_periodic, schedule_periodic_jobs
from mensch.introductions.models import Introduction
from mensch.introductions.services import introduction_request

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_apps_declare_the_periodic_jobs() -> None:
    assert periodic_jobs() == {
        "tasks_requeue_stuck": Periodic(
            "mensch.core.tasks.tasks_requeue_stuck", timedelta(minutes=5)
        ),
        "introductions_expire": Periodic(
            "mensch.introductions.services.introductions_expire", timedelta(hours=1)
        ),
        "meeting_reminders": Periodic(
            "mensch.meetings.proposals.meeting_reminders_send", timedelta(minutes=5)
        ),
        "meeting_proposals_expire": Periodic(
            "mensch.meetings.proposals.proposals_expire", timedelta(hours=1)
        ),
        "matches": Periodic(
            "mensch.matching.tasks.matches_recompute_in_shards", timedelta(hours=6)
        ),
        "trust": Periodic("mensch.trust.scores.trust_recompute", timedelta(hours=24)),
        "followups": Periodic("mensch.followups.tasks.followups_daily", at=time(7, 0)),
        "referral_exchanges_expire": Periodic(
            "mensch.ledger.exchanges.referral_exchanges_expire", timedelta(hours=1)
        ),
        "community_figures": Periodic(
            "mensch.web.selectors.community_figures_refresh", timedelta(minutes=5)
        ),
        "cancel_notices": Periodic(
            "mensch.events.cancel_notices.cancel_notices_sweep", timedelta(minutes=2)
        ),
    }


def test_worker_books_each_periodic_job_once() -> None:
    assert sorted(schedule_periodic_jobs()) == sorted(periodic_jobs())
    assert schedule_periodic_jobs() == []
    assert DBTaskResult.objects.filter(status="READY").count() == len(periodic_jobs())


def test_periodic_job_runs_and_books_its_next_run(owner: User, stranger: User) -> None:
    introduction = introduction_request(
        requester=stranger,
        recipient=owner,
        reason="I keep books for studios and you asked for exactly that.",
    )
    Introduction.objects.filter(pk=introduction.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert run_periodic.call("introductions_expire") == 1
    introduction.refresh_from_db()
    assert introduction.status == Introduction.Status.EXPIRED
    booked = DBTaskResult.objects.get(status="READY", task_path=run_periodic.module_path)
    assert booked.args_kwargs["args"] == ["introductions_expire"]
    assert booked.run_after > timezone.now() + timedelta(minutes=55)
