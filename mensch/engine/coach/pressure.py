"""Pressure: the pitch that talks about *you* (issue 15).

Four habits of the pitch written in the second person, each a signal of its
own, in English with the common German, French and Spanish forms:

* telling the reader what they lose or need ("you're losing customers every
  day", "you need this", "du verlierst Kunden", "vous avez besoin de"),
* urgency and scarcity ("only 3 spots left", "offer ends Friday"),
* price offers ("50% off", "€99/month", "code WELCOME20"),
* asking for their time to show them something ("book a 15-min call",
  "can I show you a quick demo").

The pronoun count cannot see these: the reader is named more often than the
writer. What tells them from a helpful message with the same words is whether
the reader asked for it: "you asked what it costs: €99 a month" answers a
question, and "you said you'd rather talk; can I call you at 10?" follows
their lead. :data:`RESPONSIVE` finds that, and then urgency, prices and call
requests cost nothing (telling someone what they need still costs half).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mensch.engine.coach.text import Draft
from mensch.engine.coach.types import Signal

# The first phrase of a habit costs this much, each further one less, up to a cap.
# One habit, unasked, in a message that asks nothing about them reaches the
# confirmation threshold with the missing question (35 + 15 = 50).
FIRST_POINTS = 35
MORE_POINTS = 5
WEAK_POINTS = 15
HABIT_CAP = 45
PRESSURE_CAP = 45


@dataclass(frozen=True, slots=True)
class Habit:
    code: str
    explanation: str  # "{phrases}" is replaced by the phrases found
    suggestion: str
    patterns: tuple[re.Pattern[str], ...]
    when_asked: float  # share of the points kept when the reader asked for it
    # Phrases that count for WEAK_POINTS only, unless a phrase of ``patterns`` is there
    # too: an amount of money alone ("2,400 EUR of business thanks to you") is no offer.
    weak: tuple[re.Pattern[str], ...] = ()


def _compile(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"(?<![\w])(?:{p})(?![\w])") for p in patterns)


_MONEY_NOUNS = (
    r"(?:customers|clients|money|sales|leads|deals|bookings|revenue|time|opportunities|"
    r"business|patients|guests|traffic)"
)
_DAYS = (
    r"(?:today|tonight|tomorrow|midnight|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|this week|this month|next week|soon|in \d+ (?:hours|days))"
)
_CURRENCY = r"(?:€|\$|£|eur|euros?|usd|dollars?|pounds?|chf|gbp)"

YOU_PRESSURE = Habit(
    code="you_pressure",
    explanation="You tell them what they lose or need, which pressures rather than asks: "
    "{phrases}.",
    suggestion=(
        "Ask what they see as their problem instead of telling them; if they ask, say what "
        "you would do."
    ),
    when_asked=0.5,
    patterns=_compile(
        r"you(?:'re| are) (?:losing|missing|wasting|leaving|burning|paying for|falling|"
        r"invisible|working too hard|missing out)",
        r"you(?:'re| are) (?:not|never) (?:going to|gonna)",
        r"(?:you|your \w+) (?:really )?(?:need|needs) (?:this|it|us|me|to (?:start|switch|fix|"
        r"act|invest|upgrade|hire|get|stop)|an? (?:proper|real|new|better|professional|faster))",
        r"you(?:'ll| will) regret",
        r"you (?:can't|cannot|can not) (?:afford|ignore|keep|wait)",
        r"you (?:should|must|have to) (?:start|switch|act|invest|upgrade|try|get|buy|fix)",
        r"you deserve (?:better|more|a team|a partner)",
        r"you owe it to",
        r"(?:is|are) (?:costing|hurting) you(?:r \w+)?",
        rf"cost(?:s|ing)? you (?:\w+ ){{0,2}}{_MONEY_NOUNS}",
        r"money on the table",
        r"falling behind",
        r"(?:every|each) (?:day|week|month) (?:you wait|without)",
        r"your competitors (?:are|already|will)",
        r"before it's too late",
        r"ticking time bomb",
        r"stop settling",
        r"trust me",
        r"imagine (?:never|if you|having|getting)",
        r"you won't (?:fix|solve|manage)",
        # German, French, Spanish
        r"(?:du verlierst|sie verlieren)",
        r"(?:du brauchst|sie brauchen) (?:das|dies|eine|einen|ein|jetzt)",
        r"(?:vous perdez|tu perds)",
        r"(?:vous avez|tu as) besoin d",
        r"(?:vous méritez|tu mérites)",
        r"(?:estás perdiendo|está perdiendo|pierdes)",
        r"necesitas (?:esto|una|un|ya)",
        r"se van a la competencia",
    ),
)

URGENCY = Habit(
    code="urgency",
    explanation="You hurry them with a deadline or scarcity: {phrases}.",
    suggestion="Drop the deadline. Someone who needs what you do will ask when it suits them.",
    when_asked=0.0,
    patterns=_compile(
        r"only (?:\d+|a few|a handful of|two|three|four|five|one more) "
        r"(?:\w+ )?(?:spots?|seats?|places?|licences?|licenses?|tickets?|slots?|clients?|"
        r"projects?|spaces?)",
        r"(?:\d+|few|two|three) (?:\w+ )?(?:spots?|seats?|places?|tickets?|spaces?|licences?) "
        r"(?:left|remaining|remain)",
        r"(?:spaces|spots|places|seats|tickets) (?:are )?(?:limited|going fast|filling)",
        r"(?:offer|deal|discount|sale|price|rate|bundle|waitlist|enrolment|enrollment|"
        r"registration|doors?) (?:ends?|expires?|closes?|close|goes up|doubles?)",
        rf"(?:ends?|expires?|closes?) (?:on |at |this |by )?{_DAYS}",
        r"last (?:chance|few days|call)",
        r"final reminder",
        r"hurry",
        r"time is running out",
        r"don't (?:wait|miss out|let this)",
        r"(?:before|until) (?:they're|it's|they are|it is) gone",
        r"gone for good",
        r"(?:once|when) they're gone",
        r"(?:prices?|it) (?:goes|go) up",
        r"first come,? first served",
        r"limited (?:availability|spots|places|seats|time)",
        r"sells? out",
        r"(?:decide|reply|act|register|sign up|book) (?:today|now|quickly|before)",
        r"secure yours|(?:secure|reserve|grab) your (?:spot|seat|place|ticket|slot)",
        r"lock (?:it|this) in|lock in (?:the|your|this) (?:price|rate|discount)",
        r"(?:only|just) (?:taking|accepting) (?:on )?(?:\w+ ){0,3}clients",
        r"now's the time",
        r"early[- ]?bird|founding member price",
        # German, French, Spanish
        r"nur noch",
        r"jetzt (?:anmelden|buchen|sichern)",
        r"bevor es zu spät",
        r"(?:plus que|dernières?) (?:quelques )?(?:places|jours|chance)",
        r"dernière chance",
        r"(?:l'offre|elle) (?:se termine|expire)",
        r"últimas (?:plazas|entradas)|(?:solo quedan|quedan solo)",
        r"termina este",
        r"date prisa",
        r"hoy mismo",
    ),
)

PRICE = Habit(
    code="price_offer",
    explanation="You quote a price or a deal nobody asked for: {phrases}.",
    suggestion="Leave prices out of a first message; they will ask if they are interested.",
    when_asked=0.0,
    weak=_compile(
        rf"{_CURRENCY} ?\d[\d.,]*",
        rf"\d[\d.,]* ?{_CURRENCY}",
    ),
    patterns=_compile(
        r"\d+ ?% (?:off|discount|cheaper|réduction|de réduction|descuento|rabatt)",
        r"(?:per|/) ?(?:month|hour|seat|session|word|payslip|transaction|year|mes|mois|monat|"
        r"stunde|heure)",
        r"al mes|par mois|(?:pro|im) monat|por sesión",
        r"half[- ]price|at half price|for the price of",
        r"(?:buy|get) one",
        r"(?:\d+|one|two|three|six) months? (?:free|for free)",
        r"(?:code|coupon) [A-Z0-9]{4,}",
        r"(?:starts?|starting) (?:at|from) (?:just |only )?(?:€|\$|£)?\d[\d.,]*",
        r"(?:only|just|from) (?:€|\$|£) ?\d[\d.,]*|(?:only|just) \d[\d.,]* ?(?:€|eur|euros?)",
        r"flat fee|no hidden (?:costs|fees)",
        r"cheaper than",
        r"(?:send|give|make) you (?:a|our|my) (?:quote|proposal|price list|offer)",
        r"(?:match|beat) (?:any|it|their)",
        r"(?:statt|au lieu de|en lugar de|instead of) \d",
        r"(?:precio|prix|preis) (?:especial|spécial)",
        r"(?:nuestro|notre|unser) (?:plan|tarif|paket|coaching)",
        r"(?:sin|sans) (?:engagement|compromiso)",
    ),
)

CALL_REQUEST = Habit(
    code="call_request",
    explanation="You ask for their time to show them what you sell: {phrases}.",
    suggestion=(
        "Don't ask for a call or a demo yet. Ask one thing about them; if there is a fit, "
        "they will suggest talking."
    ),
    when_asked=0.0,
    patterns=_compile(
        r"(?:can|could|may) i (?:show|walk|give|send|call|present|drop)",
        r"(?:show|walk|take) you (?:through|around|what|how|our|my)",
        r"(?:quick|short|brief|live|personali[sz]ed|free) (?:demo|call|chat|intro|walkthrough|"
        r"tour|meeting)",
        r"\d+[- ]?(?:min|mins|minutes?) (?:call|demo|intro|meeting|presentation|walkthrough)",
        r"(?:book|schedule|set up|arrange) (?:a|an|your) (?:\w+ )?(?:call|demo|meeting|chat|"
        r"session|slot)",
        r"(?:jump|hop|get) on (?:a (?:quick )?call|zoom|teams|the phone)",
        r"calendar link|my calendar|pick a time|grab (?:a|any) slot",
        r"(?:present|show|demo|pitch) (?:you )?(?:our|my)",
        r"(?:present|show|demonstrate) (?:it|them|this) to",
        r"(?:a|the) (?:demo|tour|walkthrough) of",
        r"(?:are you|you're|you are) (?:free|available) for",
        r"what's your availability|when you're free for",
        r"explore (?:synergies|a partnership|how)",
        r"understand your needs",
        # German, French, Spanish
        r"(?:ihnen|dir|euch) (?:\w+ ){0,3}(?:vorstellen|vorzustellen|zeigen)|produktdemo",
        r"(?:kurzes|kurzen) (?:gespräch|telefonat)",
        r"(?:présenter|démonstration)",
        r"(?:agendar|programar) una (?:llamada|reunión|demo)",
        r"(?:presentarte|presentarle|presentar nuestr)",
    ),
)

HABITS: tuple[Habit, ...] = (YOU_PRESSURE, URGENCY, PRICE, CALL_REQUEST)

# The reader asked for this, or the writer follows their lead.
RESPONSIVE = re.compile(
    r"(?<![\w])(?:you asked|since you asked|as you (?:asked|suggested|requested|said|proposed)|"
    r"you suggested|you requested|you said|you mentioned|you wanted|you wrote|you told me|"
    r"you'd (?:rather|like|prefer)|you invited|your question|thanks for (?:asking|the "
    r"invitation|offering|inviting)|you were (?:asking|looking)|"
    r"du hattest|sie hatten|hast du (?:gefragt|erwähnt)|"
    r"tu m'as|tu m'avais|vous m'avez|vous m'aviez|comme vous l'avez|vous avez mentionné|"
    r"me pediste|me preguntaste|me dijiste|mencionaste|me pidió)(?![\w])"
)


def _phrases(
    text: str, patterns: tuple[re.Pattern[str], ...], seen: list[str] | None = None
) -> list[str]:
    """The phrases of ``patterns`` found in ``text``, one per overlapping group."""
    phrases: list[str] = []
    known = list(seen or [])
    for pattern in patterns:
        match = pattern.search(text)
        if match and not any(match.group() in p or p in match.group() for p in known + phrases):
            phrases.append(match.group().strip())
    return phrases


def is_pressure(sentence: str) -> bool:
    """Whether a (casefolded) sentence asks for their time or money, or hurries them.

    Such a question is a request, not curiosity about them.
    """
    return any(
        pattern.search(sentence)
        for habit in (URGENCY, PRICE, CALL_REQUEST)
        for pattern in habit.patterns
    )


def pressure_signals(draft: Draft) -> tuple[list[Signal], int]:
    """One signal per habit found, and their total points."""
    responsive = bool(RESPONSIVE.search(draft.lower))
    found: list[Signal] = []
    total = 0
    for habit in HABITS:
        phrases = _phrases(draft.lower, habit.patterns)
        weak = _phrases(draft.lower, habit.weak, phrases)
        if phrases:
            found_count = len(phrases) + len(weak)
            points = min(HABIT_CAP, FIRST_POINTS + MORE_POINTS * (found_count - 1))
            phrases += weak
        elif weak:
            points = WEAK_POINTS
            phrases = weak
        else:
            continue
        if responsive:
            points = round(points * habit.when_asked)
        points = min(PRESSURE_CAP - total, points)
        if points <= 0:
            continue
        total += points
        quoted = ", ".join(f"“{p}”" for p in phrases[:4])
        found.append(
            Signal(
                code=habit.code,
                points=points,
                explanation=habit.explanation.format(phrases=quoted),
                suggestion=habit.suggestion,
                evidence=tuple(phrases),
            )
        )
    return found, total
