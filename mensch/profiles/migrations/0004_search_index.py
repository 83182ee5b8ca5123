"""The directory's full-text index over the profiles' search documents, and the documents
of the profiles that exist already (in batches).

SQLite: an FTS5 table, one column per weight. PostgreSQL: a GIN index on the weighted
vector and, with ``pg_trgm``, a trigram GIN index on the document for partial words.
Other databases fall back to a substring search.
"""

from django.db import migrations

from mensch.profiles.search import FTS_TABLE, documents_refresh

SQLITE_FORWARD = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "name, items, rest, tokenize = 'unicode61 remove_diacritics 2')"
)
SQLITE_BACKWARD = f"DROP TABLE IF EXISTS {FTS_TABLE}"
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS profiles_profile_search_idx ON profiles_profile "
    "USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS profiles_profile_trgm_idx ON profiles_profile "
    "USING gin (search_document gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS profiles_profile_trgm_idx",
    "DROP INDEX IF EXISTS profiles_profile_search_idx",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)
    elif vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)
    profile = apps.get_model("profiles", "Profile")
    ids = profile.objects.order_by("pk").values_list("pk", flat=True)
    documents_refresh(
        list(ids),
        models=(profile, apps.get_model("profiles", "Ask"), apps.get_model("profiles", "Offer")),
        connection=schema_editor.connection,
    )


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)
    elif vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("profiles", "0003_search_document")]

    operations = [migrations.RunPython(forward, backward)]
