"""A trigram index for the member search's location filter (PostgreSQL only).

The filter matches a part of the place, whatever its case (``location__icontains``, which
PostgreSQL runs as ``UPPER(location::text) LIKE UPPER(%s)``): without this index, a place
few members live in (or none) reads every profile, both to list a page and to count.
The index is on that very expression, so the planner can use it. Like the full-text
indexes (0004), it is not a model index: it needs ``pg_trgm`` and PostgreSQL.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS profiles_location_trgm_idx ON profiles_profile "
    "USING gin (UPPER(location::text) gin_trgm_ops)",
    # The planner's statistics of the indexed expression: how many members a place has.
    "ANALYZE profiles_profile",
]
BACKWARD = ["DROP INDEX IF EXISTS profiles_location_trgm_idx"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("profiles", "0005_profile_location_created_index")]

    operations = [migrations.RunPython(forward, backward)]
