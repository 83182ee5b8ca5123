"""The words of broadcasting and the words of listening.

Each category of sales language is one signal with its own weight per phrase
found; the lists are written from what the essays in ``seeds/`` complain about
(pitches, "special promotions", newsletters nobody signed up for, business
cards thrown at everyone), not fitted to any test set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that end a noun phrase such as "we help coaches" or "our agency".
_AUDIENCE = (
    r"(?:businesses|companies|brands|founders|startups|start-ups|coaches|entrepreneurs|"
    r"clients|teams|agencies|professionals|leaders|executives|owners|people|women|men|"
    r"creators|consultants|firms|organi[sz]ations|b2b|saas|smbs?)"
)


@dataclass(frozen=True, slots=True)
class PhraseCategory:
    code: str
    points_each: int
    explanation: str  # "{phrases}" is replaced by the phrases found
    suggestion: str
    patterns: tuple[re.Pattern[str], ...]


def _compile(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"(?<![\w])(?:{p})(?![\w])") for p in patterns)


CALL_TO_ACTION = PhraseCategory(
    code="call_to_action",
    points_each=10,
    explanation="You push them to act for you: {phrases}.",
    suggestion=(
        "Drop the call to action. Ask what they are working on; if there is a fit, "
        "they will ask how to reach you."
    ),
    patterns=_compile(
        r"book (?:a|your|an?) (?:free |quick |short |\d+[- ]min(?:ute)? )?"
        r"(?:call|demo|session|meeting|slot|consultation)",
        r"schedule (?:a|your) (?:free |quick |short )?(?:call|demo)",
        r"(?:hop|jump) on a (?:quick )?call",
        r"(?:a )?quick call",
        r"discovery call",
        r"check out (?:my|our)",
        r"visit (?:my|our) (?:website|site|page|profile|shop|store)",
        r"dm me",
        r"dm for",
        r"click (?:here|the link|below)",
        r"link in (?:my )?bio",
        r"sign up",
        r"register (?:now|today|here)",
        r"buy now",
        r"order now",
        r"grab your",
        r"reserve your (?:spot|seat)",
        r"let me know if you(?:'re| are) interested",
        r"if you(?:'re| are) interested",
        r"interested\?",
        r"partner with (?:us|me)",
        r"work with (?:us|me)",
        r"hire (?:us|me)",
        r"link in (?:my )?profile",
        r"(?:grab|take|here's|here is) my (?:business )?card",
        r"just reply",
        r"reply ['\"“]?[a-z]+['\"”]? and (?:i|we)(?:'ll| will)",
        r"(?:personal |free |quick )?(?:walkthrough|demo)",
        r"when you(?:'d| would) like to (?:start|get started|sign|proceed|order)",
        # Selling through the person asked, the opposite of a reason to meet.
        r"pitch (?:it|this|them|to them|our|my)",
        r"(?:referral|finder's) fee",
        r"(?:perfect|great|good) fit for (?:our|my)",
    ),
)

# Speaking to the whole room about what one sells ("if anyone needs a broker").
SOLICITATION = PhraseCategory(
    code="solicitation",
    points_each=10,
    explanation="You advertise to everyone rather than talk to someone: {phrases}.",
    suggestion="Talk to one person about what they need; the room will remember that.",
    patterns=_compile(
        r"if (?:you or )?(?:anyone|anybody)(?: here| else| you know)? "
        r"(?:needs?|is looking|'s looking|wants?|is interested)",
        r"(?:anyone|anybody) (?:here )?who (?:needs?|wants?|is looking)",
        r"if (?:you|anyone) (?:want|wants) to (?:take|grow|scale|boost|level)",
    ),
)

# Sales collateral: decks, brochures and price lists nobody asked for.
COLLATERAL = PhraseCategory(
    code="collateral",
    points_each=8,
    explanation="You send sales material they didn't ask for: {phrases}.",
    suggestion="Keep the material until they ask; first find out whether they need anything.",
    patterns=_compile(
        r"(?:our|my) (?:pitch )?(?:deck|brochure|catalogue|catalog|one-pager|case studies|"
        r"pricing sheet|price list|rate card|fee structure|showreel|media kit|sales kit)",
        r"(?:i've |i have |we've |we have )?attached (?:our|my|a)",
        r"please find (?:attached|our|my)",
    ),
)

OFFER = PhraseCategory(
    code="special_offer",
    points_each=10,
    explanation="You make a sales offer: {phrases}.",
    suggestion=(
        "Leave out the offer. A first message is for getting to know them, not for a deal."
    ),
    patterns=_compile(
        r"limited[- ]time",
        r"limited offer",
        r"special (?:offer|promotion|price|deal|discount)",
        r"exclusive (?:offer|deal|discount|access)",
        r"discounts?",
        r"\d+ ?% off",
        r"promo(?:tion)? code",
        r"coupon",
        r"free (?:trial|consultation|audit|strategy (?:call|session)|assessment|quote|"
        r"e-?book|guide)",
        r"act now",
        r"don't miss",
        r"(?:only )?\d+ (?:spots|seats|places) (?:left|remaining)",
        r"only \d+ (?:spots|seats|places)",
        r"spots? (?:are )?(?:left|filling)",
        r"early[- ]bird",
        r"offer ends",
        r"best price",
        r"affordable (?:price|rates|packages)",
        r"packages? (?:start|from)",
        r"my rates",
        r"(?:our|my) pricing",
    ),
)

BOAST = PhraseCategory(
    code="self_promotion",
    points_each=7,
    explanation="You describe what you sell rather than who they are: {phrases}.",
    suggestion=(
        "Say in one sentence what you do, then turn to them: what are they working on, "
        "what do they need?"
    ),
    patterns=_compile(
        rf"(?:i|we) help (?:\w+ ){{0,3}}{_AUDIENCE}",
        rf"helping (?:\w+ ){{0,3}}{_AUDIENCE}",
        r"(?:our|my) (?:services|agency|company|firm|product|products|platform|solutions?|"
        r"software|app|program|programme|course|coaching|offer|offering|team of experts)",
        r"leading (?:provider|agency|company|expert|firm)",
        r"industry[- ]leading",
        r"best[- ]in[- ]class",
        r"world[- ]class",
        r"award[- ]winning",
        r"\d+\+? years of experience",
        r"years of experience",
        r"(?:our|my) clients include",
        r"trusted by",
        r"guarantee(?:d|s)?",
        r"\d+x",
        r"skyrocket",
        r"boost your",
        r"grow your (?:business|revenue|sales|brand|audience|following)",
        r"(?:more|qualified|warm) leads",
        r"lead generation",
        r"increase your (?:revenue|sales|profits?|conversions?)",
        r"roi",
        r"proven (?:system|method|results|track record)",
        r"results? (?:guaranteed|in \d+ days)",
        r"(?:our|my) (?:\w+ ){1,2}(?:services|agency|company|product|platform|solution|"
        r"software|program|programme|course|tool|app)",
        r"(?:we|i) (?:offer|provide|deliver|specialise|specialize|sell|supply|manufacture)",
        r"(?:our|my) clients",
        r"(?:founder|ceo|owner) of",
        # Marketing claims: superlatives, hype and numbers without a source.
        r"#1|number one",
        r"best on the market",
        r"fastest[- ]growing",
        r"game[- ]changer",
        r"next level",
        r"cutting[- ]edge|state[- ]of[- ]the[- ]art|revolutionary",
        r"on autopilot",
        r"high[- ]ticket",
        r"(?:6|7|six|seven)[- ]figures?",
        r"success rate",
        r"\d+ ?% (?:reduction|increase|more|less|faster|higher|lower|growth|retention)",
        r"\d+x (?:faster|more|better)",
        r"featured in",
        r"competitive (?:prices|rates|pricing)",
    ),
)

BROADCAST = PhraseCategory(
    code="broadcast",
    points_each=8,
    explanation="It reads like a mailing sent to everyone: {phrases}.",
    suggestion=(
        "Write to this one person: use their name and say why you are writing to them "
        "in particular."
    ),
    patterns=_compile(
        r"newsletter",
        r"subscribe",
        r"unsubscribe",
        r"webinar",
        r"masterclass",
        r"follow (?:me|us)",
        r"like and share",
        r"share (?:this|with your network)",
        r"dear (?:sir|madam|sir/madam|friend|valued|connection|member)",
        r"to whom it may concern",
        r"greetings of the day",
        r"hope this (?:message |email |note )?finds you well",
        r"i hope you(?:'re| are) doing well",
        r"as an? (?:valued|fellow) (?:member|connection|professional)",
    ),
)

CONTACT_PUSH = PhraseCategory(
    code="contact_push",
    points_each=5,
    explanation="You ask them to contact you outside the conversation: {phrases}.",
    suggestion="Keep the conversation here until they accept; Mensch shares contact details then.",
    patterns=_compile(
        r"call me (?:at|on)",
        r"(?:whatsapp|text|email|ping) me",
        r"reach me (?:at|on)",
        r"contact me",
        r"feel free to reach out",
        r"don't hesitate to (?:contact|reach out|call)",
        r"reach out to (?:me|us)",
    ),
)

SALES_CATEGORIES: tuple[PhraseCategory, ...] = (
    CALL_TO_ACTION,
    OFFER,
    BOAST,
    SOLICITATION,
    COLLATERAL,
    BROADCAST,
    CONTACT_PUSH,
)
SALES_POINTS_CAP = 45

# Markers that make a question a sales line rather than curiosity ("Want more
# leads?", "Are you tired of ...?").
SALES_QUESTION = re.compile(
    r"(?<![\w])(?:leads|revenue|sales|roi|\d+x|boost|skyrocket|double your|triple your|"
    r"grow your|scale your|tired of|ready to|what if i told you|interested|discount|offer|"
    r"demo|pricing|sign up|partner with (?:us|me)|work with (?:us|me)|our services|"
    r"my services|quick call|hop on|jump on)(?![\w])"
    r"|(?:our|my) (?:\w+ ){0,3}(?:service|services|product|tool|platform|program|programme|"
    r"course|solution|offer|deck)(?![\w])"
)

# A question asking for their time is a request, not curiosity about them.
TIME_REQUEST = re.compile(
    r"(?<![\w])(?:call|demo|walkthrough|\d+ ?(?:minutes|mins?)|calendar|slot|seat|spot|"
    r"meeting|a chat|zoom|your week|availability|get on a)(?![\w])"
)

# Listening, each a credit with the sentence shown to the user.
LISTENING_MARKERS: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    (
        "You refer to something they said or did.",
        5,
        re.compile(
            r"(?<![\w])(?:you mentioned|you said|you asked|you were looking|you're looking|"
            r"you are looking|you wrote|you shared|you posted|your (?:talk|post|article|"
            r"question|ask|project|work on|panel|presentation|point))(?![\w])"
        ),
    ),
    (
        "You offer something without asking for anything back.",
        5,
        re.compile(
            r"(?<![\w])(?:happy to (?:help|introduce|share|send|connect|look)|glad to "
            r"(?:help|introduce|share)|(?:i|i'd|i would) (?:be happy|love) to introduce|"
            r"introduce you to|put you in touch|no strings|if (?:it|that) helps|"
            r"how can i help|anything i can do|let me know if i can help|want me to "
            r"(?:introduce|send|share|connect))(?![\w])"
        ),
    ),
    (
        "You thank them.",
        4,
        re.compile(r"(?<![\w])(?:thank you|thanks|grateful|appreciate)(?![\w])"),
    ),
    (
        "You recall your shared history.",
        3,
        re.compile(
            r"(?<![\w])(?:we met|we spoke|we talked|we chatted|we discussed|we sat|"
            r"our (?:chat|conversation|talk|coffee|call|meeting))(?![\w])"
        ),
    ),
)
LISTENING_CREDIT_CAP = 15

# "we" in these phrases is the two of us, not the sender's company.
SHARED_WE = re.compile(
    r"(?<![\w])(?:we|us|our) (?:met|spoke|talked|chatted|discussed|sat|both|shared|"
    r"chat|conversation|talk|coffee|call|meeting)(?![\w])|(?<![\w])both of us(?![\w])"
)

# A draft with a placeholder left in was sent to many people.
TEMPLATE = re.compile(
    r"\{\{?\s*(?:first_?name|name|company)\s*\}?\}|\[(?:first )?name\]|%(?:first_?)?name%|"
    r"<(?:first )?name>",
    re.IGNORECASE,
)

# Words a reason for an introduction is made of.
REASON = re.compile(
    r"(?<![\w])(?:because|since|so that|as i|as you|looking for|i need|we need|would help|"
    r"hoping|hope to|working on|you offer|your work|you mentioned|reason|in order to|"
    r"advice on|learn (?:about|from|how)|to (?:learn|ask|understand|hear|find out|know))(?![\w])"
)
