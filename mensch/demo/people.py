"""Deterministic demo members: realistic profiles with reciprocal asks and offers.

``generate_people(n, seed)`` returns the same list for the same ``(n, seed)``,
with unique ids and emails. Each member offers services of their own industry
and mostly asks for what other industries offer, phrased the way a person who
needs it would say it, so that a matching engine finds many complementary
pairs without the texts being copies of each other.

Every item variant is built once at import, and headlines, paragraphs, goals and
identities are built in small pools on first use (``mensch.demo.texts``), so a
member costs a few dozen random draws and no template rendering; 100,000 members
take one to two seconds. No Django import.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from mensch.demo import catalogue, texts
from mensch.demo.catalogue import CITIES, INDUSTRIES
from mensch.demo.data import common
from mensch.demo.schema import Industry, Service

__all__ = [
    "CITIES",
    "INDUSTRIES",
    "ORGANIZER",
    "DemoItem",
    "DemoPerson",
    "demo_organizer",
    "generate_people",
    "iter_people",
    "person_to_match_record",
]


@dataclass(frozen=True, slots=True)
class DemoItem:
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class DemoPerson:
    id: str
    first_name: str
    last_name: str
    email: str
    headline: str
    what_i_do: str
    industry: str
    location: str
    languages: tuple[str, ...]
    goals: str
    phone: str
    website: str
    asks: tuple[DemoItem, ...]
    offers: tuple[DemoItem, ...]

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


def person_to_match_record(person: DemoPerson) -> dict[str, Any]:
    """One line of the ``mensch match`` input, as a dict ready for ``json.dumps``."""
    return {
        "id": person.id,
        "name": person.name,
        "headline": person.headline,
        "industry": person.industry,
        "location": person.location,
        "asks": [{"kind": item.kind, "text": item.text} for item in person.asks],
        "offers": [{"kind": item.kind, "text": item.text} for item in person.offers],
    }


ORGANIZER = DemoPerson(
    id="o000001",
    first_name="Adaeze",
    last_name="Nwosu",
    email="adaeze.nwosu@example.org",
    headline=(
        "I run the Manchester Small Business Breakfast, a monthly referral group where people "
        "come to help each other, not to pitch."
    ),
    what_i_do=(
        "I organise a monthly breakfast for about sixty local business owners, with a short talk "
        "that teaches something useful and structured rounds so everyone meets people they "
        "should. I spent twelve years in a chamber of commerce and started the breakfast because "
        "I was tired of events where people swapped cards and never spoke again. I measure what "
        "comes of each event: introductions, follow-ups and work won."
    ),
    industry="Coaching & training",
    location="Manchester, United Kingdom",
    languages=("English", "Igbo"),
    goals=(
        "Make every breakfast produce real relationships: each guest leaves with two people to "
        "follow up, and we check a month later what came of it."
    ),
    phone="+44 161 496 0000",
    website="https://smallbusinessbreakfast.example",
    asks=(
        DemoItem("resource", "A venue for a monthly breakfast of sixty people"),
        DemoItem("other", "Speakers who can teach something useful in twenty minutes"),
        DemoItem("partner", "Sponsors who want to support local business, not sell to it"),
    ),
    offers=(
        DemoItem("introduction", "Introductions to the sixty business owners in our group"),
        DemoItem("opportunity", "A speaking slot at our monthly breakfast event"),
        DemoItem("resource", "A free seat at our next breakfast for anyone new to the city"),
    ),
)


def demo_organizer() -> DemoPerson:
    """The organizer account of the demo community (runs a referral breakfast)."""
    return ORGANIZER


# ---------------------------------------------------------------------------
# Tables built once at import.

_Variants = tuple[DemoItem, ...]

# Asks whose service label reads well in a goal ("Find a bookkeeper I can trust").
_WHO_KINDS = frozenset({"supplier", "partner", "mentor", "investor"})


_Render = Callable[[str], tuple[str, ...]]


def _items(
    phrases: tuple[str, ...], kind: str, render: _Render, other_kinds: _Render | None = None
) -> tuple[_Variants, ...]:
    """One tuple of rendered variants per phrasing.

    ``other_kinds`` renders phrasings whose own kind overrides ``kind`` (an
    investor's "opportunity" among the client asks should not read "New clients: ...").
    """
    out = []
    for phrase in phrases:
        item_kind, text = catalogue.split_kind(phrase, kind)
        how = other_kinds if other_kinds and item_kind != kind else render
        out.append(tuple(DemoItem(item_kind, variant) for variant in how(text)))
    return tuple(out)


def _flat(groups: tuple[_Variants, ...]) -> _Variants:
    return tuple(item for group in groups for item in group)


def _service_variants(service: Service, asks: bool, industry_key: str | None = None) -> _Variants:
    """Every way a member of ``industry_key`` might write one service as an ask (or an offer).

    Each phrasing is equally likely, however many lead-ins it takes.
    """
    phrases = catalogue.phrasings_for(service.asks if asks else service.offers, industry_key)
    if not phrases:
        return ()
    render = catalogue.ask_variants if asks else catalogue.offer_variants
    groups = _items(phrases, service.kind, render)
    longest = max(len(group) for group in groups)
    return tuple(item for group in groups for item in group * (longest // len(group)))


@dataclass(frozen=True, slots=True)
class _IndustryTable:
    index: int
    industry: Industry
    offer_pool: tuple[tuple[str, _Variants], ...]
    ask_pool: tuple[tuple[str, _Variants, str], ...]
    hiring: _Variants
    freelance: _Variants
    clients: _Variants
    intro_targets: tuple[int, ...]
    intro_asks: tuple[tuple[_Variants, ...], ...]
    intro_offers: tuple[_Variants, ...]


def _intro_items(templates: tuple[str, ...], circle: str, city: str, asks: bool) -> _Variants:
    render = catalogue.ask_variants if asks else catalogue.offer_variants
    texts = tuple(t.format(circle=circle, city=city) for t in templates)
    return _flat(_items(texts, "introduction", render))


def _build_tables() -> tuple[_IndustryTable, ...]:
    industries = catalogue.INDUSTRY_LIST
    cities = tuple(city.name for city in catalogue.CITY_LIST)
    own = [s for s in catalogue.SERVICE_LIST if catalogue.ANYONE not in s.providers]
    offers_by_key = {s.key: _service_variants(s, asks=False) for s in own}
    intro_asks_by_target = [
        tuple(_intro_items(common.INTRO_ASKS, target.circle, city, asks=True) for city in cities)
        for target in industries
    ]
    tables = []
    for index, industry in enumerate(industries):
        key = industry.key
        provided = [s for s in own if key in s.providers]
        asked = []
        for service in catalogue.SERVICE_LIST:
            weight = catalogue.ask_weight(service, key)
            variants = _service_variants(service, asks=True, industry_key=key) if weight else ()
            if variants:
                who = service.who if service.kind in _WHO_KINDS else ""
                asked += [(service.key, variants, who)] * weight
        # Introductions go to the industries that ask for what this one provides.
        targets = sorted(
            {
                i
                for i, other in enumerate(industries)
                if other.key != key and any(other.key in s.askers for s in provided)
            }
        )
        tables.append(
            _IndustryTable(
                index=index,
                industry=industry,
                # A service only this industry provides is its trade; one several
                # industries share (raising a round) is a sideline, drawn a third as often.
                offer_pool=tuple(
                    (s.key, offers_by_key[s.key])
                    for s in provided
                    for _ in range(3 if len(s.providers) == 1 else 1)
                ),
                ask_pool=tuple(asked),
                hiring=_flat(_items(industry.hiring, "talent", catalogue.hiring_variants)),
                freelance=_flat(_items(industry.freelance, "talent", catalogue.plain_variants)),
                clients=_flat(
                    _items(
                        industry.clients,
                        "client",
                        catalogue.client_variants,
                        other_kinds=catalogue.ask_variants,
                    )
                ),
                intro_targets=tuple(targets)
                or tuple(i for i in range(len(industries)) if i != index),
                intro_asks=tuple(intro_asks_by_target),
                intro_offers=tuple(
                    _intro_items(common.INTRO_OFFERS, industry.circle, city, asks=False)
                    for city in cities
                ),
            )
        )
    return tuple(tables)


def _generic(asks: bool) -> tuple[tuple[str, _Variants], ...]:
    return tuple(
        (s.key, _service_variants(s, asks=asks))
        for s in common.GENERIC_SERVICES
        if s.asks or not asks
    )


_INDUSTRIES = _build_tables()
_INDUSTRY_DRAW = tuple(t for t in _INDUSTRIES for _ in range(round(t.industry.weight * 10)))
_CITY_DRAW = tuple(
    index for index, city in enumerate(catalogue.CITY_LIST) for _ in range(city.weight)
)
_GENERIC_OFFERS = _generic(asks=False)
_GENERIC_ASKS = _generic(asks=True)
_LOCATIONS = catalogue.CITIES
_NAME_RETRIES = 4
_NAME_RETRY_LIMIT = 5_000
_DOMAINS = ("example.org", "example.com", "example.net")
_ITEM_COUNTS = (1, 2, 2, 2, 3, 3)


def generate_people(n: int, seed: int = 7) -> list[DemoPerson]:
    """``n`` demo members, always the same ones for the same ``(n, seed)``.

    Ids are ``p000001`` upwards and every email carries the member's number, so
    both are unique however many members are asked for.
    """
    if n < 0:
        raise ValueError(f"n must be zero or more, not {n}")
    # Members hold no reference cycles, so the cycle collector has nothing to find;
    # pausing it saves the repeated full scans it makes while 100,000 members pile up.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return list(iter_people(n, seed))
    finally:
        if collecting:
            gc.enable()


def iter_people(n: int, seed: int = 7) -> Iterator[DemoPerson]:
    """The members of ``generate_people(n, seed)``, one at a time, in the same order.

    A loader that writes them in chunks never holds the whole community in memory."""
    if n < 0:
        raise ValueError(f"n must be zero or more, not {n}")
    rand = random.Random(seed).random
    # Redrawing namesakes keeps a community of a few thousand realistic; past that
    # the name pools repeat anyway and redraws would only cost time.
    retries = _NAME_RETRIES if n <= _NAME_RETRY_LIMIT else 0
    seen: set[str] = set()
    for number in range(1, n + 1):
        yield _person(rand, number, seen, retries)


# Draws index sequences as ``seq[int(rand() * len(seq))]``: a third of the cost
# of ``Random.choice`` and just as deterministic, which matters at 100,000 members.


def _person(rand: Callable[[], float], number: int, seen: set[str], retries: int) -> DemoPerson:
    table = _INDUSTRY_DRAW[int(rand() * len(_INDUSTRY_DRAW))]
    industry = table.industry
    city = _CITY_DRAW[int(rand() * len(_CITY_DRAW))]
    people = texts.identities(city)
    who_am_i = people[int(rand() * len(people))]
    if retries:
        for _ in range(retries):
            if who_am_i.email_stem not in seen:
                break
            who_am_i = people[int(rand() * len(people))]
        seen.add(who_am_i.email_stem)
    offers = _offers(rand, table, city)
    asks, who = _asks(rand, table, city)
    headlines = texts.headlines(table.index, city)
    paragraphs = texts.paragraphs(table.index, city)
    goal_pool = texts.goals(city, bool(who))
    goals = goal_pool[int(rand() * len(goal_pool))]
    site = who_am_i.site
    return DemoPerson(
        id=f"p{number:06d}",
        first_name=who_am_i.first_name,
        last_name=who_am_i.last_name,
        email=f"{who_am_i.email_stem}.{number}@{_DOMAINS[int(rand() * 3)]}",
        headline=headlines[int(rand() * len(headlines))],
        what_i_do=paragraphs[int(rand() * len(paragraphs))],
        industry=industry.label,
        location=_LOCATIONS[city],
        languages=who_am_i.languages,
        goals=goals.replace("{who}", who) if who else goals,
        phone=who_am_i.phone,
        website=(
            f"https://{site}-{industry.web_word}.example"
            if who_am_i.site_word
            else f"https://{site}.example"
        ),
        asks=asks,
        offers=offers,
    )


def _offers(rand: Callable[[], float], table: _IndustryTable, city: int) -> _Variants:
    want = _ITEM_COUNTS[int(rand() * len(_ITEM_COUNTS))]
    chosen: list[DemoItem] = []
    used: list[str] = []
    pool = table.offer_pool
    for _ in range(want * 3):
        draw = rand()
        if draw < 0.76:
            key, variants = pool[int(rand() * len(pool))]
        elif draw < 0.86:
            key, variants = "introduction", table.intro_offers[city]
        elif draw < 0.92 and table.freelance:
            key, variants = "freelance", table.freelance
        else:
            key, variants = _GENERIC_OFFERS[int(rand() * len(_GENERIC_OFFERS))]
        if key in used:
            continue
        used.append(key)
        chosen.append(variants[int(rand() * len(variants))])
        if len(chosen) == want:
            break
    return tuple(chosen)


def _asks(rand: Callable[[], float], table: _IndustryTable, city: int) -> tuple[_Variants, str]:
    """The member's asks, and what the first service ask looks for ("" if none)."""
    want = _ITEM_COUNTS[int(rand() * len(_ITEM_COUNTS))]
    chosen: list[DemoItem] = []
    used: list[str] = []
    who = ""
    pool = table.ask_pool
    for _ in range(want * 3):
        draw = rand()
        need = ""
        if draw < 0.72:
            key, variants, need = pool[int(rand() * len(pool))]
        elif draw < 0.80:
            key, variants = "hiring", table.hiring
        elif draw < 0.87:
            target = table.intro_targets[int(rand() * len(table.intro_targets))]
            key, variants = "introduction", table.intro_asks[target][city]
        elif draw < 0.94:
            key, variants = "clients", table.clients
        else:
            key, variants = _GENERIC_ASKS[int(rand() * len(_GENERIC_ASKS))]
        if key in used:
            continue
        used.append(key)
        chosen.append(variants[int(rand() * len(variants))])
        who = who or need
        if len(chosen) == want:
            break
    return tuple(chosen), who
