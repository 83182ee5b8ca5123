"""Where PostgreSQL keeps a profile's search vector (in its row, not in TOAST: a ranked
search reads every match's vector), and the statistics' lexemes found by bisection."""

from __future__ import annotations

import hashlib
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection

from mensch.profiles import search
from mensch.profiles.models import Profile
from tests.factories import make_member

pytestmark = [pytest.mark.integration]

inline = importlib.import_module("mensch.profiles.migrations.0008_search_vector_inline")


def _words(count: int, salt: str) -> str:
    """Words that do not compress away: what a long, varied profile holds."""
    return " ".join(hashlib.sha256(f"{salt}{n}".encode()).hexdigest()[:9] for n in range(count))


def _long_profile() -> Profile:
    """A profile whose vector and document are both too long to share a row uncompressed."""
    user = make_member("Long", what_i_do=_words(70, "w"))
    return Profile.objects.get(user=user)


def _toasted(profile: Profile) -> tuple[int, int, list[int]]:
    """The stored sizes of the profile's vector and document, and of each value the
    TOAST table holds (the profile's long texts, dead versions included)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_size(search_vector), pg_column_size(search_document) "
            "FROM profiles_profile WHERE id = %s",
            [profile.pk],
        )
        vector, document = cursor.fetchone()
        cursor.execute(
            "SELECT reltoastrelid::regclass::text FROM pg_class WHERE relname = 'profiles_profile'"
        )
        (toast,) = cursor.fetchone()
        cursor.execute(
            f"SELECT SUM(octet_length(chunk_data)) FROM {toast} GROUP BY chunk_id"  # noqa: S608 -- a catalog name
        )
        stored = sorted(size for (size,) in cursor.fetchall())
    assert vector != document
    return vector, document, stored


def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's storage (SQLite keeps no vectors)")


@pytest.mark.django_db
def test_the_search_vector_is_kept_in_the_row() -> None:
    _postgresql_only()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute "
            "WHERE attrelid = 'profiles_profile'::regclass AND attname = 'search_vector'"
        )
        assert cursor.fetchone() == ("m",)


@pytest.mark.django_db
def test_a_long_profile_keeps_its_vector_in_the_row_and_sends_its_document_out() -> None:
    _postgresql_only()
    vector, document, toasted = _toasted(_long_profile())
    assert document in toasted  # the document went out of the row,
    assert vector not in toasted  # the vector stayed


@pytest.mark.django_db(transaction=True)
def test_the_migration_brings_vectors_stored_out_of_line_back_into_their_rows() -> None:
    _postgresql_only()
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE profiles_profile ALTER COLUMN search_vector SET STORAGE EXTENDED"
        )
    try:
        profile = _long_profile()
        vector, _document, toasted = _toasted(profile)
        assert vector in toasted  # as it was: the vector out of its row
        with connection.cursor() as cursor:
            cursor.execute("SELECT search_vector::text FROM profiles_profile")
            vectors = cursor.fetchall()
        with connection.schema_editor(atomic=False) as editor:
            inline.forward(django_apps, editor)
        vector, document, toasted = _toasted(profile)
        assert document in toasted
        assert vector not in toasted
        with connection.cursor() as cursor:
            cursor.execute("SELECT search_vector::text FROM profiles_profile")
            assert cursor.fetchall() == vectors  # the same values
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE profiles_profile ALTER COLUMN search_vector SET STORAGE MAIN"
            )


@pytest.mark.django_db
def test_the_migration_does_nothing_on_sqlite() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's no-op")
    user = make_member("Kept", what_i_do="bookkeeping")
    editor = SimpleNamespace(connection=connection)  # a schema editor as far as it is read
    inline.forward(django_apps, editor)
    inline.backward(django_apps, editor)
    assert Profile.objects.get(user=user).search_document.endswith("bookkeeping")


# --- The statistics' lexemes -------------------------------------------------------------

LEXEMES = {
    "book": 0.05,
    "bookkeeper": 0.02,
    "bookkeeping": 0.04,
    "books": 0.03,
    "boo": 0.01,
    "brand": 0.2,
    "month": 0.05,
    "month-end": 0.01,
    "monthly": 0.02,
    "zoe": 0.001,
    "zoë": 0.002,
    "ß": 0.003,
    "a": 0.3,
}
STATS = search._Stats(rows=100_000.0, frequencies=LEXEMES)


def _scanned(prefix: str) -> list[str]:
    """The words a prefix begins, as a scan of every lexeme finds them."""
    return sorted(lexeme for lexeme in LEXEMES if lexeme.startswith(prefix))


@pytest.mark.parametrize(
    "prefix",
    ["b", "boo", "book", "bookk", "books", "bookkeeping", "bookkeepings", "mon", "month",
     "zo", "zoë", "z", "ß", "a", "c", "", "zz"],
)  # fmt: skip
def test_the_words_a_prefix_begins_are_those_a_scan_finds(prefix: str) -> None:
    assert list(STATS.lexemes[STATS.beginning(prefix)]) == _scanned(prefix)
    shares = sum(LEXEMES[lexeme] for lexeme in _scanned(prefix))
    expected = min(1.0, shares) if shares else min(LEXEMES.values()) / 2
    assert search._frequency(STATS, prefix) == pytest.approx(expected, rel=1e-12)


def test_the_statistics_survive_the_cache() -> None:
    search.cache.set("stats-test", STATS)
    kept = search.cache.get("stats-test")
    assert kept == STATS
    assert kept.lexemes == STATS.lexemes
    assert list(kept.lexemes[kept.beginning("month")]) == ["month", "month-end", "monthly"]
