"""Confirmed meetings in the member's calendar feed: one all-day entry on the day the two
met (``calendar_entries``, found through the registry)."""

from __future__ import annotations

from django.urls import reverse

from mensch.accounts.models import User
from mensch.core.calendars import Entry, site_url
from mensch.meetings.selectors import meetings_of


def calendar_entries(member: User) -> list[Entry]:
    """Every meeting the member and someone else both confirmed, on its date. One query."""
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
    return entries
