"""Text every industry shares: templates for headlines, paragraphs, goals and lead-ins, and the
asks and offers anyone might have (a spare desk, a speaking slot, an accountability partner).

Placeholders: ``{role}`` is a role with its article ("a bookkeeper"), ``{Role}`` the same
capitalised without the article ("Bookkeeper"); ``{p}`` is a noun phrase and ``{cap}`` the
same with a capital first letter.
"""

from __future__ import annotations

from mensch.demo.schema import ANYONE, Service

HEADLINES: tuple[str, ...] = (
    "{Role} in {city} helping {pitch}.",
    "{Role}. I help {pitch}.",
    "I run {business} in {city}. We help {pitch}.",
    "{Role} with {years} years' experience, working mostly with {audience}.",
    "I'm {role} based in {city}, and I help {pitch}.",
    "{Role} at {business} in {city}, working mostly with {audience}.",
    "Helping {pitch}. {Role} in {city}.",
    "I'm {role}. For {years} years I've helped {pitch}.",
)

# Used when a chosen headline would run past the length limit.
SHORT_HEADLINE = "{Role} in {city}."

PERSONAL: tuple[str, ...] = (
    "I've lived in {city} for {years} years and most of my work comes through word of mouth.",
    "I went out on my own {years} years ago and haven't looked back.",
    "Outside work you'll find me {hobby}.",
    "I'd rather have ten good relationships than five hundred contacts.",
    "I answer emails within a day and hope the people I work with do the same.",
    "Referrals have brought me almost every client, so I try to send as many as I receive.",
    "I came to networking late and I'm still learning to ask for what I need.",
    "When I'm not working I'm usually {hobby}.",
    "I like meeting people properly, over a coffee, rather than swapping cards.",
    "I moved to {city} {years} years ago and I'm still discovering it.",
)

HOBBIES: tuple[str, ...] = (
    "running by the river",
    "singing in a choir",
    "coaching my kid's football team",
    "on my allotment",
    "learning the cello, badly",
    "cooking for too many people",
    "out on my bike",
    "volunteering at a food bank",
    "at the climbing wall",
    "reading crime novels",
    "swimming in cold water",
    "walking the dog",
    "at a pottery class",
    "playing five-a-side",
    "restoring an old motorbike",
)

# ``{who}`` is what one of the member's asks is looking for ("a bookkeeper").
GOALS: tuple[str, ...] = (
    "Find {who} I can trust and build a small circle of people I refer work to.",
    "Meet two or three people a month who could become referral partners.",
    "Win more work through referrals than through cold pitching this year.",
    "Get to know other business owners in {city} properly, not just swap cards.",
    "Give more than I take: make at least one useful introduction a week.",
    "Learn from people who have grown a business past ten staff.",
    "Find {who} before the busy season starts.",
    "Follow up with everyone I meet within a week. That's the whole plan.",
    "Build relationships that turn into work, and a few that turn into friendships.",
    "Spend less time at events that go nowhere and more with people I can help.",
    "Find {count} new clients through people who already know my work.",
    "Be useful to the people I meet, and ask clearly for what I need.",
    "Meet {who} and a couple of people I can send work to in return.",
)

# Lead-ins for asks. ``ASK_PERSON`` ones only suit phrases about a person
# ("a bookkeeper who ...", "someone to ..."), not "help with ...".
ASK_PLAIN: tuple[str, ...] = ("{cap}", "{cap}", "{cap}", "Looking for {p}", "I need {p}")
ASK_MORE: tuple[str, ...] = ("Hoping to find {p}",)
ASK_PERSON: tuple[str, ...] = (
    "Hey, I'm looking for {p}",
    "Can anyone recommend {p}?",
    "Would love to meet {p}",
)
PERSON_STARTS: tuple[str, ...] = ("a ", "an ", "someone", "people ")

# Offers stay as written: a matching reason quotes them ("Dana offers brand identity
# design, which you ask for"), and "Dana offers happy to offer ..." reads badly.
OFFER_PLAIN: tuple[str, ...] = ("{cap}",)

CLIENT_LEADS: tuple[str, ...] = ("{cap}", "{cap}", "New clients, especially {p}", "Clients: {p}")
HIRING_LEADS: tuple[str, ...] = ("{cap}", "{cap}", "Hiring: {p}", "We're hiring {p}")

INTRO_ASKS: tuple[str, ...] = (
    "an introduction to {circle} in {city}",
    "introductions to {circle} who might need us",
    "a warm introduction to one or two {circle}",
)
INTRO_OFFERS: tuple[str, ...] = (
    "introductions to {circle} I know in {city}",
    "I know a lot of {circle} in {city} and am happy to introduce you",
    "warm introductions to {circle}",
)

GENERIC_SERVICES: tuple[Service, ...] = (
    Service(
        key="any.space",
        kind="resource",
        who="a desk or a meeting room",
        providers=(ANYONE,),
        askers=(ANYONE,),
        offers=(
            "a meeting room in our office that people can borrow",
            "a spare desk in our studio two days a week",
        ),
        asks=(
            "a meeting room for occasional client meetings",
            "a desk to work from a couple of days a week",
        ),
    ),
    Service(
        key="any.speaking",
        kind="opportunity",
        who="a stage to speak on",
        providers=(ANYONE,),
        askers=(ANYONE,),
        offers=(
            "a speaking slot at our monthly breakfast event",
            "a guest spot on our podcast about running a small business",
        ),
        asks=(
            "speaking opportunities at local business events",
            "a guest spot on a podcast or panel about small business",
        ),
    ),
    Service(
        key="any.accountability",
        kind="other",
        who="an accountability partner",
        providers=(ANYONE,),
        askers=(ANYONE,),
        offers=(
            "an accountability partner for someone starting out, one call a month",
            "I'm glad to be an accountability partner: a call a month to check on goals",
        ),
        asks=("an accountability partner to check in with once a month",),
    ),
    Service(
        key="any.sounding",
        kind="advice",
        who="a sounding board",
        providers=(ANYONE,),
        askers=(ANYONE,),
        offers=(
            "an hour a month to listen and help think a business problem through",
            "a second pair of eyes on your proposal or pitch",
        ),
        asks=(
            "someone to think out loud with about growing the business",
            "a second pair of eyes on a proposal before I send it",
        ),
    ),
    Service(
        key="any.referrals",
        kind="introduction",
        who="people who refer work",
        providers=(ANYONE,),
        askers=(ANYONE,),
        offers=(
            "referrals: people ask me for recommendations all the time and I pass on good people",
            "I refer work to people I trust and I'm always glad to find more of them",
        ),
        asks=(
            "people who can refer work my way, and I'll do the same for them",
            "referral partners who serve the same clients as I do",
        ),
    ),
)
