"""The inactive members, indexed (PostgreSQL only): what the member search leaves out.

A ranked search keeps a match unless its member is inactive, counting up to a thousand
matches (``search.ranked_window``). Looking up each match's member by the primary key
cost three index pages a match, a third of the statement; an anti-join to this partial
index of the few inactive members costs next to nothing. The index is on the accounts'
table and belongs to the search, which reads it: the accounts never do.
"""

from django.db import migrations

INDEX = "profiles_inactive_member_idx"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON accounts_user (id) WHERE NOT is_active"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_time_zone"),
        ("profiles", "0008_search_vector_inline"),
    ]

    operations = [migrations.RunPython(forward, backward)]
