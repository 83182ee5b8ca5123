"""Plain data out of the listening coach."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

type Context = Literal["first_message", "introduction_request", "event_chat"]
type Verdict = Literal["listening", "mixed", "broadcasting"]

CONTEXTS: tuple[str, ...] = ("first_message", "introduction_request", "event_chat")

# A draft at or above this score asks "send anyway?" before it goes out. It is
# where the two core habits of the "Me! Me! Me!" networker meet: talking only
# about oneself and asking nothing. Either alone stays below it.
CONFIRM_THRESHOLD = 50
# Below this a draft reads as listening; between the two it is mixed.
LISTENING_BELOW = 25

# Nobody writes a first message longer than this; past it we stop reading so a
# 10 MB paste costs the same as a long letter.
MAX_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class Signal:
    """One reason a draft reads as broadcasting, in plain words, with what to do."""

    code: str
    points: int
    explanation: str
    suggestion: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MessageStats:
    characters: int  # of the whole text, before any cap
    words: int
    self_mentions: int
    other_mentions: int
    questions: int  # genuine questions, sales lines with a question mark excluded
    sales_questions: int
    links: int
    contact_details: int
    exclamations: int
    capitalised_words: int


@dataclass(frozen=True, slots=True)
class CoachResult:
    """Score 0-100 (higher is pitchier), verdict, and the signals behind it."""

    score: int
    verdict: Verdict
    needs_confirmation: bool
    context: Context
    signals: tuple[Signal, ...]  # problems, heaviest first
    strengths: tuple[str, ...]  # what the draft already does well
    notes: tuple[str, ...]  # about the analysis itself (e.g. text cut short)
    stats: MessageStats
    truncated: bool

    @property
    def suggestions(self) -> list[str]:
        return [signal.suggestion for signal in self.signals]

    @property
    def summary(self) -> str:
        """One sentence for the top of the coach panel."""
        if self.verdict == "listening":
            head = "This reads like listening"
        elif self.verdict == "mixed":
            head = "This is partly about them, partly a pitch"
        else:
            head = "This reads like broadcasting"
        if self.signals:
            return f"{head} ({self.score}/100). {self.signals[0].explanation}"
        return f"{head} ({self.score}/100)."


@dataclass(frozen=True, slots=True)
class FloodCheck:
    """Whether an event-chat message is mostly links and contact details."""

    collapse: bool
    links: int
    contact_details: int
    share: float  # of non-space characters taken by links and contact details
    content_words: int  # words outside links and contact details
    reason: str

    @property
    def only_links_and_contacts(self) -> bool:
        return (self.links + self.contact_details) > 0 and self.content_words == 0
