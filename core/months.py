"""Calendar months in Almaty time: the periods the dashboards and the monthly reports count in.

A month runs from midnight on its first day to midnight on the first of the next, in Asia/Almaty
(UTC+5, the portal's ``TIME_ZONE``), whatever the server's or the database's time zone: a visit at
23:30 on 31 October in Almaty (18:30 UTC) belongs to October. ``start`` and ``end`` are aware moments
for ``DateTimeField`` lookups (``arrived_at__gte=month.start, arrived_at__lt=month.end``); ``first_day``
and ``next_first_day`` are the dates for ``DateField`` ones.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone

_ISO = re.compile(r"\A(\d{4})-(\d{2})\Z")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1 <= self.year <= 9999:
            raise ValueError(f"no such month: {self.year}-{self.month}")

    @classmethod
    def of(cls, value: dt.date | dt.datetime) -> Month:
        """The month a moment (read in Almaty time) or a day falls in."""
        if isinstance(value, dt.datetime):
            value = timezone.localtime(value) if timezone.is_aware(value) else value
        return cls(value.year, value.month)

    @classmethod
    def current(cls, now: dt.datetime | None = None) -> Month:
        return cls.of(now or timezone.now())

    @classmethod
    def parse(cls, text: str) -> Month:
        """``2026-11`` (as the month picker sends it); ValueError otherwise."""
        found = _ISO.match(text or "")
        if not found:
            raise ValueError(f"not a month: {text!r}")
        return cls(int(found[1]), int(found[2]))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """``11.2026``: the same in every language (charts and file names)."""
        return f"{self.month:02d}.{self.year:04d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def next_first_day(self) -> dt.date:
        return self.shifted(1).first_day

    @property
    def last_day(self) -> dt.date:
        return self.next_first_day - dt.timedelta(days=1)

    @property
    def start(self) -> dt.datetime:
        return _midnight(self.first_day)

    @property
    def end(self) -> dt.datetime:
        return _midnight(self.next_first_day)

    def shifted(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def until(self, other: Month) -> list[Month]:
        """The months from this one to ``other``, both included (empty when ``other`` is earlier)."""
        count = (other.year - self.year) * 12 + other.month - self.month
        return [self.shifted(step) for step in range(count + 1)]

    def moment(self, now: dt.datetime) -> dt.datetime:
        """Where a figure "at the month's end" is taken: the end, or ``now`` for a month still running."""
        return min(self.end, now)

    def day_after(self, today: dt.date) -> dt.date:
        """The date form of ``moment``: the first day after the month, or ``today`` for a month still running."""
        return min(self.next_first_day, today)


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min), timezone.get_default_timezone())
