"""The calendars' reads: the workplaces with their plans, a calendar of free slots and appointments, the
centre's week of counts, a specialist's day, and the free-slot search. Each asks a fixed number of
queries, whatever the number of specialists, days and appointments."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.models import User
from consultations import freshness
from consultations.kinds import SPECIALTY_OF_KIND, Kind
from consultations.models import Appointment, PlanBreak, TimeOff, WorkingHours, Workplace
from consultations.models.appointments import LONGEST
from consultations.selectors.reports import follow_up_counts, local_midnight
from consultations.slots import Interval, Slot, count_free, days_off, free_slots, merge, plan_times, wall_clock
from core.freshness import kept
from core.roles import Role
from holidays.selectors import holidays_between

# What the calendars show of an appointment and of its mother: not the rest of the family's row, whose
# phone fields cost a parse each.
APPOINTMENT_FIELDS = ("specialist_id", "centre_id", "family_id", "kind", "channel", "status", "starts_at", "ends_at")
MOTHER_NAME = ("family__mother__last_name", "family__mother__first_name", "family__mother__middle_name")
CENTRE_NAME = ("centre__name", "centre__name_kk", "centre__name_ru")  # and its translations (modeltranslation)


def further_centres(user) -> list[tuple[int, int]]:
    """The scoping hook (``core.scoping.further_centres``): the centres where a specialist has a plan,
    with their districts. One query, for specialists only."""
    if user.role != Role.SPECIALIST:
        return []
    rows = Workplace.objects.filter(specialist=user, is_active=True).values_list("centre_id", "centre__district_id")
    return list(rows)


def workplaces(*, centre=None, specialist=None, kind: str | None = None) -> list[Workplace]:
    """The active workplaces at ``centre`` (or of ``specialist``), with their specialist and her weekly
    plan (three queries: the workplaces, their hours, their breaks — the last two as plain values,
    since a calendar reads them for every day of every specialist)."""
    rows = Workplace.objects.filter(is_active=True, specialist__is_active=True)
    # Not her phone: a parse for each specialist, and no calendar shows it.
    rows = rows.select_related("specialist").defer("specialist__phone", "specialist__password")
    # A centre's workplaces all get the centre asked for; others read theirs with them.
    rows = rows.filter(centre=centre) if centre is not None else rows.select_related("centre")
    if specialist is not None:
        rows = rows.filter(specialist=specialist)
    if kind is not None:
        rows = rows.filter(specialist__specialty=SPECIALTY_OF_KIND[Kind(kind)])
    places = list(rows.order_by("specialist__last_name", "specialist__first_name", "specialist_id", "centre_id"))
    if not places:
        return places
    ids = [place.pk for place in places]
    hours: dict[int, list[tuple[int, dt.time, dt.time]]] = defaultdict(list)
    for place_id, weekday, starts, ends in WorkingHours.objects.filter(workplace_id__in=ids).values_list(
        "workplace_id", "weekday", "starts", "ends"
    ):
        hours[place_id].append((weekday, starts, ends))
    breaks: dict[int, list[tuple[int | None, dt.time, dt.time]]] = defaultdict(list)
    for place_id, on, starts, ends in PlanBreak.objects.filter(workplace_id__in=ids).values_list(
        "workplace_id", "weekday", "starts", "ends"
    ):
        breaks[place_id].append((on, starts, ends))
    for place in places:
        place.weekly_plan = _weekly_plan(hours[place.pk], breaks[place.pk])
        if centre is not None:
            place.centre = centre  # the one asked for: not read again for each of her 50 specialists
    return places


WeeklyPlan = dict[int, tuple[list[tuple[dt.time, dt.time]], list[tuple[dt.time, dt.time]]]]


def _weekly_plan(hours, breaks) -> WeeklyPlan:
    """Per weekday she works: her hours and the breaks that apply on it."""
    plan: WeeklyPlan = {}
    for weekday, starts, ends in hours:
        plan.setdefault(weekday, ([], []))[0].append((starts, ends))
    for weekday, (spans, pauses) in plan.items():
        spans.sort()
        pauses.extend(sorted((starts, ends) for on, starts, ends in breaks if on is None or on == weekday))
    return plan


@dataclass
class Cell:
    """One specialist on one day at one centre: why she is away, or her free slots and appointments."""

    day: dt.date
    off: str = ""  # a holiday's name, or her time off
    free: list[Slot] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)

    @property
    def stretches(self) -> list[tuple[dt.datetime, dt.datetime]]:
        return merge(self.free)


@dataclass
class Row:
    workplace: Workplace
    cells: list[Cell]

    @property
    def specialist(self) -> User:
        return self.workplace.specialist


@dataclass
class Calendar:
    days: list[dt.date]
    holidays: dict[dt.date, str]
    rows: list[Row]

    def free(self) -> list[Slot]:
        return sorted((slot for row in self.rows for cell in row.cells for slot in cell.free), key=lambda s: s.starts_at)


def calendar(
    places: Sequence[Workplace],
    days: Sequence[dt.date],
    *,
    now: dt.datetime | None = None,
    appointments: Iterable[Appointment] | None = None,
) -> Calendar:
    """The calendar of ``places`` over ``days``: three queries (time off, holidays, appointments), two
    when the caller has read the specialists' ``appointments`` over these days already (any status,
    with their mothers' names)."""
    days = sorted(days)
    now = now or timezone.now()
    zone = timezone.get_default_timezone()
    holidays = holidays_between(days[0], days[-1])
    if not places:
        return Calendar(days, holidays, [])
    specialist_ids = {place.specialist_id for place in places}
    start, end = local_midnight(days[0], zone), local_midnight(days[-1] + dt.timedelta(days=1), zone)
    away = _away(specialist_ids, days)
    # Her appointments at every centre: a slot here is not free while she is booked elsewhere.
    booked: dict[int, list[Appointment]] = defaultdict(list)
    if appointments is None:
        rows = (
            Appointment.objects.overlapping(start, end)
            .filter(specialist_id__in=specialist_ids)
            .select_related("family__mother")
            .only(*APPOINTMENT_FIELDS, *MOTHER_NAME)
            .order_by("starts_at", "pk")
        )
    else:
        cancelled = Appointment.Status.CANCELLED
        rows = [a for a in appointments if a.status != cancelled and a.starts_at < end and a.ends_at > start]
    for appointment in rows:
        booked[appointment.specialist_id].append(appointment)
    return Calendar(
        days,
        holidays,
        [_row(place, days, holidays, away[place.specialist_id], booked[place.specialist_id], now, zone) for place in places],
    )


def _away(specialist_ids, days: Sequence[dt.date]) -> dict[int, list[TimeOff]]:
    away: dict[int, list[TimeOff]] = defaultdict(list)
    for row in TimeOff.objects.filter(specialist_id__in=specialist_ids, first_day__lte=days[-1], last_day__gte=days[0]):
        away[row.specialist_id].append(row)
    return away


def _off_reason(day: dt.date, holidays: dict[dt.date, str], away: Sequence[TimeOff]) -> str:
    return str(holidays.get(day) or next(t.get_reason_display() for t in away if t.first_day <= day <= t.last_day))


@dataclass
class DayCount:
    """One specialist on one day at one centre, as the centre's week shows her: why she is away, or how
    many of her slots are free and how many appointments she holds there (the slots themselves come
    with the day, on demand)."""

    day: dt.date
    off: str = ""
    free: int = 0
    booked: int = 0
    works: bool = False  # her plan has hours on this day
    past: bool = False  # nothing of it can be booked any more


@dataclass
class WeekRow:
    workplace: Workplace
    cells: list[DayCount]

    @property
    def specialist(self) -> User:
        return self.workplace.specialist


@dataclass
class Week:
    days: list[dt.date]
    holidays: dict[dt.date, str]
    rows: list[WeekRow]
    # When its counts change with time alone: the next of today's slots begins (it is no longer free)
    # or the day ends (today's page is yesterday's then).
    changes_at: dt.datetime | None = None


def week_counts(places: Sequence[Workplace], days: Sequence[dt.date], *, now: dt.datetime | None = None) -> Week:
    """The counts of ``places`` over ``days``: four queries (holidays, time off, the appointments
    counted per specialist, centre and day by the database, and the busy times of the days still to
    come) — no appointment, family or mother is built, and the days gone read no times at all."""
    days = sorted(days)
    now = now or timezone.now()
    zone = timezone.get_default_timezone()
    holidays = holidays_between(days[0], days[-1])
    today = timezone.localtime(now, zone).date()
    if not places:
        return Week(days, holidays, [], changes_at=local_midnight(today + dt.timedelta(days=1), zone))
    specialist_ids = {place.specialist_id for place in places}
    away = _away(specialist_ids, days)
    start, end = local_midnight(days[0], zone), local_midnight(days[-1] + dt.timedelta(days=1), zone)
    booked = _booked_per_day(specialist_ids, start, end, zone)
    busy = _busy_from(max(start, local_midnight(today, zone)), end, specialist_ids, zone)
    local_now = timezone.localtime(now, zone).replace(tzinfo=None)
    result = []
    for place in places:
        mine, off = busy[place.specialist_id], away[place.specialist_id]
        off_days = days_off(days[0], days[-1], away=[(t.first_day, t.last_day) for t in off], holidays=holidays)
        cells = []
        for day in days:
            count = booked.get((place.specialist_id, place.centre_id, day), 0)
            if day in off_days:
                cells.append(DayCount(day, off=_off_reason(day, holidays, off), booked=count))
                continue
            free, works = 0, works_on(place, day)
            if works and day >= today:  # a day gone has nothing free
                free = count_free(_times_of(place, day), day=day, busy=mine.get(day, []), now=local_now)
            cells.append(DayCount(day, free=free, booked=count, works=works, past=day < today))
        result.append(WeekRow(place, cells))
    return Week(days, holidays, result, changes_at=_next_change(places, days, today, local_now, zone))


def _next_change(
    places: Sequence[Workplace], days: Sequence[dt.date], today: dt.date, local_now: dt.datetime, zone
) -> dt.datetime:
    """The next moment the week's counts change by the clock alone: the start of today's next slot
    (counted free until then), else midnight."""
    midnight = local_midnight(today + dt.timedelta(days=1), zone)
    if today not in days:
        return midnight
    begun = local_now.time()
    starts = [start for place in places if works_on(place, today) for start, _ in _times_of(place, today) if start > begun]
    if not starts:
        return midnight
    return min(midnight, timezone.make_aware(dt.datetime.combine(today, min(starts)), zone))


def _booked_per_day(specialist_ids, start: dt.datetime, end: dt.datetime, zone) -> dict[tuple[int, int, dt.date], int]:
    """How many appointments each specialist holds at each centre on each day, counted by the database."""
    counted = (
        Appointment.objects.active()
        .filter(specialist_id__in=specialist_ids, starts_at__gte=start, starts_at__lt=end)
        .annotate(day=TruncDate("starts_at", tzinfo=zone))
        .values_list("specialist_id", "centre_id", "day")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {(specialist_id, centre_id, day): count for specialist_id, centre_id, day, count in counted}


def _busy_from(since: dt.datetime, end: dt.datetime, specialist_ids, zone) -> dict[int, dict[dt.date, list[Interval]]]:
    """Her busy times at every centre from ``since`` (a slot here is not free while she is booked
    elsewhere), per day, on the wall clock; for a week gone the range is empty."""
    busy: dict[int, dict[dt.date, list[Interval]]] = defaultdict(lambda: defaultdict(list))
    until = max(since, end)
    local = wall_clock(zone, since - LONGEST, until)
    rows = Appointment.objects.overlapping(since, until).filter(specialist_id__in=specialist_ids)
    for specialist_id, starts_at, ends_at in rows.values_list("specialist_id", "starts_at", "ends_at"):
        first, last = local(starts_at), local(ends_at)
        busy[specialist_id][first.date()].append((first, last))
        if last.date() != first.date():  # runs past midnight: it takes slots of the next day too
            busy[specialist_id][last.date()].append((first, last))
    return busy


def _row(place, days, holidays, away, booked, now, zone) -> Row:
    off_days = days_off(days[0], days[-1], away=[(t.first_day, t.last_day) for t in away], holidays=holidays)
    busy = [(a.starts_at, a.ends_at) for a in booked]
    cells = []
    for day in days:
        mine = [a for a in booked if a.centre_id == place.centre_id and timezone.localtime(a.starts_at, zone).date() == day]
        if day in off_days:
            cells.append(Cell(day, off=_off_reason(day, holidays, away), appointments=mine))
            continue
        cells.append(Cell(day, free=free_slots(plan_of(place, day), busy=busy, now=now), appointments=mine))
    return Row(place, cells)


def plan_of(place: Workplace, day: dt.date) -> list[Slot]:
    """Every slot of her plan at ``place`` on ``day``, booked or not (``place`` as ``workplaces`` gives it)."""
    if getattr(place, "weekly_plan", None) is None:  # a workplace read some other way
        place.weekly_plan = _weekly_plan(
            [(h.weekday, h.starts, h.ends) for h in place.hours.all()],
            [(b.weekday, b.starts, b.ends) for b in place.breaks.all()],
        )
    # Laid out once per weekday and placed on ``day``: the same slots ``plan_slots`` gives (a wall-clock
    # time plus a length is a wall-clock time), without looking for the breaks on each of a long
    # calendar's days.
    midnight = dt.datetime.combine(day, dt.time(), tzinfo=timezone.get_default_timezone())
    specialist, centre = place.specialist_id, place.centre_id
    return [Slot(midnight + starts, midnight + ends, specialist, centre) for starts, ends in _offsets_of(place, day)]


def _offsets_of(place: Workplace, day: dt.date) -> list[tuple[dt.timedelta, dt.timedelta]]:
    """Her slots at ``place`` on ``day``'s weekday as times since midnight, laid out once per weekday."""
    cache = place.__dict__.setdefault("_slot_offsets", {})
    if day.weekday() not in cache:
        since = lambda at: dt.timedelta(hours=at.hour, minutes=at.minute, seconds=at.second)  # noqa: E731
        cache[day.weekday()] = [(since(starts), since(ends)) for starts, ends in _times_of(place, day)]
    return cache[day.weekday()]


def _times_of(place: Workplace, day: dt.date) -> list[tuple[dt.time, dt.time]]:
    """Her slots' wall-clock times at ``place`` on ``day``'s weekday, laid out once per weekday."""
    cache = place.__dict__.setdefault("_slot_times", {})
    if day.weekday() not in cache:
        hours, breaks = place.weekly_plan.get(day.weekday(), ([], []))
        cache[day.weekday()] = plan_times(hours=hours, breaks=breaks, length=place.slot_length)
    return cache[day.weekday()]


def works_on(place: Workplace, day: dt.date) -> bool:
    """Whether her plan at ``place`` has hours on ``day``'s weekday."""
    return day.weekday() in place.weekly_plan


def week_of(day: dt.date) -> list[dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return [monday + dt.timedelta(days=offset) for offset in range(7)]


def free_slot_for(*, specialist, centre, starts_at: dt.datetime) -> Slot | None:
    """The free slot of ``specialist`` at ``centre`` that starts at ``starts_at``, if there is one."""
    places = [place for place in workplaces(specialist=specialist) if place.centre_id == centre.pk]
    if not places:
        return None
    day = timezone.localtime(starts_at).date()
    found = calendar(places, [day]).free()
    return next((slot for slot in found if slot.starts_at == starts_at), None)


def search_free_slots(*, centre, kind: str | None, first_day: dt.date, days: int = 14, limit: int = 40) -> list[Slot]:
    """The first free slots at ``centre`` (of one ``kind``, or any) from ``first_day`` on."""
    period = [first_day + dt.timedelta(days=offset) for offset in range(days)]
    return calendar(workplaces(centre=centre, kind=kind), period).free()[:limit]


def specialists_by_id(slots: Iterable[Slot]) -> dict[int, User]:
    return {user.pk: user for user in User.objects.filter(pk__in={slot.specialist_id for slot in slots})}


@dataclass
class SpecialistDay:
    """ "My day": her appointments of the day at every centre (any status), her free times, and how many
    follow-ups are due this week and overdue."""

    appointments: list[Appointment]
    calendar: Calendar
    due: int
    overdue: int


def specialist_day(specialist, day: dt.date, *, now: dt.datetime | None = None) -> SpecialistDay:
    """Seven queries: her appointments (one read serves the list and the free times), her workplaces
    with hours and breaks, the holidays, her time off, and the follow-ups counted; three when her plans
    and her follow-ups' counts are kept in the cache from an earlier request."""
    zone = timezone.get_default_timezone()
    start = local_midnight(day, zone)
    end = start + dt.timedelta(days=1)
    rows = list(
        # From a longest appointment before midnight: one begun the evening before takes her first slots.
        Appointment.objects.filter(specialist=specialist, starts_at__gt=start - LONGEST, starts_at__lt=end)
        .select_related("family__mother", "centre")
        .only(*APPOINTMENT_FIELDS, *MOTHER_NAME, *CENTRE_NAME)
        .order_by("starts_at", "pk")
    )
    due, overdue = _kept_follow_up_counts(specialist, timezone.localtime(now or timezone.now(), zone))
    return SpecialistDay(
        appointments=[a for a in rows if a.starts_at >= start],
        calendar=calendar(_kept_workplaces(specialist), [day], now=now, appointments=rows),
        due=due,
        overdue=overdue,
    )


# Her day keeps two of its reads in the cache, under tokens replaced by what they are made of
# (``consultations.freshness``): her weekly plans, and her follow-ups' counts of the day.
KEPT_SECONDS = 10 * 60


def _her_key(kind: str, specialist, *parts) -> str:
    # Her names and specialty are in the key: her workplaces carry her (saved by an administrator).
    who = (specialist.pk, specialist.specialty, specialist.last_name, specialist.first_name, specialist.middle_name)
    return f"consultations:{kind}:" + hashlib.sha1(repr((who, *parts)).encode()).hexdigest()


def _kept_workplaces(specialist) -> list[Workplace]:
    """``workplaces(specialist=...)``, kept until a plan, a workplace, a holiday or a centre changes."""
    key = _her_key("plans", specialist, freshness.plans_token())
    return kept(key, lambda: workplaces(specialist=specialist), seconds=KEPT_SECONDS)


def _kept_follow_up_counts(specialist, now: dt.datetime) -> tuple[int, int]:
    """``follow_up_counts`` of her today, kept until an appointment or a note changes, or midnight."""
    today = now.date()
    midnight = local_midnight(today + dt.timedelta(days=1), now.tzinfo)
    key = _her_key("follow-ups", specialist, today, freshness.follow_ups_token())
    seconds = min(KEPT_SECONDS, (midnight - now).total_seconds())
    return kept(key, lambda: follow_up_counts(specialist, today=today), seconds=seconds)
