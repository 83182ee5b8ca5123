"""Which upcoming events fit a member, before they commit (or pay).

Three signals, each shown to the member in words:

* attendee fit: how many of the member's strong matches (the matching engine's
  stored recommendations) are going;
* education: the agenda has a talk or a workshop;
* the organizer's past outcomes: confirmed meetings per attendee at the
  organizer's earlier events;

plus the words the member's goals and asks share with the event's title,
description and agenda.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from mensch.accounts.models import User
from mensch.events.models import Event, Rsvp
from mensch.events.selectors import attendance_by, open_events, with_details
from mensch.introductions.cooldown import without_cooling
from mensch.matching.models import Recommendation
from mensch.phrasing import join_words, plural
from mensch.profiles.models import Profile

STRONG_MATCH = 0.2  # recommendation score from which a match counts as strong
# The words a member sees instead of the score, strongest first: (label, score from).
# Two strong matches going (2.0 each) make a strong fit; one, or a talk plus shared
# topics, a good one; any signal at all, some fit.
FIT_LEVELS: tuple[tuple[str, float], ...] = (
    ("Strong fit", 4.0),
    ("Good fit", 2.0),
    ("Some fit", 0.01),
)
NO_FIT = "Not much to go on yet"
WEIGHTS = {"match": 2.0, "education": 1.5, "outcome": 1.0, "word": 0.5}
_WORD = re.compile(r"[a-zà-ÿ]{4,}")
_STOP = frozenset(
    [
        "with",
        "from",
        "that",
        "this",
        "what",
        "your",
        "about",
        "have",
        "their",
        "they",
        "them",
        "more",
        "into",
        "over",
        "just",
        "some",
        "than",
        "then",
        "very",
        "also",
        "like",
        "want",
        "wants",
        "need",
        "needs",
        "looking",
        "someone",
        "people",
    ]
)


@dataclass
class EventFit:
    event: Event
    strong_matches: int = 0
    educational: bool = False
    organizer_outcome: Decimal | None = None
    shared_words: list[str] = field(default_factory=list)
    rsvp_status: str = ""

    @property
    def score(self) -> float:
        return round(
            WEIGHTS["match"] * self.strong_matches
            + (WEIGHTS["education"] if self.educational else 0.0)
            + WEIGHTS["outcome"] * float(self.organizer_outcome or 0)
            + WEIGHTS["word"] * min(len(self.shared_words), 4),
            2,
        )

    @property
    def level(self) -> str:
        """The score in words ("Strong fit"); the number itself is for ordering only."""
        for label, lowest in FIT_LEVELS:
            if self.score >= lowest:
                return label
        return NO_FIT

    @property
    def reasons(self) -> list[str]:
        out = []
        if self.strong_matches:
            verb = "is" if self.strong_matches == 1 else "are"
            out.append(
                f"{plural(self.strong_matches, 'person', 'people')} you should meet {verb} going"
            )
        if self.educational:
            out.append("teaches something (talk or workshop)")
        if self.organizer_outcome is not None:
            out.append(
                f"{self.organizer_outcome} confirmed meetings per attendee "
                "at this organizer's past events"
            )
        if self.shared_words:
            out.append("about " + join_words(self.shared_words[:4]) + " (from your goals and asks)")
        return out


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def organizer_outcomes(organizer_ids: set[int]) -> dict[int, Decimal]:
    """Confirmed meetings per attendee over each organizer's past published events, by the
    one rule in ``selectors.per_attendee`` (summed meetings over summed attendees)."""
    past = Event.objects.filter(
        organizer_id__in=organizer_ids,
        ends_at__lt=timezone.now(),
        status=Event.Status.PUBLISHED,
    )
    return {
        organizer: attendance.meetings_per_attendee
        for organizer, attendance in attendance_by(past, key="organizer_id").items()
        if attendance.attendees
    }


def events_for_member(member: User, *, event_id: int | None = None) -> list[EventFit]:
    """Upcoming published events, best fit first (or only the one with ``event_id``)."""
    upcoming = open_events(member)
    if event_id is not None:
        upcoming = upcoming.filter(pk=event_id)
    events = list(with_details(upcoming).order_by("starts_at", "pk"))
    if not events:
        return []
    event_ids = [e.pk for e in events]
    recommended = Recommendation.objects.filter(
        member=member,
        score__gte=STRONG_MATCH,
        candidate__rsvps__event_id__in=event_ids,
        candidate__rsvps__status=Rsvp.Status.GOING,
    )
    # Someone a decline keeps apart is nobody this member "should meet".
    recommended = without_cooling(recommended, member.pk, "candidate_id")
    strong = dict(recommended.values_list("candidate__rsvps__event_id").annotate(n=Count("pk")))
    outcomes = organizer_outcomes({e.organizer_id for e in events})
    mine = dict(
        Rsvp.objects.filter(member=member, event_id__in=event_ids).values_list("event_id", "status")
    )
    profile = Profile.objects.filter(user=member).prefetch_related("asks", "offers").first()
    wanted: set[str] = set()
    if profile is not None:
        wanted = _words(" ".join([profile.goals, *(a.text for a in profile.asks.all())]))
    fits = []
    for event in events:
        text = " ".join([event.title, event.description, *(i.title for i in event.agenda.all())])
        fits.append(
            EventFit(
                event=event,
                strong_matches=strong.get(event.pk, 0),
                educational=bool(getattr(event, "educational", False)),  # from with_details
                organizer_outcome=outcomes.get(event.organizer_id),
                shared_words=sorted(wanted & _words(text)),
                rsvp_status=mine.get(event.pk, ""),
            )
        )
    return sorted(fits, key=lambda f: (-f.score, f.event.starts_at, f.event.pk))


def event_fit(member: User, event: Event) -> EventFit | None:
    """The fit of one upcoming event, as the events list shows it (None when it is not
    open to the member): computed for that event alone, not for every open one."""
    fits = events_for_member(member, event_id=event.pk)
    return fits[0] if fits else None
