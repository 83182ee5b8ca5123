"""Ready-made parts of a demo profile: headlines, "what I do" paragraphs, goals, and
identities (name, languages, phone, website) that fit a city.

Rendering a template costs more than drawing a random number, so each
(industry, city) pair gets a pool of ready-made texts the first time a member
needs one, and members draw from the pool. A pool is built from its own
``random.Random`` seeded by the pair's position, never by the caller's seed,
so it is the same whichever order pools are first asked for; the caller's
seed still decides which text each member gets.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from mensch.demo import catalogue
from mensch.demo.data import common
from mensch.demo.schema import City, Industry

POOL_SIZE = 48

_YEARS = tuple(range(3, 26))
_LIVED = tuple(range(2, 16))
_COUNTS = ("two", "three", "five", "ten")
_GOALS_WITHOUT_WHO = tuple(g for g in common.GOALS if "{who}" not in g)

_headlines: dict[tuple[int, int], tuple[str, ...]] = {}
_paragraphs: dict[tuple[int, int], tuple[str, ...]] = {}
_goals: dict[tuple[int, bool], tuple[str, ...]] = {}


def _pool_rng(*parts: int) -> random.Random:
    seed = 0
    for part in parts:
        seed = seed * 1009 + part + 1
    return random.Random(seed)


def headlines(industry_index: int, city_index: int) -> tuple[str, ...]:
    """One or two sentences: who I am and what I do, at most ``HEADLINE_MAX`` characters."""
    key = (industry_index, city_index)
    pool = _headlines.get(key)
    if pool is None:
        pool = _headlines[key] = _build_headlines(industry_index, city_index)
    return pool


def paragraphs(industry_index: int, city_index: int) -> tuple[str, ...]:
    """A short first-person paragraph: the work, a detail, something personal."""
    key = (industry_index, city_index)
    pool = _paragraphs.get(key)
    if pool is None:
        pool = _paragraphs[key] = _build_paragraphs(industry_index, city_index)
    return pool


def goals(city_index: int, with_who: bool) -> tuple[str, ...]:
    """Networking goals; with ``with_who`` some contain ``{who}`` for the caller to fill."""
    key = (city_index, with_who)
    pool = _goals.get(key)
    if pool is None:
        pool = _goals[key] = _build_goals(city_index, with_who)
    return pool


def _build_headlines(industry_index: int, city_index: int) -> tuple[str, ...]:
    rng = _pool_rng(1, industry_index, city_index)
    industry = catalogue.INDUSTRY_LIST[industry_index]
    city = catalogue.CITY_LIST[city_index].name
    out = []
    for _ in range(POOL_SIZE):
        role = rng.choice(industry.roles)
        bare_role = catalogue.capitalise(role.split(" ", 1)[1])
        headline = rng.choice(common.HEADLINES).format(
            role=role,
            Role=bare_role,
            city=city,
            business=rng.choice(industry.businesses),
            audience=rng.choice(industry.audiences),
            pitch=rng.choice(industry.pitches),
            years=rng.choice(_YEARS),
        )
        if len(headline) > catalogue.HEADLINE_MAX:
            headline = common.SHORT_HEADLINE.format(Role=bare_role, city=city)
        out.append(headline)
    return tuple(out)


def _build_paragraphs(industry_index: int, city_index: int) -> tuple[str, ...]:
    rng = _pool_rng(2, industry_index, city_index)
    industry: Industry = catalogue.INDUSTRY_LIST[industry_index]
    city = catalogue.CITY_LIST[city_index].name
    out = []
    for _ in range(POOL_SIZE):
        personal = rng.choice(common.PERSONAL).format(
            city=city, years=rng.choice(_LIVED), hobby=rng.choice(common.HOBBIES)
        )
        text = f"{rng.choice(industry.work)} {rng.choice(industry.details)} {personal}"
        out.append(text[: catalogue.WHAT_I_DO_MAX])
    return tuple(out)


def _build_goals(city_index: int, with_who: bool) -> tuple[str, ...]:
    rng = _pool_rng(3, city_index, int(with_who))
    city = catalogue.CITY_LIST[city_index].name
    templates = common.GOALS if with_who else _GOALS_WITHOUT_WHO
    out = []
    for _ in range(POOL_SIZE):
        first = rng.choice(templates)
        second = rng.choice(templates) if rng.random() < 0.45 else first
        text = first if second == first else f"{first} {second}"
        # Leave {who} in place: the member's own ask fills it.
        out.append(text.format(who="{who}", city=city, count=rng.choice(_COUNTS)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a member is in one city: name, languages, a fictional phone, a website stem.

    ``site`` is the website's host name without ``.example``; where ``site_word``
    is set, the member's industry word is appended ("okafor-books").
    """

    first_name: str
    last_name: str
    email_stem: str
    languages: tuple[str, ...]
    phone: str
    site: str
    site_word: bool


IDENTITY_POOL_SIZE = 1024

_identities: dict[int, tuple[Identity, ...]] = {}


def identities(city_index: int) -> tuple[Identity, ...]:
    """Names drawn from the city's name groups, with languages that fit the city and the name."""
    pool = _identities.get(city_index)
    if pool is None:
        pool = _identities[city_index] = _build_identities(city_index)
    return pool


def _build_identities(city_index: int) -> tuple[Identity, ...]:
    rng = _pool_rng(4, city_index)
    city = catalogue.CITY_LIST[city_index]
    groups = [catalogue.NAME_GROUPS[key] for key, _ in city.name_groups]
    weights = [weight for _, weight in city.name_groups]
    phone_format = city.phone.replace("#", "{}")
    digits = city.phone.count("#")
    out = []
    for group in rng.choices(groups, weights, k=IDENTITY_POOL_SIZE):
        first = rng.choice(group.first)
        last = rng.choice(group.last)
        first_slug, last_slug = catalogue.slug(first), catalogue.slug(last)
        number = rng.randrange(city.phone_low, city.phone_high)
        style = rng.random()
        if style < 0.4:
            site, site_word = f"{first_slug}{last_slug}", False
        elif style < 0.75:
            site, site_word = last_slug, True
        else:
            site, site_word = f"{first_slug}-{last_slug}", True
        out.append(
            Identity(
                first_name=first,
                last_name=last,
                email_stem=f"{first_slug}.{last_slug}",
                languages=_languages(rng, city, group.language),
                phone=phone_format.format(*f"{number:0{digits}d}"),
                site=site,
                site_word=site_word,
            )
        )
    return tuple(out)


def _languages(rng: random.Random, city: City, heritage: str | None) -> tuple[str, ...]:
    """The city's languages, English often, the name's heritage language sometimes."""
    languages = list(city.languages)
    if "English" not in languages and rng.random() < city.english:
        languages.append("English")
    if heritage and heritage not in languages and rng.random() < 0.55:
        languages.append(heritage)
    for language, share in city.extra_languages:
        if language not in languages and rng.random() < share:
            languages.append(language)
    return tuple(languages)
