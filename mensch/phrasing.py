"""Sentences built from data: one place that turns a member's words into grammar.

Pure functions, no Django: the engines and every app may use them. An ask typed as
"Hiring: a social media intern?" becomes "a social media intern" before it goes into
"You are looking for …"; "introduction" gets "an", "advice" gets no article, and a
count agrees with its noun ("1 meeting", "2 meetings").
"""

from __future__ import annotations

import re

# Openers people type before what they actually ask for. Longest first inside each
# alternative does not matter: the loop in ``need_phrase`` strips them repeatedly.
_OPENERS = re.compile(
    r"^(?:"
    r"(?:hey|hi|hello)\b[,!.]?"
    r"|(?:i'm|i am|we're|we are|i was|we were|currently|also|always|really|still)\b"
    r"|(?:looking|searching|hunting)\s+(?:out\s+)?for\b"
    r"|(?:seeking|hiring|recruiting|wanted|needed|need|needs)\b"
    r"|(?:i|we)\s+(?:really\s+)?(?:need|want|would like|'d like|are after|am after)\b"
    r"|(?:i|we)'d\s+(?:love|like)\s+(?:to\s+(?:meet|find|hear from)\b)?"
    r"|(?:hoping|trying|keen|happy)\s+to\s+(?:find|meet|hire|hear from)\b"
    r"|would\s+(?:love|like)\s+to\s+(?:meet|find|hear from)\b"
    r"|(?:can|could)\s+(?:anyone|someone|you)\s+(?:recommend|suggest|introduce me to)\b"
    r"|(?:does|do)\s+anyone\s+know\b"
    r"|anyone\s+(?:know|recommend)\b"
    r"|in\s+need\s+of\b"
    r")\s*[:,\-\u2013\u2014]?\s*",
    re.IGNORECASE,
)
_TRAILING = " \t\n.!?;,:\u2026"
_SPACES = re.compile(r"\s+")

# Words that take no article ("You gave advice", not "a advice").
MASS_NOUNS: frozenset[str] = frozenset(
    {
        "advice",
        "feedback",
        "help",
        "information",
        "support",
        "mentoring",
        "coaching",
        "funding",
        "investment",
        "work",
        "money",
        "time",
        "equipment",
        "research",
        "knowledge",
        "guidance",
        "expertise",
        "software",
        "training",
        "other",
        "something",
        "hospitality",
    }
)
# Vowel-letter words said with a consonant sound ("a user", "a one-off", "a euro").
_CONSONANT_SOUND = re.compile(
    r"^(?:uni(?!nf|nt|nd|mp|nh|ns|nl|nb|nc|nk|nv|nw|ntel)|use|usu|usa|ura|ure|uro|uti|ute|uku"
    r"|eu|ewe|one\b|one-|once|ouija)",
    re.IGNORECASE,
)
# Consonant-letter words said with a vowel sound ("an hour", "an honest").
_VOWEL_SOUND = re.compile(r"^(?:hour|honest|honou?r|heir|herb(?!al))", re.IGNORECASE)
# An initialism is read letter by letter; these letters start with a vowel sound.
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
_INITIALISM = re.compile(r"^[A-Z][A-Z0-9]{1,4}(?:s|'s)?$")


def need_phrase(text: str) -> str:
    """What an ask asks for, ready to follow "looking for": openers and end punctuation gone.

    >>> need_phrase("Hey, I'm looking for a designer to refresh our brand?")
    'a designer to refresh our brand'
    >>> need_phrase("Hiring: a social media intern.")
    'a social media intern'
    """
    text = _SPACES.sub(" ", text).strip()
    while True:
        stripped = _OPENERS.sub("", text, count=1).strip()
        if stripped == text or not stripped:
            break
        text = stripped
    return _lower_first(text.rstrip(_TRAILING))


def offer_phrase(text: str) -> str:
    """An offer inside a sentence: one line, no end punctuation, first letter lowered."""
    return _lower_first(_SPACES.sub(" ", text).strip().rstrip(_TRAILING))


# Capitalised whatever their place in a sentence: languages, days, months, brands.
PROPER_WORDS: frozenset[str] = frozenset(
    {
        "English", "French", "German", "Spanish", "Italian", "Portuguese", "Polish", "Dutch",
        "Chinese", "Mandarin", "Cantonese", "Japanese", "Korean", "Arabic", "Hindi", "Urdu",
        "Turkish", "Greek", "Russian", "Ukrainian", "Swedish", "Danish", "Norwegian",
        "Finnish", "Hebrew", "Irish", "Welsh", "European", "British", "American",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December", "Christmas", "Easter",
        "Google", "Instagram", "LinkedIn", "TikTok", "Facebook", "YouTube", "Shopify",
        "WordPress", "Xero", "QuickBooks", "Excel", "Python", "React", "Django",
    }
)  # fmt: skip


def _lower_first(text: str) -> str:
    """ "Planned maintenance" -> "planned maintenance"; "SEO audits", "I", "French,
    German and Spanish" and names of days, languages and brands stay."""
    words = text.split(" ", 2)
    first = words[0]
    bare = first.rstrip(",;:")
    if bare in {"I", "I'm", "I've", "I'll", "I'd"} or bare in PROPER_WORDS:
        return text
    if not first[:1].isupper() or not (len(first) == 1 or first[1:].islower()):
        return text
    if first.endswith(",") and len(words) > 1 and words[1][:1].isupper():
        return text  # "Lisbon, Porto and Faro": a list of names
    return text[0].lower() + text[1:]


def article(noun_phrase: str) -> str:
    """ "a", "an" or "" (mass noun) for ``noun_phrase``, by how its first word sounds."""
    words = noun_phrase.strip().split()
    if not words:
        return ""
    first = words[0].strip("\"'\u201c\u2018(")
    if not first:
        return ""
    if len(words) == 1 and first.lower() in MASS_NOUNS:
        return ""
    return "an" if vowel_sound(first) else "a"


def vowel_sound(word: str) -> bool:
    """Whether ``word`` is said starting with a vowel sound: "hour", "MBA", "apple" yes;
    "user", "one-off", "university", "CTO" no."""
    if not word:
        return False
    if _INITIALISM.match(word):
        return word[0] in _VOWEL_LETTERS
    if word[0].isdigit():
        return bool(re.match(r"^(?:8|11|18|80|800)(?:\D|$)", word))
    if _VOWEL_SOUND.match(word):
        return True
    return word[0].lower() in "aeiou" and not _CONSONANT_SOUND.match(word)


def with_article(noun_phrase: str) -> str:
    """ "an introduction", "a user", "an hour", "a one-off", "advice" (no article)."""
    noun_phrase = noun_phrase.strip()
    word = article(noun_phrase)
    return f"{word} {noun_phrase}" if word else noun_phrase


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """ "1 meeting", "2 meetings", "0 meetings"; ``plural_form`` for irregular nouns."""
    if count == 1:
        return f"{count} {singular}"
    return f"{count} {plural_form or pluralise(singular)}"


def pluralise(noun: str) -> str:
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    if noun == "person":
        return "people"
    return noun + "s"


def join_words(items: list[str], conjunction: str = "and") -> str:
    """ "a", "a and b", "a, b and c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
