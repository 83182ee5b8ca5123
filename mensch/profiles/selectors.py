"""Reads about profiles that the pages and the API share."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property

from mensch.accounts.models import User
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

    Where PostgreSQL ranks a need (:func:`search.ranked_matches`), the page and the count
    come from one pass over the matches, and the member table is joined for the page's
    rows only (:func:`search.ranked_window`); the rule is :func:`visible_profiles`'s, in
    its two halves. Otherwise the results are :func:`visible_profiles` searched as a
    queryset (``.queryset``). Each page's profiles come with their asks and offers, unless
    ``with_items`` is False."""

    def __init__(self, where: Q, query: str, *, with_items: bool = True) -> None:
        self._where = where  # the filters: industry, location
        self._query = query
        self._with_items = with_items
        self._window: tuple[int, int | None, list[int]] | None = None  # offset, limit, ids
        self._found: int | None = None

    @cached_property
    def queryset(self) -> QuerySet[Profile]:
        """The results as one queryset (every database; ranked or by name)."""
        return _for_list(
            search.search(visible_profiles().filter(self._where), self._query),
            with_items=self._with_items,
        )

    @cached_property
    def ranked(self) -> QuerySet[Profile] | None:
        """The matches PostgreSQL ranks, or None where the queryset is read as it is."""
        shown = Profile.objects.filter(self._where, is_hidden=False)
        return search.ranked_matches(shown, self._query)

    def window_sql(self, offset: int, limit: int | None) -> tuple[str, list[Any]]:
        """The SQL that reads a ranked search's page and count (for its query plan)."""
        assert self.ranked is not None
        return search.ranked_window_sql(
            self.ranked, _active_members(), offset=offset, limit=limit, cap=MEMBER_COUNT_CAP
        )

    def prepare(self, *, offset: int, limit: int | None) -> None:
        """Read this page (and the count) now, in one pass where the search is ranked."""
        ranked = self.ranked
        if ranked is None or self._window_has(offset, limit):
            return
        self._found, ids = search.ranked_window(
            ranked, _active_members(), offset=offset, limit=limit, cap=MEMBER_COUNT_CAP
        )
        self._window = (offset, limit, ids)

    def _window_has(self, offset: int, limit: int | None) -> bool:
        if self._window is None:
            return False
        start, size, _ids = self._window
        if offset < start:
            return False
        if size is None:
            return True
        return limit is not None and offset + limit <= start + size

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
        if not isinstance(key, slice) or key.step is not None:
            raise TypeError("member search results are read a page at a time, by a slice")
        offset = key.start or 0
        limit = None if key.stop is None else max(0, key.stop - offset)
        if self.ranked is None:
            return list(self.queryset[key])
        if limit == 0:
            return []
        self.prepare(offset=offset, limit=limit)
        assert self._window is not None
        start, _size, ids = self._window
        ids = ids[offset - start :]
        if limit is not None:
            ids = ids[:limit]
        if not ids:
            return []
        listed = _for_list(Profile.objects.filter(pk__in=ids), with_items=self._with_items)
        by_id = {profile.pk: profile for profile in listed}
        return [by_id[pk] for pk in ids if pk in by_id]

    def __iter__(self) -> Iterator[Profile]:
        return iter(self[0:None])


def _active_members() -> QuerySet[User]:
    """Members whose profiles may be listed: the user half of :func:`visible_profiles`."""
    return User.objects.filter(is_active=True)


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


def member_count(results: MemberResults) -> int:
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
