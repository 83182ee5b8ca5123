"""Date arithmetic that cannot overflow.

Python dates end at 9999-12-31: ``date.max + timedelta(days=1)`` raises OverflowError. A
date a member chose (a follow-up due in year 9999) or a row written around the services
must not turn a page, a feed or the daily job into an error, so sums of days go through
:func:`add_days`, which holds the result at the ends of the calendar.
"""

from __future__ import annotations

from datetime import date, timedelta


def add_days(day: date, days: int) -> date:
    """``day + days``, held at ``date.max`` (or ``date.min``) instead of overflowing."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min
