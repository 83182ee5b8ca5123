"""Follow-ups in the member's calendar feed: open tasks and keep-in-touch dates as all-day
entries (``calendar_entries``, found through the registry)."""

from __future__ import annotations

from django.urls import reverse

from mensch.accounts.models import User
from mensch.contacts.selectors import keep_in_touch
from mensch.core.calendars import Entry, site_url
from mensch.followups.selectors import followups_of


def calendar_entries(member: User) -> list[Entry]:
    """Open follow-ups on their due day, and the day each contact with a keep-in-touch
    cadence is due. Three queries however many: tasks, contacts, their tags."""
    url = site_url(reverse("followups"))
    entries = [
        Entry(
            uid=f"followup-{task.pk}",
            summary=f"{task.title} ({task.contact.name})" if task.contact else task.title,
            start=task.due_on,
            description=f"Follow-up from Mensch: {url}",
            url=url,
            # Snoozing only moves a task later: the days it moved make a rising SEQUENCE.
            sequence=max(0, (task.due_on - task.original_due_on).days),
        )
        for task in followups_of(member)
    ]
    for row in keep_in_touch(member):
        if row.ideal_due is None:
            continue
        entries.append(
            Entry(
                uid=f"keep-in-touch-{row.contact.pk}-{row.since:%Y%m%d}",
                summary=f"Get in touch with {row.contact.name}",
                start=row.ideal_due,
                description=f"You wanted to be in touch every {row.ideal_days} days.",
                url=site_url(reverse("contact_detail", args=[row.contact.pk])),
            )
        )
    return entries
