"""Free slots: a specialist's plan for a day, less her breaks, the days she is away, public holidays
and what is booked already, in Almaty's local time. A pure module: the selectors read the rows and
hand them in.

A day's slots are laid out from the start of each stretch of working hours, one slot length after
another; a slot that would run into a break starts again when the break ends, and a slot that would
run past the end of the hours is not offered. Times are local wall-clock times of the portal's time
zone (``Asia/Almaty``): a plan that says 09:00 means nine in the morning in Almaty whatever the
server's or the browser's time zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

Span = tuple[dt.time, dt.time]
Interval = tuple[dt.datetime, dt.datetime]
When = TypeVar("When", dt.datetime, dt.time)


@dataclass(frozen=True)
class Slot:
    starts_at: dt.datetime  # aware
    ends_at: dt.datetime
    specialist_id: int
    centre_id: int

    def overlaps(self, starts_at: dt.datetime, ends_at: dt.datetime) -> bool:
        return self.starts_at < ends_at and starts_at < self.ends_at


def local(day: dt.date, at: dt.time, zone: dt.tzinfo) -> dt.datetime:
    """``at`` o'clock on ``day`` in ``zone``."""
    return dt.datetime.combine(day, at).replace(tzinfo=zone)


def plan_slots(
    *,
    day: dt.date,
    hours: Iterable[Span],
    breaks: Iterable[Span],
    length: dt.timedelta,
    zone: dt.tzinfo,
    specialist_id: int,
    centre_id: int,
) -> list[Slot]:
    """The slots her plan gives on ``day``: each stretch of ``hours`` cut into ``length``, around ``breaks``."""
    pauses = sorted((local(day, start, zone), local(day, end, zone)) for start, end in breaks)
    slots = []
    for start, end in sorted(hours):
        at, until = local(day, start, zone), local(day, end, zone)
        while at + length <= until:
            pause = next((p for p in pauses if p[0] < at + length and at < p[1]), None)
            if pause is not None:
                at = pause[1]
                continue
            slots.append(Slot(at, at + length, specialist_id, centre_id))
            at += length
    return slots


def free_slots(slots: Iterable[Slot], *, busy: Sequence[Interval], now: dt.datetime) -> list[Slot]:
    """``slots`` that have not begun and overlap nothing ``busy`` (her appointments at any centre), in
    the order of their start.

    One sweep over both in time order (the busy times joined where they touch or overlap), not each
    slot against each appointment: a centre's week asks it for 50 specialists, a search for two weeks."""
    stretches = _union(busy)
    free, at = [], 0
    for slot in sorted(slots, key=lambda s: s.starts_at):
        while at < len(stretches) and stretches[at][1] <= slot.starts_at:
            at += 1  # over before this slot begins, so before every later one too
        if slot.starts_at > now and not (at < len(stretches) and stretches[at][0] < slot.ends_at):
            free.append(slot)
    return free


def plan_times(*, hours: Iterable[Span], breaks: Iterable[Span], length: dt.timedelta) -> list[Span]:
    """The wall-clock start and end of each slot ``plan_slots`` lays out on a day with these hours and
    breaks: the same on every such day, so a week of counts lays them out once per weekday."""
    day, utc = dt.date(2000, 1, 3), dt.UTC
    slots = plan_slots(day=day, hours=hours, breaks=breaks, length=length, zone=utc, specialist_id=0, centre_id=0)
    return [(slot.starts_at.time(), slot.ends_at.time()) for slot in slots]


def count_free(times: Sequence[Span], *, day: dt.date, busy: Iterable[Interval], now: dt.datetime) -> int:
    """How many of the slots at ``times`` on ``day`` (``plan_times``) ``free_slots`` would give: the
    same sweep, on the wall clock (``busy`` and ``now`` as naive local times, the plan's own clock;
    Almaty keeps no summer time), without building a slot."""
    if now.date() > day:
        return 0
    begun = now.time() if now.date() == day else None
    spans: list[Span] = []
    for first, last in busy:
        if last.date() < day or first.date() > day:
            continue
        spans.append((first.time() if first.date() == day else dt.time.min, last.time() if last.date() == day else dt.time.max))
    stretches = _union(spans)
    free, at = 0, 0
    for starts, ends in times:
        while at < len(stretches) and stretches[at][1] <= starts:
            at += 1
        if (begun is None or starts > begun) and not (at < len(stretches) and stretches[at][0] < ends):
            free += 1
    return free


def wall_clock(zone: dt.tzinfo, first: dt.datetime, last: dt.datetime) -> Callable[[dt.datetime], dt.datetime]:
    """A converter of aware moments from ``first`` to ``last`` to naive local times of ``zone``. Over a
    stretch in which the zone keeps one offset (every week of Almaty's) it adds the offset: a
    conversion through the zone's rules for each of a week's thousand appointments was most of the
    centre week's time."""
    offset = first.astimezone(zone).utcoffset()
    if offset is None or last.astimezone(zone).utcoffset() != offset:
        return lambda moment: moment.astimezone(zone).replace(tzinfo=None)
    return lambda moment: moment.replace(tzinfo=None) - (moment.utcoffset() or dt.timedelta()) + offset


def _union(intervals: Iterable[tuple[When, When]]) -> list[tuple[When, When]]:
    """``intervals`` as the fewest disjoint ones, in time order."""
    joined: list[tuple[When, When]] = []
    for start, end in sorted(intervals):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def days_off(
    first: dt.date, last: dt.date, *, away: Iterable[tuple[dt.date, dt.date]], holidays: Iterable[dt.date]
) -> set[dt.date]:
    """The days from ``first`` to ``last`` she receives nobody: public holidays and her time off."""
    off = {day for day in holidays if first <= day <= last}
    for start, end in away:
        day = max(start, first)
        while day <= min(end, last):
            off.add(day)
            day += dt.timedelta(days=1)
    return off


def merge(slots: Sequence[Slot]) -> list[Interval]:
    """Back-to-back slots as one stretch ("free 10:00–12:00"), for a compact week view."""
    stretches: list[Interval] = []
    for slot in sorted(slots, key=lambda s: s.starts_at):
        if stretches and stretches[-1][1] == slot.starts_at:
            stretches[-1] = (stretches[-1][0], slot.ends_at)
        else:
            stretches.append((slot.starts_at, slot.ends_at))
    return stretches
