"""When things happen in the demo registry: on days the centres are open, in their opening hours,
never after now."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone


class Clock:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.tz = timezone.get_current_timezone()
        self.now = timezone.localtime()
        self.today = self.now.date()
        self.last_day = last_working_day(self.now)

    def day(self, first: dt.date, last: dt.date) -> dt.date:
        """A day the centres are open (not a Sunday) from first to last."""
        day = first + dt.timedelta(days=self.rng.randint(0, (last - first).days))
        if day.weekday() == 6 and day > first:
            return day - dt.timedelta(days=1)
        if day.weekday() == 6 and day < last:
            return day + dt.timedelta(days=1)
        return day

    def at_work(self, day: dt.date) -> dt.datetime:
        """A moment in the opening hours of that day (today: not after now)."""
        opens, closes = (10 * 60, 13 * 60 + 30) if day.weekday() == 5 else (9 * 60, 17 * 60 + 30)
        if day == self.today:
            closes = min(closes, self.now.hour * 60 + self.now.minute - 1)
        minute = self.rng.randint(opens, closes)
        return dt.datetime.combine(day, dt.time(minute // 60, minute % 60, self.rng.randrange(60)), tzinfo=self.tz)

    def in_the_last(self, window: dt.timedelta) -> dt.datetime:
        """A moment of the demo's day at the centres: in ``window`` before now, from the opening if the
        centres opened within it, never before midnight. Seeded out of hours (at night, on a Sunday),
        the demo still has a day: the hours just before."""
        start = max(self.now - window, self.now.replace(hour=0, minute=0, second=0, microsecond=0))
        opens = opening(self.today, self.tz)
        if opens is not None and start < opens < self.now:
            start = opens
        return start + dt.timedelta(seconds=self.rng.randint(0, max(int((self.now - start).total_seconds()) - 60, 0)))

    def later(self, start: dt.datetime, *, within_days: int) -> dt.datetime:
        """A moment after start, at most within_days later, in opening hours when it is another day."""
        first = start.date() + dt.timedelta(days=1)
        last = min(start.date() + dt.timedelta(days=within_days), self.last_day)
        if last < first:
            return min(start + dt.timedelta(minutes=self.rng.randint(5, 90)), self.now)
        return self.at_work(self.day(first, last))


def opening(day: dt.date, tz) -> dt.datetime | None:
    """When the centres open on ``day`` (None on a Sunday)."""
    if day.weekday() == 6:
        return None
    return dt.datetime.combine(day, dt.time(10) if day.weekday() == 5 else dt.time(9), tzinfo=tz)


def last_working_day(now: dt.datetime) -> dt.date:
    """The last day with opening hours behind us: today once the centres have been open a while."""
    day = now.date()
    opened = dt.time(10, 30) if day.weekday() == 5 else dt.time(9, 30)
    if day.weekday() == 6 or now.time() < opened:
        day -= dt.timedelta(days=1)
    while day.weekday() == 6:
        day -= dt.timedelta(days=1)
    return day
