"""Reads about profiles that the pages and the API share."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property

from mensch.accounts.models import User
from mensch.core import statements
from mensch.core.cached import cached
from mensch.profiles import search
from mensch.profiles.models import Ask, Offer, Profile

INDUSTRIES_VERSION = "profiles:industries"
# A search shows "1,000+ members" rather than counting every match.
MEMBER_COUNT_CAP = 1000


def _with_items(queryset: QuerySet[Profile]) -> QuerySet[Profile]:
    return queryset.select_related("user").prefetch_related(
        Prefetch("asks", queryset=Ask.objects.order_by("position", "id")),
        Prefetch("offers", queryset=Offer.objects.order_by("position", "id")),
    )


def own_profile(user: User) -> Profile:
    return _with_items(Profile.objects.filter(user=user)).get()


def visible_profiles() -> QuerySet[Profile]:
    """Profiles anyone signed in may list: active members who did not hide themselves."""
    return Profile.objects.filter(is_hidden=False, user__is_active=True)


def profile_for_viewer(*, viewer: User, profile_id: int) -> Profile:
    """A public profile, or the viewer's own even when hidden. Raises Profile.DoesNotExist."""
    queryset = Profile.objects.filter(
        Q(is_hidden=False, user__is_active=True) | Q(user_id=viewer.pk), pk=profile_id
    )
    return _with_items(queryset).get()


def member_search(
    *, query: str = "", industry: str = "", location: str = "", with_items: bool = True
) -> MemberResults:
    """Visible members whose name, headline, industry, location, asks or offers match
    ``query``, best match first (by name without a query); see mensch.profiles.search.
    ``with_items=False``: the profiles come without their asks and offers (a list that
    shows only their texts reads them with :func:`item_texts`)."""
    where = Q()
    if industry:
        where &= _industry_is(industry)
    if location:
        where &= Q(location__icontains=location)
    return MemberResults(where, query, with_items=with_items)


def _industry_is(industry: str) -> Q:
    """Profiles in this industry, whatever its case: as the listed industries' exact
    spellings where it is one of them, which the industry index finds (a case-folded
    comparison reads every profile to count the members in a large industry)."""
    wanted = industry.upper()
    spellings = [name for name in industries() if name.upper() == wanted]
    return Q(industry__in=spellings) if spellings else Q(industry__iexact=industry)


class MemberResults:
    """A member search's results: sliced for a page, counted up to ``MEMBER_COUNT_CAP + 1``.

    The profiles searched are :attr:`shown`: :func:`visible_profiles`'s rule. Where
    PostgreSQL ranks a need (:func:`search.ranked_matches`), the page and the count come
    from one pass over the matches, and only the page's rows are joined to anything
    (:func:`search.ranked_window`). Otherwise the results are read as a queryset
    (``.queryset``). Each page's profiles come with their asks and offers, unless
    ``with_items`` is False; :meth:`cards` reads a page as the directory's cards instead."""

    def __init__(self, where: Q, query: str, *, with_items: bool = True) -> None:
        self._where = where  # the filters: industry, location
        self._query = query
        self._with_items = with_items
        # offset, limit, whether with the cards' columns, the rows (id first)
        self._window: tuple[int, int | None, bool, list[tuple[Any, ...]]] | None = None
        self._found: int | None = None

    @cached_property
    def shown(self) -> QuerySet[Profile]:
        """The profiles searched: :func:`visible_profiles` (with the filters), its member
        half turned round: no inactive member's profile (every profile has its member, so
        that is an active member's). An anti-join to the few inactive members, from their
        partial index (migration 0009), rather than a look-up of each match's member."""
        return Profile.objects.filter(self._where, is_hidden=False).exclude(
            user__in=_inactive_members()
        )

    @cached_property
    def queryset(self) -> QuerySet[Profile]:
        """The results as one queryset (every database; ranked or by name)."""
        return _for_list(search.search(self.shown, self._query), with_items=self._with_items)

    @cached_property
    def ranked(self) -> tuple[str, list[Any]] | None:
        """The SQL of the matches PostgreSQL ranks, or None where the queryset is read as
        it is."""
        shown = _shown_everyone() if not self._where else statements.where(self.shown)
        return search.ranked_matches(statements.table(Profile), shown, self._query)

    def window_sql(
        self, offset: int, limit: int | None, *, cards: bool = False
    ) -> tuple[str, list[Any]]:
        """The SQL that reads a ranked search's page and count (for its query plan)."""
        assert self.ranked is not None
        return search.ranked_window_sql(
            self.ranked,
            offset=offset,
            limit=limit,
            cap=MEMBER_COUNT_CAP,
            details=_card_details() if cards else "",
        )

    def prepare(self, *, offset: int, limit: int | None, cards: bool = False) -> None:
        """Read this page (and the count) now, in one pass where the search is ranked;
        ``cards``: with what the directory's cards show (:meth:`cards`), in the same pass."""
        ranked = self.ranked
        if ranked is None or self._window_has(offset, limit, cards=cards):
            return
        self._found, rows = search.ranked_window(
            ranked,
            offset=offset,
            limit=limit,
            cap=MEMBER_COUNT_CAP,
            details=_card_details() if cards else "",
        )
        self._window = (offset, limit, cards, rows)

    def _window_has(self, offset: int, limit: int | None, *, cards: bool = False) -> bool:
        if self._window is None:
            return False
        start, size, with_cards, _rows = self._window
        if offset < start or (cards and not with_cards):
            return False
        if size is None:
            return True
        return limit is not None and offset + limit <= start + size

    def _rows(self, key: slice, *, cards: bool) -> list[tuple[Any, ...]]:
        """A ranked search's rows of this slice (none where the search is not ranked)."""
        if not isinstance(key, slice) or key.step is not None:
            raise TypeError("member search results are read a page at a time, by a slice")
        offset = key.start or 0
        limit = None if key.stop is None else max(0, key.stop - offset)
        if self.ranked is None or limit == 0:
            return []
        self.prepare(offset=offset, limit=limit, cards=cards)
        assert self._window is not None
        start, _size, _cards, rows = self._window
        rows = rows[offset - start :]
        return rows if limit is None else rows[:limit]

    def count(self) -> int:
        """How many members match, counted up to ``MEMBER_COUNT_CAP + 1`` only."""
        if self._found is None:
            if self.ranked is not None:
                self.prepare(offset=0, limit=0)
            else:
                self._found = search.capped_count(self.queryset, MEMBER_COUNT_CAP)
        assert self._found is not None
        return self._found

    def __getitem__(self, key: slice) -> list[Profile]:
        rows = self._rows(key, cards=False)
        if self.ranked is None:
            return list(self.queryset[key])
        ids = [row[0] for row in rows]
        if not ids:
            return []
        listed = _for_list(Profile.objects.filter(pk__in=ids), with_items=self._with_items)
        by_id = {profile.pk: profile for profile in listed}
        return [by_id[pk] for pk in ids if pk in by_id]

    def cards(self, key: slice) -> list[MemberCard]:
        """A page of the results as the directory's cards: where the search is ranked, read
        with the page and the count in one statement; otherwise from the page's profiles."""
        rows = self._rows(key, cards=True)
        if self.ranked is None:
            return cards_of(list(self.queryset[key]))
        return [
            MemberCard(pk, f"{first} {last}".strip(), headline, industry, location, asks, offers)
            for pk, first, last, headline, industry, location, asks, offers in rows
        ]

    def __iter__(self) -> Iterator[Profile]:
        return iter(self[0:None])


def _inactive_members() -> QuerySet[User]:
    """Members whose profiles may not be listed: the user half of :func:`visible_profiles`,
    turned round (every profile has its member, so "not inactive" is "active")."""
    return User.objects.filter(is_active=False)


def _shown_everyone() -> tuple[str, list[Any]]:
    """:attr:`MemberResults.shown` without filters as a condition over the profile table:
    the same for every search, so compiled once per process and database."""
    return statements.where_once(_shown_unfiltered)


def _shown_unfiltered() -> QuerySet[Profile]:
    return MemberResults(Q(), "").shown


@cache
def _card_details() -> str:
    """What a directory card shows of one ranked search's page row (``page.id``,
    ``page.user_id``): the member's names, headline, industry and location, and their
    asks' and offers' texts in order (as :func:`item_texts` reads them)."""
    return (
        "SELECT member.first_name, member.last_name, "  # noqa: S608 -- table names only
        "profile.headline, profile.industry, profile.location, "
        f"ARRAY(SELECT ask.text FROM {statements.table(Ask)} AS ask "
        "WHERE ask.profile_id = page.id ORDER BY ask.position, ask.id), "
        f"ARRAY(SELECT offer.text FROM {statements.table(Offer)} AS offer "
        "WHERE offer.profile_id = page.id ORDER BY offer.position, offer.id) "
        f"FROM {statements.table(Profile)} AS profile JOIN {statements.table(User)} AS member "
        "ON member.id = page.user_id WHERE profile.id = page.id"
    )


def _for_list(queryset: QuerySet[Profile], *, with_items: bool = True) -> QuerySet[Profile]:
    """A list's profiles (with their asks and offers), without the search columns."""
    queryset = queryset.defer("search_document", "search_vector")
    return _with_items(queryset) if with_items else queryset.select_related("user")


class ItemTexts(NamedTuple):
    asks: list[str]
    offers: list[str]


def item_texts(profile_ids: Sequence[int]) -> dict[int, ItemTexts]:
    """The texts of these profiles' asks and offers, in their order (as ``_with_items``
    orders them): plain strings for a list that shows only them, rather than some hundred
    model instances a page of twenty members."""
    texts = {pk: ItemTexts([], []) for pk in profile_ids}
    for model, side in ((Ask, 0), (Offer, 1)):
        rows = model.objects.filter(profile_id__in=profile_ids).order_by("position", "id")
        for profile_id, text in rows.values_list("profile_id", "text"):
            texts[profile_id][side].append(text)
    return texts


class MemberCard(NamedTuple):
    """What the directory's card of a member shows."""

    pk: int
    name: str
    headline: str
    industry: str
    location: str
    asks: list[str]
    offers: list[str]


def cards_of(profiles: Iterable[Profile]) -> list[MemberCard]:
    """The cards of these profiles (read with their members), their asks and offers read
    as texts (:func:`item_texts`)."""
    listed = list(profiles)
    texts = item_texts([profile.pk for profile in listed])
    return [
        MemberCard(
            profile.pk,
            profile.name,
            profile.headline,
            profile.industry,
            profile.location,
            *texts[profile.pk],
        )
        for profile in listed
    ]


class MemberCards:
    """A member search's results as the directory's cards, read a page at a time (by a
    slice) and counted up to ``MEMBER_COUNT_CAP + 1`` (:meth:`MemberResults.cards`)."""

    def __init__(self, results: MemberResults) -> None:
        self.results = results

    def prepare(self, *, offset: int, limit: int | None) -> None:
        self.results.prepare(offset=offset, limit=limit, cards=True)

    def count(self) -> int:
        return self.results.count()

    def __getitem__(self, key: slice) -> list[MemberCard]:
        return self.results.cards(key)


def directory_search(*, query: str = "", industry: str = "") -> MemberCards:
    """:func:`member_search`'s results as the directory's cards."""
    return MemberCards(member_search(query=query, industry=industry, with_items=False))


def member_count(results: MemberResults | MemberCards) -> int:
    """How many members a search found, counted up to ``MEMBER_COUNT_CAP + 1`` only."""
    return results.count()


def own_item(*, user: User, side: str, item_id: int) -> Ask | Offer:
    """One of the member's own asks or offers. Raises DoesNotExist for anyone else's."""
    model = Ask if side == "ask" else Offer
    return model.objects.select_related("profile").get(pk=item_id, profile__user=user)


def industries() -> list[str]:
    """The directory's industry filter: every industry a visible member gave. Shared by
    all members, so cached; the services bump ``INDUSTRIES_VERSION`` when it may change."""
    return cached("profiles:industries", _industries, version_key=INDUSTRIES_VERSION, timeout=600)


def _industries() -> list[str]:
    """Read from the industry index: a step to each next industry, and a look for one
    visible member in it; never every member's row (a third of a second at 100,000)."""
    one_visible = visible_profiles().filter(industry=RawSQL("names.industry", ())).values("pk")[:1]
    visible_sql, params = one_visible.query.sql_with_params()
    table = connection.ops.quote_name(Profile._meta.db_table)
    sql = (
        "WITH RECURSIVE names (industry) AS ("  # noqa: S608 -- ORM-built SQL, bound parameters
        f"SELECT MIN(industry) FROM {table} WHERE industry > '' "
        "UNION ALL "
        f"SELECT (SELECT MIN(later.industry) FROM {table} AS later "
        "WHERE later.industry > names.industry) FROM names WHERE names.industry IS NOT NULL) "
        f"SELECT industry FROM names WHERE industry IS NOT NULL AND ({visible_sql}) IS NOT NULL "
        "ORDER BY industry"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [industry for (industry,) in cursor.fetchall()]
