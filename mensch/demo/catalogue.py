"""The demo catalogue, assembled and checked once at import.

Industries, services, cities and name groups come from ``mensch.demo.data``.
This module validates them (every kind is a real item kind, every industry key
exists, every text fits its limit) so that a typo in the data fails loudly here
rather than as odd demo data, and renders each phrasing into the variants a
member might write ("Looking for a bookkeeper ...", "Can anyone recommend a
bookkeeper ...?").
"""

from __future__ import annotations

import unicodedata

from mensch.demo.data import (
    advisers,
    buildings,
    common,
    creative,
    local,
    money,
    names,
    places,
    tech,
)
from mensch.demo.schema import ANYONE, City, Industry, NameGroup, Service
from mensch.vocabulary import ITEM_KINDS

HEADLINE_MAX = 160
ITEM_MAX = 200
WHAT_I_DO_MAX = 600
GOALS_MAX = 300

_FAMILIES = (money, creative, tech, advisers, buildings, local)

INDUSTRY_LIST: tuple[Industry, ...] = tuple(i for family in _FAMILIES for i in family.INDUSTRIES)
SERVICE_LIST: tuple[Service, ...] = tuple(
    s for family in _FAMILIES for s in family.SERVICES
) + tuple(common.GENERIC_SERVICES)
CITY_LIST: tuple[City, ...] = places.CITY_LIST
NAME_GROUPS: dict[str, NameGroup] = {group.key: group for group in names.NAME_GROUPS}
INDUSTRY_BY_KEY: dict[str, Industry] = {industry.key: industry for industry in INDUSTRY_LIST}

INDUSTRIES: tuple[str, ...] = tuple(industry.label for industry in INDUSTRY_LIST)
CITIES: tuple[str, ...] = tuple(city.label for city in CITY_LIST)

# Letters that NFKD does not take apart into a base letter and an accent.
_ASCII_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "ß": "ss", "æ": "ae"})


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits only: ``"O'Brien"`` -> ``"obrien"``."""
    folded = unicodedata.normalize("NFKD", text.translate(_ASCII_FOLD))
    return "".join(ch for ch in folded.lower() if ch.isascii() and ch.isalnum())


def split_kind(phrase: str, default_kind: str) -> tuple[str, str]:
    """``"talent|a junior designer"`` -> ``("talent", "a junior designer")``."""
    kind, bar, text = phrase.partition("|")
    if not bar:
        return default_kind, phrase
    return kind, text


def split_only(phrase: str) -> tuple[tuple[str, ...], str]:
    """``"[health] a contractor for a clinic fit-out"`` -> ``(("health",), "a contractor ...")``.

    An ask phrasing that only makes sense for some industries ("our new
    restaurant") names them in brackets; an untagged phrasing suits anyone.
    """
    if not phrase.startswith("["):
        return (), phrase
    close = phrase.index("]")
    only = tuple(key.strip() for key in phrase[1:close].split(","))
    return only, phrase[close + 1 :].lstrip()


def phrasings_for(phrases: tuple[str, ...], industry_key: str | None) -> tuple[str, ...]:
    """The phrasings a member of ``industry_key`` may use (all of them for ``None``)."""
    out = []
    for phrase in phrases:
        only, rest = split_only(phrase)
        if industry_key is None or not only or industry_key in only:
            out.append(rest)
    return tuple(out)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _render(leads: tuple[str, ...], text: str) -> tuple[str, ...]:
    """Every lead-in applied to a noun phrase; a full sentence is kept as written."""
    if not text[:1].islower():
        return (text,)
    cap = capitalise(text)
    return tuple(lead.format(p=text, cap=cap) for lead in leads)


def ask_variants(text: str) -> tuple[str, ...]:
    leads = common.ASK_PLAIN + common.ASK_MORE
    if text.startswith(common.PERSON_STARTS):
        leads += common.ASK_PERSON
    return _render(leads, text)


def offer_variants(text: str) -> tuple[str, ...]:
    return _render(common.OFFER_PLAIN, text)


def client_variants(text: str) -> tuple[str, ...]:
    return _render(common.CLIENT_LEADS, text)


def hiring_variants(text: str) -> tuple[str, ...]:
    return _render(common.HIRING_LEADS, text)


def plain_variants(text: str) -> tuple[str, ...]:
    return (capitalise(text),)


def provides(service: Service, industry_key: str) -> bool:
    return ANYONE in service.providers or industry_key in service.providers


def ask_weight(service: Service, industry_key: str) -> int:
    """How often a member of ``industry_key`` asks for ``service``: 0, 1 (anyone) or 4 (typical).

    Members do not ask for their own industry's services through the "anyone"
    entry; they do where the service names their industry outright (a
    manufacturer looking for a distribution partner).
    """
    if industry_key in service.askers:
        return 4
    if ANYONE in service.askers and industry_key not in service.providers:
        return 1
    return 0


def _check_text(where: str, text: str, limit: int) -> None:
    if not text.strip():
        raise ValueError(f"{where}: empty text")
    if len(text) > limit:
        raise ValueError(f"{where}: {len(text)} characters, limit {limit}: {text!r}")


def _check_kind(where: str, kind: str) -> None:
    if kind not in ITEM_KINDS:
        raise ValueError(f"{where}: unknown item kind {kind!r}")


def _check_services() -> None:
    keys = set(INDUSTRY_BY_KEY) | {ANYONE}
    seen: set[str] = set()
    for service in SERVICE_LIST:
        where = f"service {service.key}"
        if service.key in seen:
            raise ValueError(f"{where}: duplicate key")
        seen.add(service.key)
        _check_kind(where, service.kind)
        unknown = (set(service.providers) | set(service.askers)) - keys
        if unknown:
            raise ValueError(f"{where}: unknown industries {sorted(unknown)}")
        if not service.offers:
            raise ValueError(f"{where}: no offers")
        for phrase in service.offers + service.asks:
            only, rest = split_only(phrase)
            if set(only) - set(INDUSTRY_BY_KEY):
                raise ValueError(f"{where}: unknown industries in {phrase!r}")
            if only and ANYONE not in service.askers and set(only) - set(service.askers):
                raise ValueError(f"{where}: {phrase!r} names an industry that never asks")
            kind, text = split_kind(rest, service.kind)
            _check_kind(where, kind)
            _check_text(where, text, ITEM_MAX - 30)


def _check_industries() -> None:
    if len(INDUSTRY_BY_KEY) != len(INDUSTRY_LIST):
        raise ValueError("duplicate industry key")
    for industry in INDUSTRY_LIST:
        where = f"industry {industry.key}"
        for role in industry.roles:
            if not role.startswith(("a ", "an ")):
                raise ValueError(f"{where}: role {role!r} needs its article")
        for phrase in industry.hiring + industry.freelance + industry.clients:
            kind, text = split_kind(phrase, "talent")
            _check_kind(where, kind)
            _check_text(where, text, ITEM_MAX - 30)
        if not any(provides(s, industry.key) and ANYONE not in s.providers for s in SERVICE_LIST):
            raise ValueError(f"{where}: offers no service")


def _check_places() -> None:
    for city in CITY_LIST:
        for group_key, _weight in city.name_groups:
            if group_key not in NAME_GROUPS:
                raise ValueError(f"city {city.name}: unknown name group {group_key!r}")
        if city.phone.count("#") < len(str(city.phone_high - 1)):
            raise ValueError(f"city {city.name}: phone pattern too short for its range")


_check_services()
_check_industries()
_check_places()
