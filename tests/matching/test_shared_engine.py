"""The shared engine of a large community is built once and handed to the other
processes through a file in the data folder (``mensch.matching.shared``)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from mensch.engine.matching import MatchEngine
from mensch.matching import shared
from tests.factories import make_member
from tests.workers import run_tasks_now

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NEED = "someone to keep the books and do the VAT for my design studio"
KEEPING = [("supplier", "bookkeeping and VAT returns for small studios")]


@pytest.fixture(autouse=True)
def _fresh_process(
    settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    settings.DATA_DIR = tmp_path
    # The worker loop would close the test's connection, which holds its transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    shared.forget()
    yield
    shared.forget()


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the engine builds; every build counts as slow enough to be saved."""
    counted: list[int] = []
    real = shared.build_engine

    def counting() -> MatchEngine:
        counted.append(1)
        return real()

    monkeypatch.setattr(shared, "build_engine", counting)
    monkeypatch.setattr(shared, "SAVE_BUILD_SECONDS", 0.0)
    return counted


def _ids(engine: MatchEngine) -> list[str]:
    return [match.id for match in engine.rank_for_need(NEED, top=5)]


def test_a_slow_build_is_saved_and_another_process_loads_it_instead_of_building(
    builds: list[int],
) -> None:
    keepers = [make_member(f"Keeper{n}", offers=KEEPING) for n in range(3)]
    first = shared.shared_engine()
    assert len(builds) == 1
    assert shared.engine_path().exists()
    shared.forget()  # another process, the same community and stamp
    loaded = shared.shared_engine()
    assert len(builds) == 1
    assert loaded is not first
    assert _ids(loaded) == _ids(first)
    assert set(_ids(loaded)) == {str(k.pk) for k in keepers}


def test_warm_up_builds_once_for_every_later_request(builds: list[int]) -> None:
    make_member("Keeper", offers=KEEPING)
    engine = shared.warm_up()
    assert shared.shared_engine() is engine
    assert len(builds) == 1


def test_a_file_of_another_database_or_other_engine_code_is_ignored(
    builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_member("Keeper", offers=KEEPING)
    shared.shared_engine()
    assert shared.saved_header() is not None
    monkeypatch.setattr(shared, "_database", lambda: "django.db.backends.postgresql::5432:other")
    assert shared.saved_header() is None
    assert shared.load_engine() is None
    monkeypatch.undo()
    monkeypatch.setattr(shared, "_code_stamp", lambda: "code of another release")
    shared.forget()

    def empty() -> MatchEngine:
        builds.append(1)
        return MatchEngine([])

    monkeypatch.setattr(shared, "build_engine", empty)
    shared.shared_engine()
    assert len(builds) == 2  # built again: the saved one is not for this code


def test_an_unreadable_file_is_ignored_and_rebuilt(builds: list[int]) -> None:
    make_member("Keeper", offers=KEEPING)
    shared.engine_path().write_bytes(b"not an engine")
    assert shared.saved_header() is None
    shared.shared_engine()
    assert len(builds) == 1
    assert shared.saved_header() is not None  # replaced by a good one


def test_after_a_change_the_worker_rebuilds_and_the_web_process_loads_its_file(
    builds: list[int],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    make_member("Keeper", offers=KEEPING)
    old = shared.shared_engine()
    assert len(builds) == 1
    monkeypatch.setattr(shared, "INLINE_BUILD_SECONDS", 0.0)  # every build counts as slow
    monkeypatch.setattr(shared, "REFRESH_EVERY", 0.0)
    monkeypatch.setattr(shared, "POLL_SECONDS", 0.01)
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = make_member("Nina", offers=KEEPING)  # bumps the stamp, queues the rebuild
    assert shared.shared_engine() is old  # answered at once, from the engine at hand
    assert _rebuilds_queued() == 1
    assert run_tasks_now() >= 1  # the worker builds and saves the new engine
    assert len(builds) == 2
    for thread in threading.enumerate():
        if thread.name == "mensch-engine-refresh":
            thread.join(timeout=30)
    fresh = shared.shared_engine()
    assert fresh is not old
    assert fresh.row_of(str(newcomer.pk)) >= 0
    assert len(builds) == 2  # the web process loaded the worker's file; it built nothing


def test_without_a_saved_engine_a_change_queues_no_rebuild(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    shared.shared_engine()  # a small community: built fast, nothing saved
    assert shared.saved_header() is None
    with django_capture_on_commit_callbacks(execute=True):
        make_member("Nina", offers=KEEPING)
    assert _rebuilds_queued() == 0
    run_tasks_now()
    assert not shared.engine_path().exists()


def _rebuilds_queued() -> int:
    return DBTaskResult.objects.filter(task_path=shared.engine_rebuild.module_path).count()
