"""A short pending list for the member search's GIN indexes (PostgreSQL only).

A GIN index takes new entries into an unsorted pending list first (``fastupdate``), and
every search reads that list whole, row by row, until a vacuum (or the list passing
``gin_pending_list_limit``, 4 MB by default) moves it into the index. Profiles change
one at a time and autovacuum seldom visits the table, so the list sat at hundreds of
pages, read by every directory search. A limit of 128 kB keeps it to a few pages and
still batches a bulk load's entries. The list there now is moved into the index once
(what a vacuum does; no row changes).
"""

from django.db import migrations

INDEXES = ("profiles_profile_search_idx", "profiles_profile_trgm_idx", "profiles_location_trgm_idx")
FORWARD = [
    statement
    for index in INDEXES
    for statement in (
        f"ALTER INDEX IF EXISTS {index} SET (gin_pending_list_limit = 128)",
        # Constant names; to_regclass is NULL (nothing cleaned) where the index is absent.
        f"SELECT gin_clean_pending_list(to_regclass('{index}')) "
        f"WHERE to_regclass('{index}') IS NOT NULL",
    )
]
BACKWARD = [f"ALTER INDEX IF EXISTS {index} RESET (gin_pending_list_limit)" for index in INDEXES]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("profiles", "0006_location_trigram_index")]

    operations = [migrations.RunPython(forward, backward)]
