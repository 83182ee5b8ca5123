"""One function per habit of broadcasting; each returns a Signal or None.

``recipient_name`` here is already reduced to a first name (or None).

Points are the weight of each habit on the 0-100 scale. The two core habits,
talking only about oneself and asking nothing, together reach the
confirmation threshold (35 + 15 = 50); sales lines, links and contact details
add on top.
"""

from __future__ import annotations

import re

from mensch.engine.coach.phrases import (
    LISTENING_CREDIT_CAP,
    LISTENING_MARKERS,
    REASON,
    SALES_CATEGORIES,
    SALES_POINTS_CAP,
    SALES_QUESTION,
    SHARED_WE,
    TEMPLATE,
    TIME_REQUEST,
)
from mensch.engine.coach.pressure import is_pressure
from mensch.engine.coach.text import Draft, sentences
from mensch.engine.coach.types import MAX_CHARS, Context, Signal

SELF_WORDS = frozenset(
    ("i", "me", "my", "mine", "myself", "i'm", "i've", "i'll", "i'd")
    + ("we", "us", "our", "ours", "ourselves", "we're", "we've", "we'll", "we'd")
)
OTHER_WORDS = frozenset(
    ("you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd")
    + ("u", "ur", "y'all")
)
SELF_FOCUS_MAX = 35
# An introduction request is itself the ask; there the reason carries the weight.
NO_QUESTION_POINTS = {"first_message": 15, "introduction_request": 8, "event_chat": 5}
FLOOD_POINTS = 25
LINK_POINTS = 8
LINKS_CAP = 30
CONTACT_POINTS = 10
CONTACTS_CAP = 30
# Words beyond which a message becomes a wall of text, per context.
LONG_WORDS = {"first_message": 150, "introduction_request": 150, "event_chat": 80}
LENGTH_MAX = 15
SHOUTING_MAX = 15
# Capitalised words that are names of things, not shouting.
ACRONYMS = frozenset(
    ("CEO", "CTO", "CFO", "COO", "CMO", "CPA", "SEO", "SEM", "PPC", "CRM", "ERP", "API")
    + ("SDK", "USA", "NYC", "EMEA", "APAC", "PDF", "FAQ", "MBA", "PHD", "LLC", "GMBH")
    + ("SAAS", "AWS", "GCP", "SQL", "IPO", "VAT", "GDPR", "NGO", "ESG", "KPI", "OKR")
)
_QUESTION_OPENERS = re.compile(
    r"^(?:would|could|can|do|did|have|are|is|will|may|shall|should) (?:you|there|it|we|i)\b"
    r"|^(?:what|how|when|which|who|where|why)\b"
    r"|^any chance\b"
)
_SALES_EMOJI = frozenset("🚀🔥💰💯👉✅⚡💥📈💸🤑📣⭐🎯")


def times(count: int) -> str:
    return {0: "not once", 1: "once", 2: "twice"}.get(count, f"{count} times")


def count_pronouns(draft: Draft, recipient_name: str | None) -> tuple[int, int]:
    """How often the draft talks about the sender, and about the recipient."""
    shared = len(SHARED_WE.findall(draft.lower))
    self_count = other = 0
    for word in draft.words:
        lowered = word.casefold()
        if lowered in SELF_WORDS and word != "US":  # the country, not "us"
            self_count += 1
        elif lowered in OTHER_WORDS:
            other += 1
    if recipient_name:
        first = recipient_name.casefold()
        other += sum(1 for word in draft.words if word.casefold() == first)
    return max(0, self_count - shared), other


def self_focus(
    self_count: int, other: int, recipient_name: str | None, context: Context
) -> Signal | None:
    total = self_count + other
    if total < 3:
        return None
    share = self_count / total
    evidence = min(1.0, total / 6)
    points = round(SELF_FOCUS_MAX * min(1.0, max(0.0, (share - 0.5) / 0.35)) * evidence)
    if context == "introduction_request":
        # Saying what one needs is the point of an introduction request.
        points = round(points * 0.7)
    if points <= 0:
        return None
    return Signal(
        code="self_focus",
        points=points,
        explanation=(
            f"You talk about yourself {times(self_count)} "
            f"and about {recipient_name or 'them'} {times(other)}."
        ),
        suggestion=(
            f"Ask about what {f'{recipient_name} needs' if recipient_name else 'they need'}, "
            "and say less about yourself."
        ),
    )


def classify_questions(draft: Draft) -> tuple[list[str], list[str], list[str]]:
    """Genuine questions, sales lines dressed as questions, and requests for their time.

    Only the first kind is curiosity about them. "Can we get 15 minutes on
    your calendar?" asks them to give; it is neither listening nor a sin.
    """
    genuine: list[str] = []
    sales: list[str] = []
    requests: list[str] = []
    for sentence in sentences(draft.text):
        lowered = sentence.casefold()
        if not (sentence.endswith("?") or _QUESTION_OPENERS.match(lowered)):
            continue
        if SALES_QUESTION.search(lowered):
            sales.append(sentence)
        elif TIME_REQUEST.search(lowered) or is_pressure(lowered):
            requests.append(sentence)
        else:
            genuine.append(sentence)
    return genuine, sales, requests


def questions(
    genuine: list[str],
    sales: list[str],
    requests: list[str],
    recipient_name: str | None,
    context: Context,
) -> list[Signal]:
    found: list[Signal] = []
    if not genuine:
        found.append(
            Signal(
                code="no_question",
                points=NO_QUESTION_POINTS[context],
                explanation=(
                    "You ask for their time but nothing about them."
                    if requests
                    else "You don't ask anything."
                ),
                suggestion=(
                    f"End with one real question about {recipient_name or 'them'}: "
                    "what are they working on, what would help?"
                ),
            )
        )
    if sales:
        found.append(
            Signal(
                code="sales_question",
                points=5,
                explanation=f"Your question is a sales line: “{_clip(sales[0])}”",
                suggestion="Ask something you don't know the answer to, about them.",
                evidence=tuple(sales),
            )
        )
    return found


def links(draft: Draft, context: Context) -> Signal | None:
    count = len(draft.links)
    if not count:
        return None
    points = LINK_POINTS * count
    if context == "event_chat":
        points -= LINK_POINTS // 2  # sharing the slides in the event chat is normal
    noun = "a link" if count == 1 else f"{count} links"
    return Signal(
        code="links",
        points=min(LINKS_CAP, points),
        explanation=f"You include {noun}; links from someone they don't know read like an advert.",
        suggestion="Leave the links out and offer to send them if they ask.",
        evidence=draft.links,
    )


def contacts(draft: Draft) -> Signal | None:
    kinds = []
    if draft.emails:
        kinds.append("an email address" if len(draft.emails) == 1 else "email addresses")
    if draft.phones:
        kinds.append("a phone number" if len(draft.phones) == 1 else "phone numbers")
    if draft.handles:
        kinds.append("a social handle" if len(draft.handles) == 1 else "social handles")
    if not kinds:
        return None
    count = len(draft.contact_details)
    return Signal(
        code="contact_details",
        points=min(CONTACTS_CAP, CONTACT_POINTS * count),
        explanation=f"You paste contact details ({', '.join(kinds)}).",
        suggestion=(
            "Remove them: they see yours once they accept the connection, if they want them."
        ),
        evidence=draft.contact_details,
    )


def flood(draft: Draft, collapse: bool) -> Signal | None:
    if not collapse:
        return None
    return Signal(
        code="link_flood",
        points=FLOOD_POINTS,
        explanation="It is mostly links and contact details, like a business card thrown at them.",
        suggestion="Write a sentence to them instead; share links when someone asks.",
    )


def sales_phrases(draft: Draft) -> tuple[list[Signal], int]:
    """One signal per category of sales language found, and their total points."""
    found: list[Signal] = []
    total = 0
    for category in SALES_CATEGORIES:
        phrases: list[str] = []
        for pattern in category.patterns:
            match = pattern.search(draft.lower)
            # "15 years of experience" and "years of experience" are one phrase.
            if match and not any(match.group() in p or p in match.group() for p in phrases):
                phrases.append(match.group())
        if not phrases:
            continue
        points = min(SALES_POINTS_CAP - total, category.points_each * len(phrases))
        total += points
        quoted = ", ".join(f"“{p}”" for p in phrases[:4])
        found.append(
            Signal(
                code=category.code,
                points=points,
                explanation=category.explanation.format(phrases=quoted),
                suggestion=category.suggestion,
                evidence=tuple(phrases),
            )
        )
    return found, total


def length(draft: Draft, context: Context) -> Signal | None:
    limit = LONG_WORDS[context]
    words = len(draft.words)
    if draft.truncated:
        points = LENGTH_MAX
        words_said = f"more than {MAX_CHARS:,} characters"
    elif words > limit:
        points = round(LENGTH_MAX * min(1.0, (words - limit) / (2 * limit)))
        words_said = f"{words} words"
    else:
        return None
    if points <= 0:
        return None
    return Signal(
        code="wall_of_text",
        points=points,
        explanation=f"It is long ({words_said}); a wall of text is skimmed, not read.",
        suggestion=f"Cut it to a few sentences (under {limit} words) and keep one point.",
    )


def shouting(draft: Draft) -> Signal | None:
    capitals = [w for w in draft.words if len(w) >= 3 and w.isupper() and w.upper() not in ACRONYMS]
    exclamations = draft.text.count("!")
    emojis = sum(1 for ch in draft.text if ch in _SALES_EMOJI)
    points = 0
    said = []
    if len(capitals) >= 2:
        points += min(8, 2 * len(capitals))
        said.append(f"{len(capitals)} words in capitals")
    if exclamations >= 3 or "!!" in draft.text:
        points += min(8, 2 * exclamations)
        said.append(f"{exclamations} exclamation marks")
    if emojis >= 2:
        points += 4
        said.append(f"{emojis} hype emojis")
    if not points:
        return None
    return Signal(
        code="shouting",
        points=min(SHOUTING_MAX, points),
        explanation=f"It shouts: {' and '.join(said)}.",
        suggestion="Write calmly: sentence case, one exclamation mark at most.",
    )


def impersonal(draft: Draft, recipient_name: str | None, context: Context) -> Signal | None:
    placeholder = TEMPLATE.search(draft.text)
    if placeholder:
        return Signal(
            code="template",
            points=12,
            explanation=f"A template placeholder is left in (“{placeholder.group()}”).",
            suggestion="Write this one yourself, to this person.",
            evidence=(placeholder.group(),),
        )
    if (
        recipient_name
        and context != "event_chat"
        and len(draft.words) >= 25
        and recipient_name.casefold() not in {w.casefold() for w in draft.words}
    ):
        return Signal(
            code="impersonal",
            points=4,
            explanation=f"You never use {recipient_name}'s name; it could have gone to anyone.",
            suggestion=(
                f"Address {recipient_name} and say why you are writing to them in particular."
            ),
        )
    return None


def missing_reason(draft: Draft, context: Context) -> Signal | None:
    if context != "introduction_request" or REASON.search(draft.lower):
        return None
    return Signal(
        code="no_reason",
        points=8,
        explanation="You don't say why you want the introduction.",
        suggestion="Say what you hope to learn or give, and why this person in particular.",
    )


def listening_credits(
    draft: Draft, genuine: list[str], recipient_name: str | None
) -> tuple[list[str], int]:
    """What the draft does well, and how many points that takes off (capped)."""
    strengths: list[str] = []
    credit = 0
    if genuine:
        noun = "a question" if len(genuine) == 1 else f"{len(genuine)} questions"
        strengths.append(f"You ask {noun}, which invites them to talk.")
        credit += 5
    for sentence, points, pattern in LISTENING_MARKERS:
        if pattern.search(draft.lower):
            strengths.append(sentence)
            credit += points
    if recipient_name and recipient_name.casefold() in {w.casefold() for w in draft.words}:
        strengths.append("You address them by name.")
        credit += 2
    return strengths, min(LISTENING_CREDIT_CAP, credit)


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
