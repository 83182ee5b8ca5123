"""The demo community must be matchable: asks met by other people's offers, in other words.

The check here is a deliberately plain lexical one (stop words out, a crude suffix
stemmer), so it measures the data, not a matching engine: if this finds partners,
any engine with light stemming should find at least as many.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest

from mensch.demo.people import DemoItem, DemoPerson, generate_people

_STOP_TEXT = (
    "a an and any are as at be but by can do for from get help hey hoping i i'm in into is "
    "it its just like looking love me meet more my need new of on one or our out over "
    "people recommend so some someone than that the their them they this to two up us we "
    "we're who will with would you your year also offer happy"
)
STOP_WORDS = frozenset(_STOP_TEXT.split())
SUFFIXES = ("ings", "ing", "ers", "er", "es", "s", "ed")
SHARED_WORDS = 2
# "books", "bookkeeper", "bookkeeping"; not "a book I'm writing" or "bookings".
BOOKKEEPING = re.compile(r"\bbook(s|keep\w*)\b")


def stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(item: DemoItem) -> frozenset[str]:
    words = re.findall(r"[a-z]+", item.text.lower().replace("'s", ""))
    return frozenset(stem(w) for w in words if w not in STOP_WORDS and len(w) > 2)


def providers_for_asks(people: list[DemoPerson]) -> list[set[int]]:
    """For each person, the others with an offer sharing enough content words with an ask."""
    offering: dict[str, set[int]] = defaultdict(set)
    for index, person in enumerate(people):
        for offer in person.offers:
            for word in content_words(offer):
                offering[word].add(index)
    found = []
    for index, person in enumerate(people):
        partners: set[int] = set()
        for ask in person.asks:
            shared = Counter(j for w in content_words(ask) for j in offering[w] if j != index)
            partners |= {j for j, count in shared.items() if count >= SHARED_WORDS}
        found.append(partners)
    return found


@pytest.fixture(scope="module")
def community() -> list[DemoPerson]:
    return generate_people(300)


@pytest.fixture(scope="module")
def partners(community: list[DemoPerson]) -> list[set[int]]:
    return providers_for_asks(community)


@pytest.mark.unit
def test_asks_most_people_find_an_offer_in_another_industry(
    community: list[DemoPerson], partners: list[set[int]]
) -> None:
    met = [
        any(community[j].industry != person.industry for j in partners[i])
        for i, person in enumerate(community)
    ]
    assert sum(met) >= 0.8 * len(community)


@pytest.mark.unit
def test_asks_many_people_have_a_reciprocal_partner(partners: list[set[int]]) -> None:
    """A's asks met by B's offers and B's asks met by A's offers."""
    mutual = [any(i in partners[j] for j in found) for i, found in enumerate(partners)]
    assert sum(mutual) >= 0.35 * len(partners)


@pytest.mark.unit
def test_asks_are_not_copies_of_offers(community: list[DemoPerson]) -> None:
    offers = {o.text.lower() for p in community for o in p.offers}
    asks = [a.text.lower() for p in community for a in p.asks]
    assert not [text for text in asks if text in offers]


@pytest.mark.unit
def test_asks_a_bookkeeping_need_meets_a_bookkeeper() -> None:
    people = generate_people(1_000)
    askers = [
        p
        for p in people
        if p.industry != "Accounting & bookkeeping"
        and any(BOOKKEEPING.search(a.text.lower()) and a.kind == "supplier" for a in p.asks)
    ]
    partners = providers_for_asks(people)
    index = {p.id: i for i, p in enumerate(people)}
    assert askers
    for person in askers:
        industries = {people[j].industry for j in partners[index[person.id]]}
        assert "Accounting & bookkeeping" in industries, person.asks
