"""The member's part of "all my data" from this app: confirmed meetings with their own
"follow up?" answer, and their "we met" ticks not confirmed yet. Other members appear by
name and profile id only."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from mensch.accounts.models import User
from mensch.meetings.models import Meeting, MeetingTick
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
    others = {m.other(member.pk) for m in meetings} | {t.other_id for t in ticks}
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
    return {"meetings": rows}
