"""What goes into the card parser and what comes out."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class OcrLine:
    """One line of text the OCR read, with its box in pixels when the reader gives one
    (``height`` 0 means unknown; then the order of the lines is all the parser has)."""

    text: str
    left: int = 0
    top: int = 0
    width: int = 0
    height: int = 0
    confidence: float = 1.0


@dataclass(frozen=True)
class CardFields:
    """The fields read off a card; phones are E.164 where they could be normalised,
    else as printed. Empty strings and tuples for what the card didn't show."""

    name: str = ""
    company: str = ""
    role: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    website: str = ""
    address: str = ""
    leftover: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        """No name, email, phone or web address: a photo without a card on it (a word
        or two read off a logo or a cat is not enough to make a contact)."""
        return not (self.name or self.emails or self.phones or self.website)
