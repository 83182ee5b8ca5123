"""The private iCalendar feed: open follow-up tasks and keep-in-touch dates as all-day
events, so they show up in whatever calendar the member already uses."""

from __future__ import annotations

from datetime import timedelta

import vobject
from dateutil import tz
from django.conf import settings
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.selectors import keep_in_touch
from mensch.followups.selectors import followups_of


def _event(calendar: object, *, uid: str, day: object, summary: str, description: str) -> None:
    event = calendar.add("vevent")  # type: ignore[attr-defined]
    event.add("uid").value = uid
    event.add("dtstamp").value = timezone.now().astimezone(tz.UTC)
    start = event.add("dtstart")
    start.value = day
    start.params["VALUE"] = ["DATE"]
    end = event.add("dtend")
    end.value = day + timedelta(days=1)  # type: ignore[operator]
    end.params["VALUE"] = ["DATE"]
    event.add("summary").value = summary
    event.add("description").value = description
    event.add("transp").value = "TRANSPARENT"


def followup_calendar(member: User) -> str:
    calendar = vobject.iCalendar()
    calendar.add("prodid").value = "-//Mensch//Follow-ups//EN"
    calendar.add("x-wr-calname").value = "Mensch follow-ups"
    host = settings.SITE_URL.split("//")[-1]
    for task in followups_of(member):
        who = f" ({task.contact.name})" if task.contact else ""
        _event(
            calendar,
            uid=f"followup-{task.pk}@{host}",
            day=task.due_on,
            summary=f"{task.title}{who}",
            description=f"Follow-up from Mensch: {settings.SITE_URL}/followups/",
        )
    for row in keep_in_touch(member):
        _event(
            calendar,
            uid=f"keep-in-touch-{row.contact.pk}-{row.since:%Y%m%d}@{host}",
            day=row.ideal_due,
            summary=f"Get in touch with {row.contact.name}",
            description=f"You wanted to be in touch every {row.ideal_days} days.",
        )
    return calendar.serialize()
