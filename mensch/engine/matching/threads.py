"""CPU parallelism that behaves on a small, busy machine.

A multi-threaded BLAS spins its threads while they wait for each other; when
other processes hold the cores, a single small product can take 10x longer.
The engine therefore keeps BLAS to one thread and splits big jobs into
independent pieces run on a few Python threads (NumPy releases the GIL in
matrix products and most array operations).
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

from threadpoolctl import ThreadpoolController


@functools.cache
def _controller() -> ThreadpoolController:
    # Inspecting the loaded native libraries is slow; do it once per process.
    return ThreadpoolController()


def single_threaded_blas() -> contextlib.AbstractContextManager[object]:
    """Context in which BLAS and LAPACK calls use one thread."""
    # threadpoolctl has no type information; its limiter is a context manager.
    limiter: contextlib.AbstractContextManager[object] = _controller().limit(
        limits=1, user_api="blas"
    )
    return limiter


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_split[T](work: Callable[[Sequence[T]], None], items: Sequence[T], workers: int) -> None:
    """Call ``work`` on ``workers`` interleaved shares of ``items``, each on its own thread."""
    if workers <= 1 or len(items) < 2:
        work(items)
        return
    with ThreadPoolExecutor(max_workers=workers) as executor:
        futures = [executor.submit(work, items[k::workers]) for k in range(workers)]
        for future in futures:
            future.result()
