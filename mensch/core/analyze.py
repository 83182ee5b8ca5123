"""Tell PostgreSQL's planner about rows a bulk write just added.

After a bulk load (the demo loader, a contacts import, an attendee import) the planner's
statistics still describe the empty tables, so it picks sequential scans and nested loops
that are thousands of times slower than the plan it would choose with fresh statistics
(``/people-to-meet/`` went from 147 ms to 2.6 ms after ``ANALYZE`` at 100,000 members).
autovacuum catches up eventually; this catches up at once, for the tables just written.

On SQLite (and any other backend) this is a no-op: its planner keeps no such statistics
worth refreshing for our sizes.
"""

from __future__ import annotations

from django.db import connections, router, transaction
from django.db.models import Model


def analyze(*models: type[Model]) -> None:
    """Run ``ANALYZE`` on each model's table, once per table, on PostgreSQL only.

    ``ANALYZE`` (unlike ``VACUUM``) may run inside a transaction block, so this is safe to
    call from an ``atomic`` import or a test."""
    seen: set[tuple[str, str]] = set()
    for model in models:
        alias = router.db_for_write(model)
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        table = model._meta.db_table
        if (alias, table) in seen:
            continue
        seen.add((alias, table))
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def analyze_database(alias: str = "default") -> None:
    """Run ``ANALYZE`` on every table of the database, on PostgreSQL only: after the demo
    loader, whose apps write millions of rows (people to meet, trust scores) of their own."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# An import adding at least this many rows asks for fresh statistics; a handful of rows
# does not move the planner, and ANALYZE samples up to 30,000 rows of a large table.
BULK_ROWS = 200


def analyze_after_commit(rows: int, *models: type[Model]) -> None:
    """After a bulk write of ``rows`` rows in the current transaction: analyse the tables
    once it commits (never for a rolled-back dry run), when ``rows`` reaches BULK_ROWS."""
    if rows >= BULK_ROWS:
        transaction.on_commit(lambda: analyze(*models))
