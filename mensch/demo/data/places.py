"""Cities of the demo community.

Every phone pattern lies in a range its regulator keeps for fiction, so a demo
number can be printed, dialled by a curious visitor, and reach nobody:

* UK: Ofcom drama numbers, e.g. 020 7946 0000-0999, 0161 496 0000-0999;
* Ireland: ComReg's 020 91x xxxx;
* Germany: the Bundesnetzagentur's Filmrufnummern (Berlin 030 23125 000-999,
  Munich 089 99998 000-999, Hamburg 040 66969 000-999);
* France: ARCEP's fiction ranges 01 99 00 xx xx and 04 65 71 xx xx;
* Sweden: PTS's mobile fiction range 070-174 06 05 to 99;
* USA and Canada: 555-0100 to 555-0199 in any area code;
* Australia: ACMA's (02) 5550 xxxx and (03) 7010 xxxx.
"""

from __future__ import annotations

from mensch.demo.schema import City

_UK = (("anglo", 50), ("irish", 5), ("hindi", 6), ("urdu", 6), ("tamil", 2), ("yoruba", 4))
_UK_MORE = (("igbo", 3), ("ghanaian", 3), ("polish", 5), ("italian", 2), ("mandarin", 3))
_UK_REST = (("turkish", 2), ("somali", 2), ("arabic", 2), ("spanish", 2), ("french", 2))
_UK_ALL = _UK + _UK_MORE + _UK_REST

_GERMAN = (("german", 60), ("turkish", 10), ("polish", 5), ("arabic", 4), ("ukrainian", 4))
_GERMAN_ALL = _GERMAN + (("italian", 3), ("persian", 2), ("anglo", 3), ("vietnamese", 2))

_FRENCH = (("french", 70), ("arabic", 8), ("portuguese", 4), ("vietnamese", 3))
_FRENCH_ALL = _FRENCH + (("italian", 3), ("spanish", 3), ("ghanaian", 1), ("mandarin", 2))

_NORTH_AMERICA = (("anglo", 40), ("spanish", 12), ("mandarin", 5), ("hindi", 5), ("korean", 3))
_NA_MORE = (("italian", 3), ("irish", 3), ("hebrew", 3), ("filipino", 3), ("igbo", 2))
_NA_ALL = _NORTH_AMERICA + _NA_MORE + (("vietnamese", 2), ("persian", 2), ("japanese", 2))

_AUSTRALIA = (("anglo", 50), ("mandarin", 8), ("vietnamese", 5), ("hindi", 5), ("italian", 4))
_AUSTRALIA_ALL = _AUSTRALIA + (("filipino", 3), ("korean", 3), ("arabic", 3), ("irish", 3))

CITY_LIST: tuple[City, ...] = (
    City(
        name="London",
        country="United Kingdom",
        languages=("English",),
        english=1.0,
        extra_languages=(("French", 0.08), ("Spanish", 0.06)),
        phone="+44 20 7946 0###",
        phone_low=0,
        phone_high=1000,
        name_groups=_UK_ALL,
        weight=14,
    ),
    City(
        name="Manchester",
        country="United Kingdom",
        languages=("English",),
        english=1.0,
        extra_languages=(("Spanish", 0.05),),
        phone="+44 161 496 0###",
        phone_low=0,
        phone_high=1000,
        name_groups=_UK_ALL,
        weight=7,
    ),
    City(
        name="Edinburgh",
        country="United Kingdom",
        languages=("English",),
        english=1.0,
        extra_languages=(("Scottish Gaelic", 0.03), ("French", 0.06)),
        phone="+44 131 496 0###",
        phone_low=0,
        phone_high=1000,
        name_groups=(("anglo", 70), ("irish", 5), ("polish", 6), ("italian", 4), ("hindi", 3)),
        weight=5,
    ),
    City(
        name="Cork",
        country="Ireland",
        languages=("English",),
        english=1.0,
        extra_languages=(("Irish", 0.2), ("French", 0.05)),
        phone="+353 20 91# ####",
        phone_low=0,
        phone_high=100_000,
        name_groups=(("irish", 70), ("anglo", 10), ("polish", 8), ("portuguese", 3)),
        weight=3,
    ),
    City(
        name="Berlin",
        country="Germany",
        languages=("German",),
        english=0.85,
        extra_languages=(("French", 0.06), ("Spanish", 0.05)),
        phone="+49 30 23125 ###",
        phone_low=0,
        phone_high=1000,
        name_groups=_GERMAN_ALL,
        weight=8,
    ),
    City(
        name="Munich",
        country="Germany",
        languages=("German",),
        english=0.8,
        extra_languages=(("Italian", 0.05), ("French", 0.05)),
        phone="+49 89 99998 ###",
        phone_low=0,
        phone_high=1000,
        name_groups=_GERMAN_ALL,
        weight=5,
    ),
    City(
        name="Hamburg",
        country="Germany",
        languages=("German",),
        english=0.8,
        extra_languages=(("Danish", 0.04), ("French", 0.04)),
        phone="+49 40 66969 ###",
        phone_low=0,
        phone_high=1000,
        name_groups=_GERMAN_ALL,
        weight=4,
    ),
    City(
        name="Paris",
        country="France",
        languages=("French",),
        english=0.7,
        extra_languages=(("Spanish", 0.08), ("German", 0.04)),
        phone="+33 1 99 00 ## ##",
        phone_low=0,
        phone_high=10_000,
        name_groups=_FRENCH_ALL,
        weight=8,
    ),
    City(
        name="Lyon",
        country="France",
        languages=("French",),
        english=0.6,
        extra_languages=(("Italian", 0.06), ("Spanish", 0.05)),
        phone="+33 4 65 71 ## ##",
        phone_low=0,
        phone_high=10_000,
        name_groups=_FRENCH_ALL,
        weight=4,
    ),
    City(
        name="Stockholm",
        country="Sweden",
        languages=("Swedish",),
        english=0.95,
        extra_languages=(("German", 0.05), ("Finnish", 0.04)),
        phone="+46 70 174 06 ##",
        phone_low=5,
        phone_high=100,
        name_groups=(("swedish", 70), ("persian", 5), ("arabic", 5), ("somali", 3), ("polish", 3)),
        weight=5,
    ),
    City(
        name="Montreal",
        country="Canada",
        languages=("French", "English"),
        english=1.0,
        extra_languages=(("Spanish", 0.06), ("Arabic", 0.03)),
        phone="+1 514 555 01##",
        phone_low=0,
        phone_high=100,
        name_groups=(("french", 55), ("anglo", 15), ("arabic", 6), ("italian", 5), ("spanish", 4)),
        weight=5,
    ),
    City(
        name="Toronto",
        country="Canada",
        languages=("English",),
        english=1.0,
        extra_languages=(("French", 0.1),),
        phone="+1 416 555 01##",
        phone_low=0,
        phone_high=100,
        name_groups=_NA_ALL + (("somali", 2), ("tamil", 3), ("portuguese", 2)),
        weight=7,
    ),
    City(
        name="New York",
        country="United States",
        languages=("English",),
        english=1.0,
        extra_languages=(("Spanish", 0.15), ("French", 0.04)),
        phone="+1 212 555 01##",
        phone_low=0,
        phone_high=100,
        name_groups=_NA_ALL + (("ghanaian", 2), ("yoruba", 2), ("ukrainian", 2)),
        weight=9,
    ),
    City(
        name="Austin",
        country="United States",
        languages=("English",),
        english=1.0,
        extra_languages=(("Spanish", 0.25),),
        phone="+1 512 555 01##",
        phone_low=0,
        phone_high=100,
        name_groups=_NA_ALL + (("spanish", 10),),
        weight=4,
    ),
    City(
        name="Miami",
        country="United States",
        languages=("English",),
        english=1.0,
        extra_languages=(("Spanish", 0.5), ("Portuguese", 0.06)),
        phone="+1 305 555 01##",
        phone_low=0,
        phone_high=100,
        name_groups=(("spanish", 45), ("anglo", 25), ("portuguese", 8), ("hebrew", 4)),
        weight=4,
    ),
    City(
        name="Sydney",
        country="Australia",
        languages=("English",),
        english=1.0,
        extra_languages=(("Mandarin", 0.04),),
        phone="+61 2 5550 ####",
        phone_low=0,
        phone_high=10_000,
        name_groups=_AUSTRALIA_ALL,
        weight=6,
    ),
    City(
        name="Melbourne",
        country="Australia",
        languages=("English",),
        english=1.0,
        extra_languages=(("Italian", 0.04), ("Greek", 0.04)),
        phone="+61 3 7010 ####",
        phone_low=0,
        phone_high=10_000,
        name_groups=_AUSTRALIA_ALL,
        weight=5,
    ),
)
