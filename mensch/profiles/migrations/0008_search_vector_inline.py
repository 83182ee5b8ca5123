"""Keep each profile's search vector in its row (PostgreSQL only).

A ranked search reads the vector of every match (``ts_rank``), up to a couple of
thousand rows. A vector is about 1.2 kB, and PostgreSQL's default storage (``EXTENDED``)
moved it out of the row, into the TOAST table, whenever the row passed 2 kB: every match
then cost a look-up in the TOAST index and a read of its chunk, three to four times the
buffers of the search itself. With ``STORAGE MAIN`` the vector stays in the row and the
row's other long texts (the search document, "what I do") go to TOAST first; a vector too
long even so is compressed in the row, with ``lz4`` where the server has it (several times
faster to decompress than ``pglz``). At 100,000 members a need's search read 1,254 instead
of 4,626 heap and TOAST buffers, and the page's PostgreSQL time fell by about a third.

Both are column settings: every vector written from now on (``search.documents_refresh``
writes them all) is stored so. The vectors already there are rewritten, the same value
(``|| ''::tsvector`` makes a new copy, which PostgreSQL stores anew), in batches of ids,
each its own transaction, so no lock is held for long and searches go on meanwhile; a
``VACUUM`` after each batch frees the old row versions for the next, so the table grows
by about one batch, not by a copy of itself. Each rewritten row takes new entries in
every index of the table (the trigram indexes cost the most): at 100,000 profiles this
took about five minutes on two busy cores, and ``ANALYZE`` renews the statistics at the
end. ``VACUUM FULL profiles_profile`` would rewrite the table and build its indexes afresh in
one go, but it locks the table (directory and profile pages included) while it runs.
"""

from django.db import migrations

BATCH = 10_000


def _has_lz4(cursor):
    cursor.execute("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'")
    row = cursor.fetchone()
    return bool(row and row[0] and "lz4" in row[0])


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE profiles_profile ALTER COLUMN search_vector SET STORAGE MAIN")
        if _has_lz4(cursor):
            cursor.execute(
                "ALTER TABLE profiles_profile ALTER COLUMN search_vector SET COMPRESSION lz4"
            )
        cursor.execute("SELECT MIN(id), MAX(id) FROM profiles_profile")
        low, high = cursor.fetchone()
        if low is None:
            return
        for start in range(low, high + 1, BATCH):
            cursor.execute(
                "UPDATE profiles_profile SET search_vector = search_vector || ''::tsvector "
                "WHERE id >= %s AND id < %s AND search_vector IS NOT NULL",
                [start, start + BATCH],
            )
            # The old row versions' space, free for the next batch: the table grows by
            # about one batch, not by a copy of itself.
            cursor.execute("VACUUM profiles_profile")
        cursor.execute("ANALYZE profiles_profile")


def backward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE profiles_profile ALTER COLUMN search_vector SET STORAGE EXTENDED"
        )
        cursor.execute(
            "ALTER TABLE profiles_profile ALTER COLUMN search_vector SET COMPRESSION DEFAULT"
        )


class Migration(migrations.Migration):
    # Each batch commits on its own, and VACUUM cannot run inside a transaction.
    atomic = False

    dependencies = [("profiles", "0007_search_index_pending_list")]

    operations = [migrations.RunPython(forward, backward)]
