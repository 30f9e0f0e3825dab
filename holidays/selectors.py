"""The public functions other apps ask about holidays."""

import datetime as dt

from holidays.models import PublicHoliday


def holidays_between(start: dt.date, end: dt.date) -> dict[dt.date, str]:
    """The public holidays from ``start`` to ``end`` (both included), each with its name in the active
    language. One query."""
    return dict(PublicHoliday.objects.filter(day__range=(start, end)).values_list("day", "name"))


def is_holiday(day: dt.date) -> bool:
    return PublicHoliday.objects.filter(day=day).exists()
