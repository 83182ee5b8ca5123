"""django-tasks-db's real worker, run in-process by a test: every task due now, then stop."""

from __future__ import annotations

from django_tasks_db.management.commands import db_worker


def run_tasks_now(worker_id: str = "test-worker") -> int:
    """Run the database queue's real worker loop once over every task due; how many it ran.

    In a test that holds a transaction, patch ``db_worker.close_old_connections`` first
    (the loop would otherwise close the test's connection)."""
    worker = db_worker.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    worker.run()
    return int(worker._run_tasks)
