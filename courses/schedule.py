"""A group's lessons from its weekly schedule: pure dates, no database.

A group meets on some weekdays (ISO numbers, 1 = Monday) from its first day to its last; a public
holiday on one of those days has no lesson (it is not moved elsewhere: the centre is closed, and the
instructor moves a lesson by hand when the hours must be made up)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterable


def parse_weekdays(value: str | Iterable[int]) -> str:
    """The weekdays as the group keeps them: distinct ISO digits in order ("135")."""
    days = {int(day) for day in value}
    if not days or not days <= set(range(1, 8)):
        raise ValueError("weekdays are ISO numbers 1 to 7, at least one")
    return "".join(str(day) for day in sorted(days))


def lesson_days(*, starts_on: dt.date, ends_on: dt.date, weekdays: str, holidays: Container[dt.date] = ()) -> list[dt.date]:
    """Every day from ``starts_on`` to ``ends_on`` (both included) that falls on one of ``weekdays``
    and is not a holiday."""
    wanted = {int(day) for day in weekdays}
    days = []
    day = starts_on
    while day <= ends_on:
        if day.isoweekday() in wanted and day not in holidays:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def ends_at(starts_at: dt.time, minutes: int) -> dt.time:
    """When a lesson that starts at ``starts_at`` and lasts ``minutes`` ends (the same day: at most 23:59)."""
    end = dt.datetime.combine(dt.date(2000, 1, 1), starts_at) + dt.timedelta(minutes=minutes)
    return end.time() if end.date() == dt.date(2000, 1, 1) else dt.time(23, 59)
