"""Dates the grants count in months (monitoring visits 6 and 12 months after the first tranche)."""

import datetime as dt


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it has no such day: 31 August + 6 → 28/29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return min(day.replace(year=year, month=month, day=1) + dt.timedelta(days=day.day - 1), following - dt.timedelta(days=1))
