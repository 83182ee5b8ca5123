"""Reading a draft: normalising unicode, finding words, links and contact details.

Every pattern here is linear (no nested quantifiers), and input is capped at
``MAX_CHARS`` before any of them runs, so no draft can make the coach slow.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from mensch.engine.coach.types import MAX_CHARS

# Zero-width and soft-hyphen characters, which spammers slip into words to
# dodge filters ("dis\u200bcount").
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})

WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]+", re.IGNORECASE)
# Bare domains people type without a scheme: "acme.io", "linktr.ee/ana". With a
# path any top-level domain counts ("growfast.social/creator"); without one
# only common ones do, so "e.g." or a file name stays prose.
BARE_DOMAIN = re.compile(
    r"(?<![\w@./-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*"
    r"(?:\.[a-z]{2,12}/[^\s<>\"'()\[\]]*"
    r"|\.(?:com|org|net|io|co|ai|app|dev|biz|info|shop|store|site|online|link|ly|ee|gl|me|"
    r"pt|de|uk|fr|es|it|nl|eu|us|ca|au|ch|be|at)(?![\w@]))",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Digits with separators; a phone number has 8 to 15 digits.
PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d ().-]{6,22}\d(?![\w])")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?")
# A handle is a contact detail when the message points at a platform; otherwise
# "@Dana" in a chat is just addressing Dana.
PLATFORM = re.compile(
    r"\b(?:instagram|insta|ig|twitter|tiktok|telegram|whatsapp|signal|threads|youtube|"
    r"facebook|fb|snapchat|linkedin|bluesky|mastodon|follow)\b",
    re.IGNORECASE,
)
SENTENCE = re.compile(r"[^.!?\n]+[.!?]*|[.!?]+")


@dataclass(frozen=True, slots=True)
class Draft:
    """A normalised draft and what was found in it."""

    original_length: int
    truncated: bool
    text: str  # normalised, capped
    lower: str
    words: tuple[str, ...]  # in original case
    links: tuple[str, ...]
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    handles: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]  # where links and contact details sit in ``text``

    @property
    def contact_details(self) -> tuple[str, ...]:
        return self.emails + self.phones + self.handles


def normalise(text: str) -> tuple[str, bool]:
    """NFKC (so 𝐁𝐔𝐘 reads as BUY), invisible characters dropped, plain apostrophes."""
    if not isinstance(text, str):
        raise TypeError(f"a draft is text, not {type(text).__name__}")
    truncated = len(text) > MAX_CHARS
    capped = text[:MAX_CHARS]
    capped = unicodedata.normalize("NFKC", capped)
    capped = _INVISIBLE.sub("", capped).translate(_APOSTROPHES)
    return capped, truncated


def read_draft(text: str) -> Draft:
    normalised, truncated = normalise(text)
    spans: list[tuple[int, int]] = []
    # One byte per character, set where something was already found: checking
    # overlap stays linear however many links a draft stacks up.
    taken = bytearray(len(normalised))

    def take(
        pattern: re.Pattern[str], accept: Callable[[str], bool] | None = None
    ) -> tuple[str, ...]:
        found = []
        for match in pattern.finditer(normalised):
            start, end = match.span()
            if taken.find(1, start, end) != -1:
                continue  # part of something already found (a phone inside a URL)
            value = match.group().rstrip(".,;:!?")
            if accept is not None and not accept(value):
                continue
            end = start + len(value)
            taken[start:end] = b"\x01" * (end - start)
            spans.append((start, end))
            found.append(value)
        return tuple(found)

    links = take(URL)
    emails = take(EMAIL)
    links += take(BARE_DOMAIN)
    phones = take(PHONE, _is_phone)
    handles = take(HANDLE) if PLATFORM.search(normalised) else ()
    return Draft(
        original_length=len(text),
        truncated=truncated,
        text=normalised,
        lower=normalised.casefold(),
        words=tuple(WORD.findall(normalised)),
        links=links,
        emails=emails,
        phones=phones,
        handles=handles,
        spans=tuple(sorted(spans)),
    )


def _is_phone(value: str) -> bool:
    digits = sum(ch.isdigit() for ch in value)
    if not 8 <= digits <= 15 or ISO_DATE.match(value.strip()):
        return False
    # Plain runs of digits are order numbers and the like unless long enough
    # to be a full number; a plus or a separator says "phone".
    return value.startswith(("+", "(")) or any(ch in value for ch in " -.()") or digits >= 10


def sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE.findall(text) if part.strip()]


def outside_spans(draft: Draft) -> str:
    """The draft with links and contact details cut out."""
    pieces, last = [], 0
    for start, end in draft.spans:
        pieces.append(draft.text[last:start])
        last = end
    pieces.append(draft.text[last:])
    return " ".join(pieces)
