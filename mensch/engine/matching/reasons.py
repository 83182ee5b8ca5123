"""One-sentence reasons: which offer meets which ask, in each direction.

"Dana offers brand identity design, which you ask for (a new logo); you offer
bookkeeping for small studios, which they ask for (someone to keep the books)."
The best ask/offer pair in each direction is found on the text model's item
vectors, for whole lists at once. A direction is named only when its best pair
clears the threshold, and the sentence quotes that ask and that offer. When
neither direction clears it, the reason says what the two share (industry,
place, language) and claims no need is met.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from mensch.engine.matching.models import Profile
from mensch.phrasing import join_words, need_phrase, offer_phrase

# A direction is named when its best item pair clears this (after the floor). Below
# it, lexical overlap is mostly a shared common word ("two days a week", "local").
MIN_ITEM_SIMILARITY = 0.2
# Items per side considered for reasons; profile vectors still use all of them.
MAX_ITEMS = 8
MAX_PHRASE = 120
MEMBER_CHUNK = 1024
_FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'll|me|my|we|we're|our|us)\b", re.IGNORECASE)


@dataclass(slots=True)
class ItemTable:
    """Item vectors per member, padded.

    ``vectors[-1]`` is an all-zero row that padding points to, and the last row
    of ``asks`` and ``offers`` is an all-padding member that ``-1`` points to.
    """

    vectors: NDArray[np.float32]
    asks: NDArray[np.int64]  # (members + 1) x items, indices into ``vectors``
    offers: NDArray[np.int64]  # the same for offers (the headline when there are none)
    headline_offer: NDArray[np.bool_]  # bool per member: their offer is the headline
    _phrases: dict[int, list[tuple[str, bool]]] = field(default_factory=dict)
    _ask_phrases: dict[int, list[str]] = field(default_factory=dict)
    _names: dict[int, str] = field(default_factory=dict)

    def ask_phrases(self, profiles: Sequence[Profile], row: int) -> list[str]:
        """A member's asks as sentence phrases ("Looking for a designer?" -> "a designer")."""
        found = self._ask_phrases.get(row)
        if found is None:
            found = [phrase(item.text, ask=True) for item in profiles[row].asks[:MAX_ITEMS]]
            self._ask_phrases[row] = found
        return found

    def phrases(self, profiles: Sequence[Profile], row: int) -> list[tuple[str, bool]]:
        """A member's offers as sentence phrases, with whether each is the headline standing in."""
        found = self._phrases.get(row)
        if found is None:
            profile = profiles[row]
            if self.headline_offer[row]:
                found = [(phrase(profile.headline), True)]
            else:
                found = [(phrase(item.text), False) for item in profile.offers[:MAX_ITEMS]]
            self._phrases[row] = found
        return found

    def first_name(self, profiles: Sequence[Profile], row: int) -> str:
        name = self._names.get(row)
        if name is None:
            name = self._names[row] = profiles[row].first_name
        return name


def _best(
    vectors: NDArray[np.float32], mine: NDArray[np.int64], theirs: NDArray[np.int64]
) -> tuple[NDArray[np.float32], NDArray[np.intp], NDArray[np.intp]]:
    """Best similarity between each member's items and each listed person's items.

    ``mine``: members x a (item indices); ``theirs``: members x top x b.
    Returns (similarity, my item position, their item position), members x top.
    """
    n, top, width = theirs.shape
    own = vectors[mine]  # n x a x d
    other = vectors[theirs.reshape(n, top * width)]  # n x (top*b) x d
    sims = np.matmul(own, other.transpose(0, 2, 1))  # n x a x (top*b)
    sims = sims.reshape(n, mine.shape[1], top, width).transpose(0, 2, 1, 3).reshape(n, top, -1)
    flat = sims.argmax(axis=2)
    best = np.take_along_axis(sims, flat[:, :, None], axis=2)[:, :, 0]
    mine_pos, their_pos = np.divmod(flat, width)
    return best, mine_pos, their_pos


def explain(
    profiles: Sequence[Profile],
    table: ItemTable,
    members: NDArray[np.int64],
    lists: NDArray[np.int64],
    floor: float,
    progress: Callable[[int], None] | None = None,
) -> list[list[str]]:
    """Reasons for each member's list (``lists``: rows x top, ``-1`` padded), addressed to them.

    ``progress`` is called with the number of members whose reasons are done.
    """
    pad = len(table.asks) - 1
    out: list[list[str]] = []
    threshold = item_threshold(floor)
    phrases = table.phrases
    asks = table.ask_phrases
    for start in range(0, len(members), MEMBER_CHUNK):
        rows = members[start : start + MEMBER_CHUNK]
        shown = lists[start : start + MEMBER_CHUNK]
        safe = np.where(shown >= 0, shown, pad)
        they_help, my_ask, their_offer = _best(table.vectors, table.asks[rows], table.offers[safe])
        we_help, our_offer, their_ask = _best(table.vectors, table.offers[rows], table.asks[safe])
        # Only a direction whose best pair clears the threshold is named; never the
        # "stronger" of two that do not.
        forward = they_help >= threshold
        backward = we_help >= threshold
        for k, row in enumerate(rows.tolist()):
            me = profiles[row]
            reasons = []
            for t, candidate in enumerate(shown[k].tolist()):
                if candidate < 0:
                    continue
                name = table.first_name(profiles, candidate)
                gives = None
                if forward[k, t]:
                    gives = _pair(
                        phrases(profiles, candidate),
                        int(their_offer[k, t]),
                        asks(profiles, row),
                        int(my_ask[k, t]),
                    )
                takes = None
                if backward[k, t]:
                    takes = _pair(
                        phrases(profiles, row),
                        int(our_offer[k, t]),
                        asks(profiles, candidate),
                        int(their_ask[k, t]),
                    )
                if gives is None and takes is None:
                    reasons.append(shared_reason(me, profiles[candidate]))
                else:
                    reasons.append(sentence(name, gives, takes))
            out.append(reasons)
        if progress is not None:
            progress(len(rows))
    return out


def item_threshold(floor: float) -> float:
    """The similarity an ask/offer pair needs before a reason says the offer meets the ask."""
    return floor + MIN_ITEM_SIMILARITY * (1.0 - floor)


def _pair(
    offers: list[tuple[str, bool]], offer_at: int, asks: list[str], ask_at: int
) -> tuple[str, bool, str] | None:
    """(offer phrase, offer is the headline, ask phrase), or None if either is missing."""
    if offer_at >= len(offers) or ask_at >= len(asks):
        return None
    text, is_headline = offers[offer_at]
    ask = asks[ask_at]
    if not text or not ask:
        return None
    return text, is_headline, ask


def sentence(
    name: str,
    their_offer: tuple[str, bool, str] | None,
    our_offer: tuple[str, bool, str] | None,
) -> str:
    """The reason from the pairs that matched: ``(offer, offer is headline, ask it meets)``.

    ``their_offer`` is the listed person's offer and the member's ask it meets;
    ``our_offer`` the member's offer and the listed person's ask.
    """
    first = None
    if their_offer is not None:
        text, is_headline, ask = their_offer
        first = (
            f"{name}'s work ({text}) fits what you ask for ({ask})"
            if is_headline
            else f"{name} offers {text}, which you ask for ({ask})"
        )
    if our_offer is None:
        return f"{first}." if first else f"Ask {name} what they are working on."
    text, is_headline, ask = our_offer
    if first:
        second = (
            f"your work ({text}) fits what they ask for ({ask})"
            if is_headline
            else f"you offer {text}, which they ask for ({ask})"
        )
        return f"{first}; {second}."
    if is_headline:
        return f"Your work ({text}) fits what {name} asks for ({ask})."
    return f"You offer {text}, which {name} asks for ({ask})."


def shared_reason(me: Profile, them: Profile) -> str:
    """What two members share, with no claim that either meets the other's need.

    "You and Harry are both in Construction & trades, both based in Manchester and
    both speak Polish." With nothing in common: "Ask Harry what they are working on."
    """
    name = them.first_name
    parts = []
    industry = _same(me.industry, them.industry)
    if industry:
        parts.append(f"in {industry}")
    place = _same(_city(me.location), _city(them.location))
    if place:
        parts.append(f"based in {place}")
    spoken = {" ".join(x.lower().split()): x.strip() for x in me.languages if x.strip()}
    common = [
        spoken[k] for k in (" ".join(x.lower().split()) for x in them.languages) if k in spoken
    ]
    if common:
        return _both(name, parts, f"speak {join_words(common)}")
    if parts:
        return _both(name, parts, None)
    return f"Ask {name} what they are working on."


def _both(name: str, parts: list[str], speak: str | None) -> str:
    clauses = [f"both {p}" for p in parts]
    if speak:
        clauses.append(f"both {speak}")
    verb = "are " if parts else ""
    if not parts and speak:
        return f"You and {name} both {speak}."
    return f"You and {name} {verb}{join_words(clauses)}."


def _same(mine: str, theirs: str) -> str:
    a, b = " ".join(mine.split()), " ".join(theirs.split())
    return a if a and a.lower() == b.lower() else ""


def _city(location: str) -> str:
    return location.split(",")[0].strip()


@lru_cache(maxsize=65536)
def phrase(text: str, *, ask: bool = False) -> str:
    """An item's text as a phrase inside a sentence: openers ("Looking for", "Hiring:") and
    end punctuation gone for an ask, shortened, quoted if first person."""
    text = need_phrase(text) if ask else offer_phrase(text)
    text = text.rstrip(" .!?;,:")
    if len(text) > MAX_PHRASE:
        cut = text[:MAX_PHRASE].rsplit(" ", 1)[0]
        text = cut.rstrip(" ,;:") + "\u2026"
    if _FIRST_PERSON.search(text):
        return f"\u201c{text}\u201d"
    return text
