"""The member directory's full-text search: one document per profile, one index.

Each profile carries a search document: the member's name and headline (weight A),
their asks and offers (weight B), what they do, industry and location (weight C). The
text is case- and accent-folded here, in Python ("São" and "sao" are the same word, "ß"
is "ss"), so neither database needs the ``unaccent`` extension and both fold alike.

- PostgreSQL: ``Profile.search_vector`` holds the weighted ``tsvector`` under the
  ``'simple'`` configuration (members write in several languages; an English stemmer
  would mangle German and Portuguese words and a per-profile language is not known),
  with a GIN index, kept in the row (``STORAGE MAIN``, migration 0008: the ranking reads
  every match's vector, and out of the row each cost a TOAST look-up); a ``pg_trgm`` GIN
  index on ``search_document`` finds partial words inside longer ones ("keeping" in
  "bookkeeping").
- SQLite: the FTS5 table ``profiles_profile_fts`` (rowid = profile id), one column per
  weight, ranked with ``bm25``. A service-side copy, not triggers, as for contacts.
- Other databases: a substring match on the document.

A need is a free text of many words: stop words are dropped and the remaining words
(as prefixes) are ORed, not ANDed, and ranked by relevance, so "someone to help us with
bookkeeping for a small studio" brings bookkeepers first rather than demanding one
profile with every word. Rarer words count more: on SQLite through ``bm25``; on
PostgreSQL (``ts_rank`` knows no word frequencies) :func:`plan` reads the planner's
statistics to leave out words most profiles have and, for a long need, to ask for as
many of its words as keeps the rows to rank within a budget, so no search ranks the
whole community. A ranked search's page and capped count come from one pass over its
matches (:func:`ranked_window`), and the page's rows only are joined to anything.

The services call :func:`documents_refresh` after every write to a profile, its asks or
its offers; bulk loads call it with every new profile's id.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, Model, Q, QuerySet

from mensch.core.cached import PREFIX

FTS_TABLE = "profiles_profile_fts"
CONFIG = "simple"
MAX_TERMS = 8
MIN_INFIX = 4  # shorter partial words match as prefixes only
MAX_INFIX_TERMS = 2  # longer needs match whole words and prefixes only
# PostgreSQL: a word more than this share of profiles have is left out of a longer need,
COMMON = 0.3
# and a need asks for as many of its words as keeps the rows to rank about this many.
RANK_BUDGET = 2000
BATCH = 1000
# bm25 weights of the FTS5 columns, and ts_rank's default weights {D, C, B, A} say the same:
# name and headline first, asks and offers next, the rest last.
FTS_WEIGHTS = (10.0, 4.0, 1.0)
_WORD = re.compile(r"\w+", re.UNICODE)
_PLAIN = re.compile(r"[^\W_]+")  # a lexeme safe to name in a raw tsquery
STATS_KEY = f"{PREFIX}:profiles:search-stats:2"  # :2 since the lexemes come sorted
_MISSING = object()

# Words that say nothing about whom a member is looking for, in the languages members
# write most: English, German, French, Spanish (and Portuguese, which shares most of
# them). Accent-folded, like the documents.
_STOP_WORDS_TEXT = """
a an and any are as at be but by can could do for from has have i in into is it its
me my of on or our so some than that the their them then there these they this to
us was we were what when where which who will with would you your
someone somebody anyone anybody looking need needs want wants help find
der die das den dem des ein eine einen einem einer und oder mit fur von zu im ist
sind wir ich sie es auf aus bei nach uber unter jemand suche suchen
le la les un une du de et ou avec pour par sur dans en est sont nous vous je il
elle au aux ce cette qui que quelqu
el los las unos unas del y o con por para sobre son nosotros yo alguien busco
um uma os e com
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


def fold(text: str) -> str:
    """Lower case without accents: "Zoë Müller-Straße" -> "zoe muller-strasse"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def search_terms(query: str) -> list[str]:
    """The words of a need worth searching for: folded, no stop words, no repeats."""
    terms: list[str] = []
    for word in _WORD.findall(fold(query)):
        if word not in STOP_WORDS and word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


# --- Keeping the documents -------------------------------------------------------------


def _rows(
    profile_model: type[Model],
    ask_model: type[Model],
    offer_model: type[Model],
    profile_ids: Sequence[int],
) -> list[tuple[int, str, str, str, str, str]]:
    """(id, document, sort name, A text, B text, C text) for each profile."""
    items: dict[int, list[str]] = {pk: [] for pk in profile_ids}
    for model in (ask_model, offer_model):
        rows = model._default_manager.filter(profile_id__in=profile_ids).order_by("position", "id")
        for profile_id, text in rows.values_list("profile_id", "text"):
            items[profile_id].append(text)
    profiles = profile_model._default_manager.filter(pk__in=profile_ids).values_list(
        "pk",
        "user__first_name",
        "user__last_name",
        "headline",
        "what_i_do",
        "industry",
        "location",
    )
    out = []
    for pk, first, last, headline, what_i_do, industry, location in profiles:
        name = fold(f"{first} {last}".strip())
        a = " ".join(part for part in (name, fold(headline)) if part)
        b = fold(" ".join(items[pk]))
        c = " ".join(part for part in (fold(what_i_do), fold(industry), fold(location)) if part)
        document = " ".join(part for part in (a, b, c) if part)
        out.append((pk, document, name, a, b, c))
    return out


def documents_refresh(
    profile_ids: Iterable[int],
    *,
    models: tuple[type[Model], type[Model], type[Model]] | None = None,
    connection: BaseDatabaseWrapper | None = None,
) -> int:
    """Rebuild the search documents of these profiles, in batches; returns how many.

    ``models`` (Profile, Ask, Offer) and ``connection`` let a migration pass its
    historical models and schema editor's connection."""
    if models is None:
        from mensch.profiles.models import Ask, Offer, Profile  # noqa: PLC0415

        models = (Profile, Ask, Offer)
    connection = connection or default_connection
    ids = list(profile_ids)
    done = 0
    for start in range(0, len(ids), BATCH):
        rows = _rows(*models, ids[start : start + BATCH])
        _write(connection, models[0]._meta.db_table, rows)
        done += len(rows)
    return done


def _write(
    connection: BaseDatabaseWrapper,
    table: str,
    rows: list[tuple[int, str, str, str, str, str]],
) -> None:
    if not rows:
        return
    table = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            values = ", ".join(
                ["(%s::int, %s::text, %s::text, %s::text, %s::text, %s::text)"] * len(rows)
            )
            params: list[Any] = [value for row in rows for value in row]
            cursor.execute(
                f"UPDATE {table} AS p SET search_document = v.doc, sort_name = v.sort, "  # noqa: S608
                f"search_vector = setweight(to_tsvector('{CONFIG}', v.a), 'A') "
                f"|| setweight(to_tsvector('{CONFIG}', v.b), 'B') "
                f"|| setweight(to_tsvector('{CONFIG}', v.c), 'C') "
                f"FROM (VALUES {values}) AS v(id, doc, sort, a, b, c) WHERE p.id = v.id",
                params,
            )
            return
        cursor.executemany(
            f"UPDATE {table} SET search_document = %s, sort_name = %s WHERE id = %s",  # noqa: S608
            [(doc, sort, pk) for pk, doc, sort, _a, _b, _c in rows],
        )
        if connection.vendor == "sqlite":
            ids = [row[0] for row in rows]
            marks = ", ".join(["%s"] * len(ids))
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", ids)  # noqa: S608
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, name, items, rest) VALUES (%s, %s, %s, %s)",  # noqa: S608
                [(pk, a, b, c) for pk, _doc, _sort, a, b, c in rows],
            )


def documents_remove(profile_ids: Sequence[int]) -> None:
    """Drop deleted profiles from the FTS5 table (SQLite only; elsewhere the row goes)."""
    if default_connection.vendor != "sqlite" or not profile_ids:
        return
    marks = ", ".join(["%s"] * len(profile_ids))
    with default_connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", list(profile_ids))  # noqa: S608


# --- Searching -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Stats:
    """What ``ANALYZE`` saw of the vectors, with its lexemes sorted (by code point) so
    that the words a prefix begins are one stretch, found by bisection: every search
    weighs its words against these thousand lexemes, a scan of them a millisecond."""

    rows: float  # the planner's estimate of the table's rows
    frequencies: dict[str, float]  # the most common lexemes: share of profiles having each
    lexemes: tuple[str, ...] = field(init=False, repr=False, compare=False)
    shares: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = sorted(self.frequencies.items())
        object.__setattr__(self, "lexemes", tuple(lexeme for lexeme, _share in ordered))
        object.__setattr__(self, "shares", tuple(share for _lexeme, share in ordered))

    def beginning(self, prefix: str) -> slice:
        """The stretch of ``lexemes`` (and ``shares``) that start with ``prefix``."""
        start = bisect_left(self.lexemes, prefix)
        end = start
        while end < len(self.lexemes) and self.lexemes[end].startswith(prefix):
            end += 1
        return slice(start, end)


def _stats() -> _Stats | None:
    """What ``ANALYZE`` last saw of the vectors; cached for ten minutes (no table scan),
    their absence (no ``ANALYZE`` yet, as right after a bulk load) for one."""
    found = cache.get(STATS_KEY, _MISSING)
    if found is _MISSING:
        found = _read_stats()
        cache.set(STATS_KEY, found, timeout=600 if found else 60)
    return found


def _read_stats() -> _Stats | None:
    with default_connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples "
            "FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename "
            "WHERE s.tablename = 'profiles_profile' AND s.attname = 'search_vector'"
        )
        row = cursor.fetchone()
    if not row or not row[0] or not row[2] or row[2] <= 0:
        return None
    lexemes, freqs, rows = row
    return _Stats(float(rows), dict(zip(lexemes, freqs[: len(lexemes)], strict=False)))


def _frequency(stats: _Stats, term: str) -> float:
    """The share of profiles with a word starting with ``term``; a word too rare to be
    among the most common ones gets half the rarest common one's share."""
    found = sum(stats.shares[stats.beginning(term)])
    return min(1.0, found) if found else min(stats.shares) / 2


def _at_least(frequencies: list[float], wanted: int) -> float:
    """The share of profiles having at least ``wanted`` of the words, taking the words as
    independent (a Poisson-binomial tail)."""
    having = [1.0] + [0.0] * len(frequencies)  # having[k]: share with exactly k of them
    for freq in frequencies:
        for k in range(len(having) - 1, 0, -1):
            having[k] = having[k] * (1 - freq) + having[k - 1] * freq
        having[0] *= 1 - freq
    return sum(having[wanted:])


def plan(terms: list[str]) -> tuple[list[str], int, bool]:
    """Which words to search for on PostgreSQL, and how many of them a profile must have.

    Words most profiles have (over ``COMMON`` of them) say little and are left out, unless
    every word is that common. Then a profile must have as few of the words as keeps the
    expected matches within ``RANK_BUDGET`` rows: "bookkeeping" alone may find thousands,
    ranked by relevance; a need of six words ranks those having most of them, not every
    profile having any one. Without statistics (no ``ANALYZE`` yet): any one word.

    The third value says whether to rank: not when even all the words kept would find
    more than ``RANK_BUDGET`` rows (one very common word): those are listed by name."""
    stats = _stats()
    if stats is None:
        return terms, 1, True
    frequency = {term: _frequency(stats, term) for term in terms}
    kept = [term for term in terms if frequency[term] <= COMMON] or [
        min(terms, key=frequency.__getitem__)
    ]
    shares = [frequency[term] for term in kept]
    for wanted in range(1, len(kept) + 1):
        if _at_least(shares, wanted) * stats.rows <= RANK_BUDGET:
            return kept, wanted, True
    return kept, len(kept), False


def search(queryset: QuerySet[Any], query: str) -> QuerySet[Any]:
    """Profiles of ``queryset`` matching any word of ``query``, best first; ties by name.

    Without a searchable word (empty, or only stop words) every profile, by name."""
    terms = search_terms(query)
    if not terms:
        return queryset.order_by("sort_name", "pk")
    vendor = default_connection.vendor
    if vendor == "postgresql":
        return _search_postgresql(queryset, terms)
    if vendor == "sqlite":
        match = " OR ".join(f'"{term}"*' for term in terms)
        weights = ", ".join(str(weight) for weight in FTS_WEIGHTS)
        # bm25 is lower for better matches. The MATCH text is a bound parameter.
        return queryset.extra(  # noqa: S610
            tables=[FTS_TABLE],
            where=[f"{FTS_TABLE}.rowid = profiles_profile.id", f"{FTS_TABLE} MATCH %s"],
            params=[match],
            select={"search_rank": f"bm25({FTS_TABLE}, {weights})"},
            order_by=["search_rank", "sort_name", "id"],
        )
    condition = Q()
    for term in terms:
        condition |= Q(search_document__contains=term)
    return queryset.filter(condition).order_by("sort_name", "pk")


@dataclass(frozen=True)
class _Found:
    """How PostgreSQL finds and ranks a need's words (:func:`_postgresql_words`)."""

    matched: str  # the raw tsquery the full-text index finds the matches by,
    infixes: list[str]  # words also found inside longer words (the trigram index),
    ranked: str | None  # and the raw tsquery they are ranked by; None: listed by name


def _postgresql_words(terms: list[str]) -> _Found:
    kept, wanted, ranking = plan(terms)
    # A short query's words are prefixes: "book" finds "bookkeeping", "dan" finds "Dana".
    # In a longer need, only the last word (perhaps still being typed) is: a prefix of a
    # common word walks the index over every word it begins, several times slower.
    prefixes = [
        f"{term}:*" if len(kept) <= MAX_INFIX_TERMS or number == len(kept) - 1 else term
        for number, term in enumerate(kept)
    ]
    # The index finds a longer need's finished last word by name (:func:`_last_word`);
    # the ranking, which reads each match's vector anyway, still takes it as a prefix.
    words = prefixes if len(kept) <= MAX_INFIX_TERMS else [*kept[:-1], _last_word(kept[-1])]
    if wanted == 1:
        raw = " | ".join(words)
    else:
        raw = " | ".join(f"({' & '.join(group)})" for group in combinations(words, wanted))
    infixes = []
    if len(terms) <= MAX_INFIX_TERMS:
        # A short query's longer partial words also match inside words ("keeping" in
        # "bookkeeping"), through the trigram index; not a word that already begins
        # common words: those find plenty, and the OR would spoil the plan of the count.
        stats = _stats()
        infixes = [
            term
            for term in terms
            if len(term) >= MIN_INFIX and not (stats and stats.lexemes[stats.beginning(term)])
        ]
    # One ts_rank over the words ORed: name and headline (A) count most, then asks and
    # offers (B), then the rest (C). One call: each reads (decompresses) the whole vector.
    return _Found(raw, infixes, " | ".join(prefixes) if ranking else None)


def _search_postgresql(queryset: QuerySet[Any], terms: list[str]) -> QuerySet[Any]:
    found = _postgresql_words(terms)
    condition = Q(search_vector=SearchQuery(found.matched, search_type="raw", config=CONFIG))
    for term in found.infixes:
        condition |= Q(search_document__contains=term)
    queryset = queryset.filter(condition)
    if found.ranked is None:
        return queryset.order_by("sort_name", "pk")
    ranked = SearchQuery(found.ranked, search_type="raw", config=CONFIG)
    return queryset.annotate(search_rank=SearchRank(F("search_vector"), ranked)).order_by(
        "-search_rank", "sort_name", "pk"
    )


def _last_word(term: str) -> str:
    """The last word of a longer need, as a tsquery operand.

    A word the statistics know as a whole word is finished: it is matched as that word
    and the common words it begins ("month" finds "monthly"), named one by one, which
    the index looks up directly. Any other word may still be being typed ("mon",
    "transl"): a prefix, which walks the index over every word it begins, several times
    slower than the rest of the need together."""
    stats = _stats()
    if stats is None or term not in stats.frequencies:
        return f"{term}:*"
    words = [term] + [
        lexeme
        for lexeme in stats.lexemes[stats.beginning(term)]
        if lexeme != term and _PLAIN.fullmatch(lexeme)
    ]
    return words[0] if len(words) == 1 else f"({' | '.join(words)})"


def capped_count(queryset: QuerySet[Any], cap: int) -> int:
    """How many rows, counting no further than ``cap + 1``: no second full pass."""
    return queryset.order_by().values("pk")[: cap + 1].count()


# --- A ranked search's page and count in one pass (PostgreSQL) ----------------------------


def ranked_matches(
    table: str, shown: tuple[str, list[Any]], query: str
) -> tuple[str, list[Any]] | None:
    """On PostgreSQL, the ``SELECT`` of the profiles in ``table`` (quoted) for which
    ``shown`` holds (a condition over it, with its parameters) that match a need
    :func:`plan` ranks, as unordered ``(id, user_id, sort_name, search_rank)`` rows for
    :func:`ranked_window`: :func:`search`'s matches and ranking, written out (building them
    as a queryset cost more than running them). None where :func:`search` lists by name
    (no words, one very common word) or on another database."""
    if default_connection.vendor != "postgresql":
        return None
    terms = search_terms(query)
    if not terms:
        return None
    found = _postgresql_words(terms)
    if found.ranked is None:
        return None
    condition = f"{table}.search_vector @@ to_tsquery('{CONFIG}'::regconfig, %s)"
    params: list[Any] = [found.ranked, *shown[1], found.matched]
    for term in found.infixes:
        # As the ORM writes ``search_document__contains``.
        condition += f" OR {table}.search_document::text LIKE %s"
        params.append(f"%{default_connection.ops.prep_for_like_query(term)}%")
    sql = (
        f"SELECT {table}.id, {table}.user_id, {table}.sort_name, "  # noqa: S608 -- table name, bound parameters
        f"ts_rank({table}.search_vector, to_tsquery('{CONFIG}'::regconfig, %s)) "
        f"FROM {table} WHERE ({shown[0]}) AND ({condition})"
    )
    return sql, params


def ranked_window_sql(
    matches: tuple[str, list[Any]],
    *,
    offset: int,
    limit: int | None,
    cap: int,
    details: str = "",
) -> tuple[str, list[Any]]:
    """The SQL of :func:`ranked_window`.

    The matches are read once (one index scan, each vector ranked once) into a fenced
    ``MATERIALIZED`` set: the count and the page share it. The page is sorted there, by
    rank (a top-N sort), and only its rows are joined to anything. ``details``: a
    ``SELECT`` over one page row (``page.id``, ``page.user_id``) whose columns follow the
    profile's id in each row."""
    matches_sql, matches_params = matches
    detail_columns = ", detail.*" if details else ""
    detail_join = f"LEFT JOIN LATERAL ({details}) AS detail ON TRUE " if details else ""
    sql = (
        f"WITH hits (id, user_id, sort_name, search_rank) AS MATERIALIZED ({matches_sql}) "  # noqa: S608 -- written-out SQL, bound parameters
        f"SELECT found.n, page.id{detail_columns} "
        "FROM (SELECT COUNT(*) FROM (SELECT FROM hits LIMIT %s) AS capped) AS found (n) "
        "LEFT JOIN LATERAL (SELECT * FROM hits "
        "ORDER BY search_rank DESC, sort_name, id LIMIT %s OFFSET %s) AS page ON TRUE "
        f"{detail_join}"
        "ORDER BY page.search_rank DESC, page.sort_name, page.id"
    )
    return sql, [*matches_params, cap + 1, limit, offset]


def ranked_window(
    matches: tuple[str, list[Any]],
    *,
    offset: int,
    limit: int | None,
    cap: int,
    details: str = "",
) -> tuple[int, list[tuple[Any, ...]]]:
    """How many ``matches`` (from :func:`ranked_matches`) there are, counted up to
    ``cap + 1``, and the rows of the profiles from ``offset`` on (``limit`` of them, or
    all), best first: ranked, then by name. Each row is the profile's id, then the columns
    of ``details`` (see :func:`ranked_window_sql`)."""
    sql, params = ranked_window_sql(matches, offset=offset, limit=limit, cap=cap, details=details)
    with default_connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found = rows[0][0]
    return found, [row[1:] for row in rows if row[1] is not None]
