"""iTIP invitations (RFC 5546) for booked meetings, written with ``icalendar``.

On booking and on each change both people get an email with a ``text/calendar``
attachment ``METHOD:REQUEST``; on cancelling, ``METHOD:CANCEL``. The UID stays the same
for the life of the meeting and SEQUENCE rises on each change, so Google Calendar, Outlook
and Apple Calendar update the one invitation they show instead of adding another.
"""

from __future__ import annotations

from typing import Literal

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.urls import reverse
from icalendar import Calendar, vCalAddress, vText

from mensch.accounts.models import User
from mensch.core.calendars import PRODID, Entry, component, site_url
from mensch.core.text import normalise_line
from mensch.meetings.models import ScheduledMeeting
from mensch.meetings.times import describe

Method = Literal["REQUEST", "CANCEL"]


def meeting_entry(meeting: ScheduledMeeting, *, viewer: User, other: User) -> Entry:
    """The meeting as one calendar entry (also used by the private calendar feed)."""
    cancelled = meeting.status == ScheduledMeeting.Status.CANCELLED
    page = site_url(reverse("scheduled_meeting", args=[meeting.pk]))
    return Entry(
        uid=f"scheduled-meeting-{meeting.uid}",
        summary=normalise_line(f"Meeting {other.name}: {meeting.purpose}")[:200],
        start=meeting.starts_at,
        end=meeting.ends_at,
        description=f"{meeting.purpose}\n{page}",
        url=page,
        location=meeting.place,
        sequence=meeting.sequence,
        status="CANCELLED" if cancelled else "CONFIRMED",
        changed_at=meeting.updated_at,
    )


def _address(member: User, *, role: str | None = None) -> vCalAddress:
    address = vCalAddress(f"mailto:{member.email}")
    address.params["CN"] = vText(member.name)
    if role is not None:
        address.params["ROLE"] = vText(role)
        address.params["PARTSTAT"] = vText("ACCEPTED")
    return address


def itip_bytes(meeting: ScheduledMeeting, method: Method, *, viewer: User) -> bytes:
    """The VCALENDAR with METHOD ``method`` for this meeting, as ``viewer`` receives it."""
    organizer, attendee = meeting.organizer, meeting.attendee
    other = attendee if viewer.pk == organizer.pk else organizer
    event = component(meeting_entry(meeting, viewer=viewer, other=other))
    event.add("organizer", _address(organizer))
    for person in (organizer, attendee):
        event.add("attendee", _address(person, role="REQ-PARTICIPANT"))
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(event)
    return calendar.to_ical()


def invitation_email(meeting: ScheduledMeeting, method: Method, *, to: User) -> EmailMessage:
    other = meeting.attendee if to.pk == meeting.organizer_id else meeting.organizer
    when = describe(meeting.starts_at, to)
    if method == "CANCEL":
        subject = f"Cancelled: your meeting with {other.name}"
        body = f"Your meeting with {other.name} on {when} is cancelled."
        if meeting.cancel_note:
            body += f"\n\nTheir note: {meeting.cancel_note}"
    else:
        verb = "Invitation" if meeting.sequence == 0 else "Moved"
        subject = f"{verb}: meeting {other.name} on {when}"
        body = (
            f"You and {other.name} meet on {when} for {meeting.duration_minutes} minutes."
            f"\nWhat for: {meeting.purpose}"
        )
        if meeting.place:
            body += f"\nWhere: {meeting.place}"
    body += f"\n\n{site_url(reverse('scheduled_meeting', args=[meeting.pk]))}\n"
    message = EmailMessage(
        subject=normalise_line(subject),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to.email],
    )
    message.attach(
        "invite.ics",
        itip_bytes(meeting, method, viewer=to),
        f"text/calendar; method={method}; charset=utf-8",
    )
    return message


@task()
def send_meeting_invitations(meeting_id: int, method: str, sequence: int) -> int:
    """Email both people the invitation (or cancellation) of this version of the meeting;
    how many went out. A task run after a later change sends nothing: that change booked
    its own."""
    meeting = (
        ScheduledMeeting.objects.select_related("organizer", "attendee")
        .filter(pk=meeting_id, sequence=sequence)
        .first()
    )
    if meeting is None or method not in ("REQUEST", "CANCEL"):
        return 0
    sent = 0
    for person in (meeting.organizer, meeting.attendee):
        sent += invitation_email(meeting, method, to=person).send()  # type: ignore[arg-type]
    return sent
