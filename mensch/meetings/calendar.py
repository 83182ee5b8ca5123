"""Meetings in the member's calendar feed (``calendar_entries``, found through the
registry): confirmed meetings as one all-day entry on the day the two met, and booked
meetings at their time (cancelled ones stay, marked CANCELLED, so calendars drop them)."""

from __future__ import annotations

from django.urls import reverse

from mensch.accounts.models import User
from mensch.core.calendars import Entry, site_url
from mensch.meetings.invitations import meeting_entry
from mensch.meetings.selectors import meetings_of, scheduled_meetings_of


def calendar_entries(member: User) -> list[Entry]:
    """Every meeting the member and someone else both confirmed, on its date, and every
    meeting booked with a connection. Two queries."""
    url = site_url(reverse("meetings"))
    entries = []
    for meeting in meetings_of(member):
        other = meeting.member_high if meeting.member_low_id == member.pk else meeting.member_low
        where = f" at {meeting.event.title}" if meeting.event else ""
        entries.append(
            Entry(
                uid=f"meeting-{meeting.pk}",
                summary=f"Met {other.name}{where}",
                start=meeting.met_on,
                description=f"A meeting you and {other.name} both confirmed.",
                url=url,
                changed_at=meeting.confirmed_at,
            )
        )
    for booked in scheduled_meetings_of(member):
        other = booked.attendee if booked.organizer_id == member.pk else booked.organizer
        entries.append(meeting_entry(booked, viewer=member, other=other))
    return entries
