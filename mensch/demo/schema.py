"""Shapes of the demo catalogue: industries, services, cities, name groups.

The catalogue modules hold plain data in these shapes; ``mensch.demo.catalogue``
checks it once at import and turns it into the lookup tables the generator draws
from. Nothing here imports Django.
"""

from __future__ import annotations

from dataclasses import dataclass

# ``askers`` entry meaning "any industry may ask for this".
ANYONE = "*"


@dataclass(frozen=True, slots=True)
class Industry:
    """One line of work, with the words its members use about themselves.

    ``roles`` carry their article ("a bookkeeper", "an editor") so templates can
    say "I'm a bookkeeper" or, with the article dropped, "Bookkeeper in Leeds".
    ``pitches`` finish "I help ..." with whom and what: "landlords let their flats
    without the headaches".
    ``circle`` names the people a member of this industry knows well; it feeds
    introduction asks and offers. ``hiring`` are talent asks for the industry's
    own roles; ``freelance`` are talent offers of a member's own time.
    """

    key: str
    label: str
    web_word: str
    roles: tuple[str, ...]
    businesses: tuple[str, ...]
    audiences: tuple[str, ...]
    pitches: tuple[str, ...]
    circle: str
    work: tuple[str, ...]
    details: tuple[str, ...]
    hiring: tuple[str, ...]
    freelance: tuple[str, ...]
    clients: tuple[str, ...]
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class Service:
    """Something members of ``providers`` offer and members of ``askers`` ask for.

    Phrasings are written in two voices: ``offers`` the way a provider says it
    ("I keep the books for creative businesses"), ``asks`` the way someone who
    needs it says it ("someone to keep my studio's books"). A phrasing may start
    with ``"[industry,...] "`` to keep it to members of those industries ("our new
    restaurant"), then with ``"<kind>|"`` to override ``kind`` for that phrasing. A phrasing that
    starts with a lower-case letter is a noun phrase and gets lead-ins such as
    "Looking for ..."; one that starts with a capital is used as written.
    """

    key: str
    kind: str
    who: str
    providers: tuple[str, ...]
    askers: tuple[str, ...]
    offers: tuple[str, ...]
    asks: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class City:
    """A place members live in, with languages and a fictional phone range.

    ``phone`` has one ``#`` per random digit; every range used is one that a
    regulator reserves for fiction (Ofcom drama numbers, North American
    555-01xx, the Bundesnetzagentur's Filmrufnummern, and so on), so no real
    subscriber is ever printed. ``phone_low`` and ``phone_high`` bound the
    random number (inclusive, exclusive).
    """

    name: str
    country: str
    languages: tuple[str, ...]
    english: float
    extra_languages: tuple[tuple[str, float], ...]
    phone: str
    phone_low: int
    phone_high: int
    name_groups: tuple[tuple[str, int], ...]
    weight: int

    @property
    def label(self) -> str:
        return f"{self.name}, {self.country}"


@dataclass(frozen=True, slots=True)
class NameGroup:
    """First and last names that go together, and the language they bring."""

    key: str
    language: str | None
    first: tuple[str, ...]
    last: tuple[str, ...]


def split_names(text: str) -> tuple[str, ...]:
    """``"Dana, Dela Cruz"`` -> ``("Dana", "Dela Cruz")``; keeps the name lists short."""
    return tuple(part.strip() for part in text.split(",") if part.strip())
