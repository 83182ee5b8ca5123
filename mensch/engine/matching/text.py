"""Tokenising, light stemming and concept tags for the lexical model."""

from __future__ import annotations

import re
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from mensch.engine.matching.concepts import CONCEPTS, CONTEXT_OVERRIDES

# Words every ask or offer uses ("looking for someone who can help") say nothing
# about what is asked or offered.
_DOMAIN_STOP_WORDS = frozenset(
    {
        "looking",
        "seeking",
        "need",
        "needs",
        "needed",
        "want",
        "wanted",
        "wants",
        "someone",
        "somebody",
        "anyone",
        "help",
        "helps",
        "helping",
        "offer",
        "offering",
        "offers",
        "provide",
        "providing",
        "happy",
        "love",
        "able",
        "like",
        "people",
        "person",
        "find",
        "finding",
        "get",
        "getting",
        "good",
        "great",
        "really",
        "also",
        "just",
        "things",
        "thing",
        "way",
        "ways",
        "lot",
        "kind",
        "sort",
        "can",
        "could",
        "would",
        "will",
        "ll",
        "ve",
        "re",
        "don",
        "let",
        "make",
        "making",
        "share",
        "sharing",
        "open",
        "glad",
        "ideally",
        "especially",
        "particular",
        "maybe",
        "keen",
        "interested",
        "small",
        "take",
        "care",
        "new",
        "business",
        "businesses",
        "company",
        "companies",
        # When and how often ("two days a week", "once a month") says nothing about what:
        # "a physiotherapist two days a week" is not met by "a spare desk two days a week".
        "day",
        "days",
        "daily",
        "week",
        "weeks",
        "weekly",
        "month",
        "months",
        "monthly",
        "year",
        "years",
        "yearly",
        "hour",
        "hours",
        "hourly",
        "time",
        "times",
        "once",
        "twice",
        "next",
        "first",
        "local",
        "quick",
        "quickly",
        "properly",
        "reliable",
        "decent",
        "busy",
        "service",
        "services",
    }
)
STOP_WORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS) | _DOMAIN_STOP_WORDS

_WORD_RE = re.compile(r"[a-z0-9]+(?:[-+][a-z0-9]+)*\+*")
_IT_RE = re.compile(r"\bIT\b")
_POSSESSIVE_RE = re.compile(r"['\u2019]s\b")

# Suffixes stripped by the stemmer, longest first; a stem keeps at least 4 letters
# (3 after "-ing"/"-ed" so "coding" meets "code").
_SUFFIXES: tuple[str, ...] = (
    "ational",
    "ization",
    "isation",
    "ically",
    "ations",
    "ation",
    "ments",
    "ment",
    "ness",
    "ings",
    "ical",
    "ally",
    "ists",
    "ance",
    "ence",
    "able",
    "ing",
    "ers",
    "ist",
    "ism",
    "ity",
    "ive",
    "ant",
    "ful",
    "er",
    "ly",
    "ed",
    "ic",
    "al",
)
# Words whose stem would collide with an unrelated word ("booking" is not "books").
# "planned maintenance" is not strategy ("planning"), an "internal tool" is not an intern,
# "local" is not "localisation", "working out" is not "workers", "follow up" is not
# "followers".
_KEEP: dict[str, str] = {
    "booking": "booking",
    "bookings": "booking",
    "booked": "booking",
    "planned": "planned",
    "internal": "internal",
    "internally": "internal",
    "localisation": "localis",
    "localization": "localis",
    "localise": "localis",
    "localize": "localis",
    "workers": "worker",
    "worker": "worker",
    "followers": "follower",
    "follower": "follower",
}
_SHORT_OK = frozenset({"ing", "ed", "er", "ers", "ings"})
_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stemmer: designer, designing, designs -> design; books -> book."""
    w = word
    if w in _KEEP:
        return _KEEP[w]
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in _SUFFIXES:
        if not w.endswith(suffix):
            continue
        rest = w[: -len(suffix)]
        minimum = 3 if suffix in _SHORT_OK else 4
        if len(rest) >= minimum and any(ch in _VOWELS for ch in rest):
            w = rest
            break
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in _VOWELS:
        w = w[:-1]
    if len(w) >= 4 and w.endswith("e"):
        w = w[:-1]
    if len(w) >= 5 and w.endswith("y"):
        w = w[:-1]
    return w


def _words(text: str) -> list[str]:
    text = _IT_RE.sub(" itsupport ", text)
    text = _POSSESSIVE_RE.sub("", text.lower())
    return _WORD_RE.findall(text)


def _build_concept_maps() -> tuple[
    dict[str, tuple[str, ...]], dict[tuple[str, ...], tuple[str, ...]]
]:
    single: dict[str, list[str]] = {}
    phrases: dict[tuple[str, ...], list[str]] = {}
    for concept, signals in CONCEPTS.items():
        for signal in signals:
            stems = tuple(
                stem(w) for w in _words(signal) if w not in STOP_WORDS or len(signal.split()) > 1
            )
            if len(stems) == 1:
                single.setdefault(stems[0], []).append(concept)
            elif stems:
                phrases.setdefault(stems, []).append(concept)
    return (
        {k: tuple(dict.fromkeys(v)) for k, v in single.items()},
        {k: tuple(dict.fromkeys(v)) for k, v in phrases.items()},
    )


_SINGLE_CONCEPTS, _PHRASE_CONCEPTS = _build_concept_maps()
# stem -> [(context stems, concept it signals instead)]
_OVERRIDES: dict[str, list[tuple[frozenset[str], str]]] = {}
for _word, _context, _concept in CONTEXT_OVERRIDES:
    _OVERRIDES.setdefault(stem(_word), []).append((frozenset(stem(w) for w in _context), _concept))


@lru_cache(maxsize=262144)
def analyze(text: str) -> tuple[str, ...]:
    """Stemmed content words of ``text`` plus ``#concept`` tokens.

    Context can redirect an ambiguous word: "accounts" next to "Instagram"
    signals social media, not bookkeeping.
    """
    raw = _words(text)
    all_stems = [stem(w) for w in raw]
    tokens = [s for w, s in zip(raw, all_stems, strict=True) if w not in STOP_WORDS and len(w) > 1]
    present = frozenset(all_stems)
    concepts: list[str] = []
    for s in tokens:
        override = next((c for ctx, c in _OVERRIDES.get(s, ()) if ctx & present), None)
        if override is not None:
            concepts.append(override)
            continue
        concepts.extend(_SINGLE_CONCEPTS.get(s, ()))
    for size in (2, 3):
        for start in range(len(all_stems) - size + 1):
            concepts.extend(_PHRASE_CONCEPTS.get(tuple(all_stems[start : start + size]), ()))
    return (*tokens, *(f"#{c}" for c in dict.fromkeys(concepts)))
