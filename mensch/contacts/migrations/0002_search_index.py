"""The full-text index over ``Contact.search_document``: an FTS5 table on SQLite, a GIN
index on PostgreSQL. Other databases fall back to a substring search."""

from django.db import migrations

SQLITE_FORWARD = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS contacts_contact_fts USING fts5("
    "search_document, tokenize = 'unicode61 remove_diacritics 2')"
)
SQLITE_BACKWARD = "DROP TABLE IF EXISTS contacts_contact_fts"
POSTGRES_FORWARD = (
    "CREATE INDEX IF NOT EXISTS contacts_contact_search_idx ON contacts_contact "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_document, '')))"
)
POSTGRES_BACKWARD = "DROP INDEX IF EXISTS contacts_contact_search_idx"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("contacts", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
