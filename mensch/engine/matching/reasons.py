"""One-sentence reasons: which offer meets which ask, in each direction.

"Dana offers brand identity design, which you ask for; you offer bookkeeping for
small studios, which they ask for." The best ask/offer pair in each direction
is found on the text model's item vectors, for whole lists at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from mensch.engine.matching.models import Profile

# A direction is named when its best item pair clears this (after the floor).
MIN_ITEM_SIMILARITY = 0.08
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
    _names: dict[int, str] = field(default_factory=dict)

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
    threshold = floor + MIN_ITEM_SIMILARITY * (1.0 - floor)
    phrases = table.phrases
    for start in range(0, len(members), MEMBER_CHUNK):
        rows = members[start : start + MEMBER_CHUNK]
        shown = lists[start : start + MEMBER_CHUNK]
        safe = np.where(shown >= 0, shown, pad)
        they_help, _, their_offer = _best(table.vectors, table.asks[rows], table.offers[safe])
        we_help, our_offer, _ = _best(table.vectors, table.offers[rows], table.asks[safe])
        forward = they_help >= threshold
        backward = we_help >= threshold
        # With neither side clear of the threshold, name the stronger one.
        neither = ~forward & ~backward
        forward |= neither & (they_help > 0) & (they_help >= we_help)
        backward |= neither & ~forward & (we_help > 0)
        for k, row in enumerate(rows.tolist()):
            mine = phrases(profiles, row)
            reasons = []
            for t, candidate in enumerate(shown[k].tolist()):
                if candidate < 0:
                    continue
                theirs = phrases(profiles, candidate) if forward[k, t] else None
                reasons.append(
                    sentence(
                        table.first_name(profiles, candidate),
                        _at(theirs, int(their_offer[k, t])),
                        _at(mine, int(our_offer[k, t])) if backward[k, t] else None,
                    )
                )
            out.append(reasons)
        if progress is not None:
            progress(len(rows))
    return out


def _at(phrases: list[tuple[str, bool]] | None, position: int) -> tuple[str, bool] | None:
    return phrases[position] if phrases is not None and position < len(phrases) else None


def sentence(
    name: str, their_offer: tuple[str, bool] | None, our_offer: tuple[str, bool] | None
) -> str:
    """Build the reason from the phrases that matched (``(text, is_headline)``)."""
    first = None
    if their_offer is not None:
        text, is_headline = their_offer
        first = (
            f"{name}'s work ({text}) fits what you ask for"
            if is_headline
            else f"{name} offers {text}, which you ask for"
        )
    if our_offer is None:
        return f"{first}." if first else f"{name} may be a good person to meet."
    text, is_headline = our_offer
    if first:
        second = (
            f"your work ({text}) fits what they ask for"
            if is_headline
            else f"you offer {text}, which they ask for"
        )
        return f"{first}; {second}."
    if is_headline:
        return f"Your work ({text}) fits what {name} asks for."
    return f"You offer {text}, which {name} asks for."


@lru_cache(maxsize=65536)
def phrase(text: str) -> str:
    """An item's text as a phrase inside a sentence: trimmed, shortened, quoted if first person."""
    text = " ".join(text.split()).rstrip(" .!;,:")
    if len(text) > MAX_PHRASE:
        cut = text[:MAX_PHRASE].rsplit(" ", 1)[0]
        text = cut.rstrip(" ,;:") + "\u2026"
    if _FIRST_PERSON.search(text):
        return f"\u201c{text}\u201d"
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return text
