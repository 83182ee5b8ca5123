"""gunicorn's configuration for ``mensch serve`` and ``mensch demo``
(``--config python:mensch.commands.gunicorn_config``).

The application is loaded in the master (``preload_app``), and the master warms what every
worker needs before it forks them: the shared matching engine (from the saved file when it
is current, else built and saved; :func:`mensch.matching.shared.warm_up`). The workers
then start with it in memory shared copy-on-write, instead of each building its own on its
first specialist search. Connections the master opened are closed before the fork.
"""

from __future__ import annotations

import gc
import logging
import time
from typing import Any

preload_app = True

log = logging.getLogger("gunicorn.error")


def when_ready(server: Any) -> None:
    """Warm the matching engine in the master, once, before the workers are forked."""
    from django.core.cache import caches  # noqa: PLC0415 -- the app (Django) is loaded by now
    from django.db import connections  # noqa: PLC0415

    from mensch.matching.shared import warm_up  # noqa: PLC0415

    started = time.monotonic()
    try:
        engine = warm_up()
    except Exception:  # a worker builds it on first use instead
        log.exception("Could not warm the matching engine before forking the workers")
    else:
        log.info(
            "Matching engine warm: %d members in %.1f s",
            len(engine.profiles),
            time.monotonic() - started,
        )
    finally:
        connections.close_all()
        caches.close_all()
        # Objects made so far are never collected: the collector then leaves their pages
        # alone and the workers keep sharing them with the master.
        gc.freeze()
