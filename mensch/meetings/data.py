"""The member's part of "all my data" from this app: confirmed meetings with their own
"follow up?" answer, their "we met" ticks not confirmed yet, meetings booked with a
connection (with their own "did it happen?" answer, never the other's) and the proposals
they sent or received. Other members appear by name and profile id only."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from mensch.accounts.models import User
from mensch.meetings.models import Meeting, MeetingProposal, MeetingTick, ScheduledMeeting
from mensch.profiles.models import Profile


def _event(event_id: int | None, title: str | None) -> dict[str, object] | None:
    return {"id": event_id, "title": title or ""} if event_id is not None else None


def member_data(member: User) -> dict[str, object]:
    meetings = list(
        Meeting.objects.filter(Q(member_low=member) | Q(member_high=member))
        .select_related("event")
        .order_by("met_on", "pk")
    )
    # A tick the other side has not answered yet is the member's own unconfirmed claim.
    answered = MeetingTick.objects.filter(
        member=OuterRef("other"), other=member, event=OuterRef("event")
    )
    answered_outside_events = MeetingTick.objects.filter(
        member=OuterRef("other"), other=member, event__isnull=True
    )
    ticks = list(
        MeetingTick.objects.filter(member=member)
        .exclude(Q(event__isnull=False) & Exists(answered))
        .exclude(Q(event__isnull=True) & Exists(answered_outside_events))
        .select_related("event")
        .order_by("created_at", "pk")
    )
    booked = list(
        ScheduledMeeting.objects.filter(Q(organizer=member) | Q(attendee=member)).order_by(
            "starts_at", "pk"
        )
    )
    proposals = list(
        MeetingProposal.objects.filter(Q(proposer=member) | Q(recipient=member))
        .prefetch_related("times")
        .order_by("created_at", "pk")
    )
    others = (
        {m.other(member.pk) for m in meetings}
        | {t.other_id for t in ticks}
        | {b.other_id(member.pk) for b in booked}
        | {p.recipient_id if p.proposer_id == member.pk else p.proposer_id for p in proposals}
    )
    people = {
        p.user_id: {"name": p.user.name, "profile_id": p.pk}
        for p in Profile.objects.filter(user_id__in=others).select_related("user")
    }

    def person(user_id: int) -> dict[str, object]:
        return people.get(user_id, {"name": "", "profile_id": None})

    rows: list[dict[str, object]] = [
        {
            "with": person(m.other(member.pk)),
            "event": _event(m.event_id, m.event.title if m.event else None),
            "met_on": m.met_on.isoformat(),
            "confirmed": True,
            "confirmed_at": m.confirmed_at.isoformat(),
            "your_follow_up": m.low_follow_up if m.member_low_id == member.pk else m.high_follow_up,
        }
        for m in meetings
    ]
    rows += [
        {
            "with": person(t.other_id),
            "event": _event(t.event_id, t.event.title if t.event else None),
            "confirmed": False,
            "ticked_at": t.created_at.isoformat(),
        }
        for t in ticks
    ]
    rows += [
        {
            "with": person(b.other_id(member.pk)),
            "booked": {
                "starts_at": b.starts_at.isoformat(),
                "duration_minutes": b.duration_minutes,
                "place": b.place,
                "purpose": b.purpose,
                "status": b.status,
                "you_proposed": b.organizer_id == member.pk,
                "your_answer_did_it_happen": (
                    b.organizer_says_happened
                    if b.organizer_id == member.pk
                    else b.attendee_says_happened
                ),
            },
        }
        for b in booked
    ]
    rows += [
        {
            "with": person(p.recipient_id if p.proposer_id == member.pk else p.proposer_id),
            "proposal": {
                "from_you": p.proposer_id == member.pk,
                "status": p.status,
                "purpose": p.purpose,
                "place": p.place,
                "duration_minutes": p.duration_minutes,
                "times": [t.starts_at.isoformat() for t in p.times.all()],
                "created_at": p.created_at.isoformat(),
            },
        }
        for p in proposals
    ]
    return {"meetings": rows}
