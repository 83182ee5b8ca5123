"""Wall-clock times in a member's own zone, and the DST gaps they can fall into.

A member types a time as they read their clock ("Thursday 02:30"); it is stored in UTC.
A time the clock skips (02:30 on a spring-forward night) is refused with a message; a time
the clock shows twice (02:30 on a fall-back night) means the first of the two.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils.formats import date_format

from mensch.accounts.models import User


def zone_of(member: User) -> ZoneInfo:
    return ZoneInfo(member.time_zone)


def aware_in_zone(local: datetime, zone: ZoneInfo, *, field: str) -> datetime:
    """``local`` (a naive wall-clock time) read in ``zone``, as an aware UTC datetime.

    Raises a ValidationError naming ``field`` when that time does not exist there."""
    try:
        if local.tzinfo is not None:
            return local.astimezone(UTC)
        first = local.replace(tzinfo=zone, fold=0)
        back = first.astimezone(UTC).astimezone(zone)
    except (OverflowError, ValueError) as exc:  # the first or last days of the calendar
        raise ValidationError({field: ["That date is out of range."]}) from exc
    if back.replace(tzinfo=None) != local:
        day = date_format(local.date(), "l j F Y")
        raise ValidationError(
            {
                field: [
                    f"{local:%H:%M} on {day} does not exist in {zone.key}: the clocks "
                    "go forward that night. Choose another time."
                ]
            }
        )
    return first.astimezone(UTC)


def shown_in_zone(moment: datetime, member: User) -> datetime:
    """``moment`` as the member's own clock shows it."""
    return moment.astimezone(zone_of(member))


def describe(moment: datetime, member: User) -> str:
    """ "Thursday 4 June 2026, 14:30 (Europe/Lisbon)": a time as the member reads it."""
    local = shown_in_zone(moment, member)
    return f"{date_format(local, 'l j F Y')}, {local:%H:%M} ({member.time_zone})"
