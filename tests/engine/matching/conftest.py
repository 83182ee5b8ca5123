"""Small communities of named personas for the matching engine tests."""

from __future__ import annotations

import pytest

from mensch.engine.matching import Item, Profile


def person(
    profile_id: str,
    *,
    name: str | None = None,
    industry: str = "",
    headline: str = "",
    asks: tuple[str, ...] = (),
    offers: tuple[str, ...] = (),
    hidden: bool = False,
) -> Profile:
    return Profile(
        id=profile_id,
        name=name or profile_id.capitalize(),
        headline=headline,
        industry=industry,
        asks=tuple(Item("client", text) for text in asks),
        offers=tuple(Item("resource", text) for text in offers),
        hidden=hidden,
    )


@pytest.fixture
def studio_community() -> list[Profile]:
    """Dana the designer and the people around her.

    * Bo keeps books and wants a brand: Dana's reciprocal partner.
    * Cy keeps books too but wants nothing Dana offers: a one-sided helper.
    * Eve is a designer like Dana: a look-alike competitor.
    * Fay runs Instagram accounts and wants a brand: helped by Dana, no help to her.
    """
    return [
        person(
            "dana",
            name="Dana Weiss",
            industry="Design",
            headline="Brand designer for small studios",
            asks=("someone to keep my studio's books",),
            offers=("brand identity design",),
        ),
        person(
            "bo",
            name="Bo Keller",
            industry="Finance",
            headline="Bookkeeper",
            asks=("a new logo and brand for my practice",),
            offers=("bookkeeping for small studios",),
        ),
        person(
            "cy",
            name="Cy Lund",
            industry="Finance",
            headline="Accountant",
            asks=("more restaurant owners as clients",),
            offers=("bookkeeping and tax returns",),
        ),
        person(
            "eve",
            name="Eve Park",
            industry="Design",
            headline="Brand designer",
            asks=("clients who need a logo or brand identity",),
            offers=("brand identity and logo design",),
        ),
        person(
            "fay",
            name="Fay Olsen",
            industry="Marketing",
            headline="Social media manager",
            asks=("a designer to refresh our brand identity",),
            offers=("I run Instagram accounts for cafés",),
        ),
    ]
