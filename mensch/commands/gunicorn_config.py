"""gunicorn's configuration for ``mensch serve`` and ``mensch demo``
(``--config python:mensch.commands.gunicorn_config``).

The application is loaded in the master (``preload_app``), and the master warms what every
worker needs before it forks them: the shared matching engine (from the saved file when it
is current, else built and saved; :func:`mensch.matching.shared.warm_up`), every template
compiled, the URL resolver's maps and the translation catalogue (:func:`warm_pages`). The
workers then start with all of it in memory shared copy-on-write, instead of each building
its own engine on its first specialist search and compiling each template on its first use
of it (a worker's first dashboard or search otherwise costs tens of milliseconds more).
Connections the master opened are closed before the fork. Each worker then opens its own
database connection and reads every table's description before it serves
(:func:`warm_connection`), so the first page it serves pays nothing for it.
"""

from __future__ import annotations

import gc
import logging
import time
from pathlib import Path
from typing import Any

preload_app = True

TEMPLATE_SUFFIXES = {".html", ".txt"}
WARM_NEED = "help with marketing and bookkeeping for a small business"

log = logging.getLogger("gunicorn.error")


def warm_pages() -> int:
    """Compile every template of Mensch's own folders into Django's cached template loader,
    build the URL resolver's maps (the API's namespace too), load the translation catalogue
    and the number formats, and import the context processors, the message storage and
    the cache backend; returns the number of templates compiled.

    Only what any worker would build on the same first requests: nothing per member.
    """
    from django.conf import settings  # noqa: PLC0415 -- the app (Django) is loaded by now
    from django.core.cache import caches  # noqa: PLC0415
    from django.template import engines  # noqa: PLC0415
    from django.urls import get_resolver  # noqa: PLC0415
    from django.utils import formats, translation  # noqa: PLC0415
    from django.utils.module_loading import import_string  # noqa: PLC0415

    resolvers = [get_resolver()]
    while resolvers:  # the project's maps, then each namespace's (the API's is its own)
        resolver = resolvers.pop()
        resolver.reverse_dict  # noqa: B018 -- builds the reverse and namespace maps
        resolvers.extend(inner for _prefix, inner in resolver.namespace_dict.values())
    with translation.override(settings.LANGUAGE_CODE):
        translation.gettext("Dashboard")
        formats.get_format("DATE_FORMAT")
        formats.get_format("DECIMAL_SEPARATOR")
    import_string(settings.MESSAGE_STORAGE)
    caches["default"]  # imports and builds the cache backend
    engine = engines["django"].engine  # type: ignore[attr-defined]
    engine.template_context_processors  # noqa: B018 -- imports the context processors
    ours = Path(__file__).resolve().parents[1]  # the mensch package
    names: set[str] = set()
    for loader in engine.template_loaders:
        for inner in getattr(loader, "loaders", [loader]):
            for folder in inner.get_dirs():
                root = Path(folder).resolve()
                if not root.is_relative_to(ours):
                    continue  # Django's and other packages' templates: compiled when used
                names.update(
                    path.relative_to(root).as_posix()
                    for path in root.rglob("*")
                    if path.is_file() and path.suffix in TEMPLATE_SUFFIXES
                )
    compiled = 0
    for name in sorted(names):
        try:
            engine.get_template(name)
        except Exception:  # a broken template fails where it is used, not here
            log.exception("Could not compile template %s before forking the workers", name)
        else:
            compiled += 1
    return compiled


def warm_connection() -> int:
    """Open this process's PostgreSQL connection and have the server read the description
    of every table of the apps (and of its indexes: a statement is planned), with one
    statement a table that returns no row; returns the number of tables.

    A new connection starts a database process that knows no table yet: a worker's first
    pages otherwise pay for reading them (the first specialist search ~100 ms instead of
    ~20). Nothing on SQLite, whose connection lasts one request."""
    from django.apps import apps  # noqa: PLC0415 -- the app (Django) is loaded by now
    from django.db import connection  # noqa: PLC0415

    if connection.vendor != "postgresql":
        return 0
    tables = sorted(
        {
            model._meta.db_table
            for model in apps.get_models()
            if model._meta.managed and not model._meta.proxy
        }
    )
    with connection.cursor() as cursor:
        for name in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(name)} LIMIT 0")  # noqa: S608 -- the models' tables
    return len(tables)


def post_worker_init(worker: Any) -> None:
    """Each worker, once forked: its database connection open and warm before it serves."""
    try:
        warm_connection()
    except Exception:  # the worker opens it on its first page instead
        log.exception("Could not warm the database connection of worker %s", worker.pid)


def when_ready(server: Any) -> None:
    """Warm the matching engine and the pages in the master, once, before the workers fork."""
    from django.core.cache import caches  # noqa: PLC0415 -- the app (Django) is loaded by now
    from django.db import connections  # noqa: PLC0415

    from mensch.matching.shared import warm_up  # noqa: PLC0415

    started = time.monotonic()
    try:
        engine = warm_up()
        # A first search pays once per process for the BLAS thread limits and the text
        # model's first encoding (about 20 ms): paid here, not by each worker's first member.
        engine.rank_for_need(WARM_NEED, top=1)
    except Exception:  # a worker builds it on first use instead
        log.exception("Could not warm the matching engine before forking the workers")
    else:
        log.info(
            "Matching engine warm: %d members in %.1f s",
            len(engine.profiles),
            time.monotonic() - started,
        )
    started = time.monotonic()
    try:
        compiled = warm_pages()
    except Exception:  # each worker compiles what it uses instead
        log.exception("Could not warm the pages before forking the workers")
    else:
        log.info("Pages warm: %d templates in %.1f s", compiled, time.monotonic() - started)
    finally:
        connections.close_all()
        caches.close_all()
        # Objects made so far are never collected: the collector then leaves their pages
        # alone and the workers keep sharing them with the master.
        gc.freeze()
