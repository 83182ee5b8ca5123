"""The one-page brief before meeting a contact: who they are, what they ask and offer,
our history, open promises both ways, questions worth asking, the goal of the meeting.

Promises are kept by apps on higher floors: an app with a ``contact_brief`` module offers
``open_promises(owner, contact) -> list[Promise]`` (the follow-ups app, for one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from mensch.accounts.models import User
from mensch.contacts.markdown import render_markdown
from mensch.contacts.models import Contact, Interaction
from mensch.contacts.selectors import own_contact
from mensch.core.registry import contributions
from mensch.phrasing import need_phrase, offer_phrase
from mensch.profiles.models import Profile
from mensch.profiles.selectors import own_profile, profile_for_viewer

MIN_QUESTIONS = 3
MAX_QUESTIONS = 5


@dataclass(frozen=True)
class Promise:
    """Something promised between the owner and the contact and not done yet."""

    title: str
    due_on: date
    by_me: bool  # True: I promised; False: they promised


@dataclass
class Brief:
    contact: Contact
    profile: Profile | None
    asks: list[str]
    offers: list[str]
    last_interactions: list[Interaction]
    notes: list[tuple[Interaction, str]]
    promised_by_me: list[Promise]
    promised_by_them: list[Promise]
    questions: list[str] = field(default_factory=list)


def _first_sentence(text: str) -> str:
    sentence = text.strip().split("\n")[0].split(". ")[0]
    return sentence[:140].rstrip(" .!?;,:")


def suggested_questions(
    *,
    contact: Contact,
    asks: list[str],
    offers: list[str],
    my_goals: str,
    my_asks: list[str],
    promised_by_them: list[str],
) -> list[str]:
    """Three to five open questions, from their asks and offers first, then my goals."""
    questions: list[str] = []
    for ask in [need_phrase(a) for a in asks[:2]]:
        if ask:
            questions.append(f"You are looking for {ask}: what would the right one look like?")
    for offer in [offer_phrase(o) for o in offers[:1]]:
        if offer:
            questions.append(f"You offer {offer}: who gets the most out of it?")
    for promise in promised_by_them[:1]:
        questions.append(f"How is it going with “{promise}”? Can I help?")
    if my_goals.strip():
        questions.append(
            f"I am working on this: {_first_sentence(my_goals)}. Who should I talk to about it?"
        )
    for ask in [need_phrase(a) for a in my_asks[:1]]:
        if ask:
            questions.append(f"I am looking for {ask}: does anyone come to mind?")
    fallbacks = [
        f"What is keeping you busy at {contact.company} these days?"
        if contact.company
        else "What is keeping you busy these days?",
        "What would make this a good year for you?",
        "Who would you most like to meet right now?",
        "What is one thing I could do that would help you?",
    ]
    for fallback in fallbacks:
        if len(questions) >= MIN_QUESTIONS:
            break
        questions.append(fallback)
    return questions[:MAX_QUESTIONS]


def open_promises(owner: User, contact: Contact) -> list[Promise]:
    """Every app's open promises with the contact, soonest due first."""
    found = [
        promise
        for _, module in contributions("contact_brief")
        for promise in module.open_promises(owner, contact)
    ]
    return sorted(found, key=lambda promise: promise.due_on)


def brief_for(*, owner: User, contact_id: int) -> Brief:
    contact = own_contact(owner=owner, contact_id=contact_id)
    profile = None
    if contact.member is not None:
        try:
            profile = profile_for_viewer(viewer=owner, profile_id=contact.member.profile.pk)
        except Profile.DoesNotExist:
            profile = None
    asks = [a.text for a in profile.asks.all()] if profile else []
    offers = [o.text for o in profile.offers.all()] if profile else []
    history = list(contact.interactions.order_by("-happened_on", "-pk")[:20])
    touches = [i for i in history if i.kind != Interaction.Kind.NOTE][:5]
    notes = [(n, render_markdown(n.body)) for n in history if n.kind == Interaction.Kind.NOTE][:3]
    promises = open_promises(owner, contact)
    mine = [p for p in promises if p.by_me]
    theirs = [p for p in promises if not p.by_me]
    me = own_profile(owner)
    questions = suggested_questions(
        contact=contact,
        asks=asks,
        offers=offers,
        my_goals=me.goals,
        my_asks=[a.text for a in me.asks.all()],
        promised_by_them=[p.title for p in theirs],
    )
    return Brief(contact, profile, asks, offers, touches, notes, mine, theirs, questions)
