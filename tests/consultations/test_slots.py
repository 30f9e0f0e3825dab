"""Free slots: the plan, its breaks, days away, public holidays and bookings, in Almaty's time."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from consultations import selectors
from consultations.models import TimeOff
from consultations.slots import count_free, days_off, free_slots, merge, plan_slots, plan_times, wall_clock
from holidays.models import PublicHoliday
from tests.consultations.factories import AppointmentFactory, at, specialist_at, working_day

ALMATY = ZoneInfo("Asia/Almaty")
MONDAY = dt.date(2026, 10, 26)
HOUR = dt.timedelta(hours=1)


def times(slots) -> list[str]:
    return [f"{slot.starts_at:%H:%M}" for slot in slots]


def plan(**overrides):
    values = {
        "day": MONDAY,
        "hours": [(dt.time(9), dt.time(13))],
        "breaks": [],
        "length": HOUR,
        "zone": ALMATY,
        "specialist_id": 1,
        "centre_id": 1,
    }
    return plan_slots(**(values | overrides))


def test_the_hours_are_cut_into_slots_of_the_plan_s_length():
    assert times(plan()) == ["09:00", "10:00", "11:00", "12:00"]
    assert times(plan(length=dt.timedelta(minutes=45))) == ["09:00", "09:45", "10:30", "11:15", "12:00"]


def test_a_slot_that_would_run_past_the_end_of_the_hours_is_not_offered():
    assert times(plan(hours=[(dt.time(9), dt.time(11, 30))])) == ["09:00", "10:00"]


def test_a_slot_that_would_run_into_a_break_starts_again_when_the_break_ends():
    slots = plan(hours=[(dt.time(9), dt.time(16))], breaks=[(dt.time(12, 30), dt.time(13, 30))])
    assert times(slots) == ["09:00", "10:00", "11:00", "13:30", "14:30"]


def test_two_stretches_of_hours_on_one_day_both_give_slots():
    slots = plan(hours=[(dt.time(14), dt.time(16)), (dt.time(9), dt.time(11))])
    assert times(slots) == ["09:00", "10:00", "14:00", "15:00"]


def test_slots_are_almaty_s_wall_clock_times_whatever_the_active_time_zone():
    with timezone.override(ZoneInfo("Europe/London")):
        first = plan()[0]
    assert first.starts_at.astimezone(dt.UTC) == dt.datetime(2026, 10, 26, 4, 0, tzinfo=dt.UTC)  # UTC+5 since 2024
    assert first.starts_at.astimezone(ALMATY).hour == 9


def test_booked_and_begun_slots_are_not_free():
    slots = plan()
    busy = [(slots[1].starts_at, slots[1].ends_at), (slots[3].starts_at + dt.timedelta(minutes=30), slots[3].ends_at)]
    now = slots[0].starts_at  # the first has begun
    assert times(free_slots(slots, busy=busy, now=now)) == ["11:00"]


@settings(max_examples=300, deadline=None)
@given(
    busy=st.lists(st.tuples(st.integers(0, 20 * 60), st.integers(1, 180)), max_size=12),
    begun=st.integers(-60, 20 * 60),
)
def test_a_free_slot_is_one_that_has_not_begun_and_overlaps_no_busy_time(busy, begun):
    slots = plan(hours=[(dt.time(8), dt.time(12)), (dt.time(13), dt.time(20))], length=dt.timedelta(minutes=45))
    start = dt.datetime.combine(MONDAY, dt.time(6), tzinfo=ALMATY)
    intervals = [(start + dt.timedelta(minutes=a), start + dt.timedelta(minutes=a + length)) for a, length in busy]
    now = start + dt.timedelta(minutes=begun)
    expected = [s for s in slots if s.starts_at > now and not any(s.overlaps(*interval) for interval in intervals)]
    assert free_slots(slots, busy=intervals, now=now) == expected


@settings(max_examples=300, deadline=None)
@given(
    busy=st.lists(st.tuples(st.integers(-200, 26 * 60), st.integers(1, 180)), max_size=12),
    begun=st.integers(-26 * 60, 26 * 60),
    length=st.sampled_from([30, 45, 60]),
)
def test_the_week_s_count_of_free_slots_is_the_number_free_slots_gives(busy, begun, length):
    hours, breaks = [(dt.time(8), dt.time(12, 30)), (dt.time(13), dt.time(20))], [(dt.time(15), dt.time(15, 20))]
    slots = plan(hours=hours, breaks=breaks, length=dt.timedelta(minutes=length))
    midnight = dt.datetime.combine(MONDAY, dt.time(0), tzinfo=ALMATY)
    intervals = [(midnight + dt.timedelta(minutes=a), midnight + dt.timedelta(minutes=a + n)) for a, n in busy]
    now = (midnight + dt.timedelta(minutes=begun)).astimezone(dt.UTC)  # in whatever zone the server is
    times = plan_times(hours=hours, breaks=breaks, length=dt.timedelta(minutes=length))
    expected = len(free_slots(slots, busy=intervals, now=now))
    local = wall_clock(ALMATY, midnight - dt.timedelta(days=1), midnight + dt.timedelta(days=2))
    wall = [(local(a.astimezone(dt.UTC)), local(b.astimezone(dt.UTC))) for a, b in intervals]
    assert count_free(times, day=MONDAY, busy=wall, now=local(now)) == expected


@pytest.mark.parametrize("zone", ["Asia/Almaty", "Europe/London"])  # London: across its change to winter time
def test_the_wall_clock_of_a_stretch_is_the_zone_s_own(zone):
    rules = ZoneInfo(zone)
    first = dt.datetime(2026, 10, 20, tzinfo=dt.UTC)
    local = wall_clock(rules, first, first + dt.timedelta(days=14))
    for hours in range(0, 14 * 24, 5):
        moment = first + dt.timedelta(hours=hours)
        assert local(moment) == moment.astimezone(rules).replace(tzinfo=None)


def test_holidays_and_time_off_make_whole_days_off():
    off = days_off(
        MONDAY,
        MONDAY + dt.timedelta(days=6),
        away=[(MONDAY - dt.timedelta(days=3), MONDAY + dt.timedelta(days=1))],
        holidays=[MONDAY + dt.timedelta(days=4), MONDAY + dt.timedelta(days=30)],
    )
    assert off == {MONDAY, MONDAY + dt.timedelta(days=1), MONDAY + dt.timedelta(days=4)}


def test_back_to_back_free_slots_merge_into_stretches_for_the_week_view():
    slots = plan(hours=[(dt.time(9), dt.time(12)), (dt.time(14), dt.time(15))])
    assert [(f"{a:%H:%M}", f"{b:%H:%M}") for a, b in merge(slots)] == [("09:00", "12:00"), ("14:00", "15:00")]


@pytest.mark.django_db
def test_the_calendar_takes_the_holidays_of_the_holidays_app_and_her_time_off(almaly):
    specialist = specialist_at(almaly)
    day = working_day(3)
    holiday, away = day + dt.timedelta(days=1), day + dt.timedelta(days=2)
    PublicHoliday.objects.update_or_create(day=holiday, defaults={"name": "Мереке", "name_kk": "Мереке", "name_ru": "Праздник"})
    TimeOff.objects.create(specialist=specialist, reason=TimeOff.Reason.SICK, first_day=away, last_day=away)

    cells = selectors.calendar(selectors.workplaces(specialist=specialist), [day, holiday, away]).rows[0].cells

    assert len(cells[0].free) == 8  # 09–13 and 14–18, lunch left out
    assert (cells[1].free, cells[1].off) == ([], "Мереке")
    assert cells[2].free == [] and cells[2].off


@pytest.mark.django_db
def test_a_specialist_booked_at_another_centre_is_not_free_at_this_one_then(almaly, bostandyk):
    specialist = specialist_at(almaly)
    from tests.consultations.factories import WorkplaceFactory

    WorkplaceFactory(specialist=specialist, centre=bostandyk)
    day = working_day()
    AppointmentFactory(specialist=specialist, centre=bostandyk, starts_at=at(day, 10), ends_at=at(day, 11))

    almaly_row = next(
        row
        for row in selectors.calendar(selectors.workplaces(specialist=specialist), [day]).rows
        if row.workplace.centre_id == almaly.pk
    )

    assert "10:00" not in [f"{timezone.localtime(slot.starts_at):%H:%M}" for slot in almaly_row.cells[0].free]
    assert almaly_row.cells[0].appointments == []  # shown at the centre it is at
