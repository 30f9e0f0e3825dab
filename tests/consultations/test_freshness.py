"""The centre's week kept in the cache: rendered once, shown again until something it counts changes
(after that change commits) or the clock moves its counts, and rendered every time when the cache does
not answer."""

import datetime as dt
import re
from unittest import mock

import pytest
from redis.exceptions import ConnectionError as RedisDown

from consultations import selectors
from core.roles import Specialty
from holidays.models import PublicHoliday
from tests import factories
from tests.consultations.factories import AppointmentFactory, WorkplaceFactory, at, specialist_at, working_day

pytestmark = pytest.mark.django_db


def week_of(client, day, centre=None) -> str:
    query = {"date": day.isoformat()} | ({"centre": centre.pk} if centre else {})
    return client.get("/kk/consultations/calendar/", query).content.decode()


def counts(html: str) -> tuple[list[int], list[int]]:
    free = [int(n) for n in re.findall(r"бос: (\d+)<", html)]
    return free, [int(n) for n in re.findall(r"жазылған: (\d+)<", html)]


def test_a_booking_shows_in_the_kept_week_once_it_commits(client, registrar, almaly, django_capture_on_commit_callbacks):
    psychologist = specialist_at(almaly, Specialty.PSYCHOLOGIST)
    day = working_day()
    assert sum(counts(week_of(client, day))[1]) == 0

    with django_capture_on_commit_callbacks() as committing:
        AppointmentFactory(specialist=psychologist, booked_by=registrar, starts_at=at(day, 10))
    # Before the commit the kept week is shown: it is the cache's, not counted again.
    assert sum(counts(week_of(client, day))[1]) == 0
    for callback in committing:
        callback()
    assert sum(counts(week_of(client, day))[1]) == 1


def test_her_appointment_at_another_centre_takes_a_free_slot_from_the_week_where_she_also_works(
    client, almaly, bostandyk, django_capture_on_commit_callbacks
):
    psychologist = specialist_at(almaly, Specialty.PSYCHOLOGIST)
    WorkplaceFactory(specialist=psychologist, centre=bostandyk)
    client.force_login(factories.RegistrarFactory(centre=bostandyk))
    day = working_day()
    before = counts(week_of(client, day, bostandyk))[0]

    with django_capture_on_commit_callbacks(execute=True):
        AppointmentFactory(specialist=psychologist, starts_at=at(day, 10), centre=almaly)

    after = counts(week_of(client, day, bostandyk))[0]
    assert sum(before) - sum(after) == 1


def test_a_public_holiday_added_shows_in_every_kept_week(client, registrar, almaly, django_capture_on_commit_callbacks):
    specialist_at(almaly, Specialty.LAWYER)
    day = working_day()
    assert "Test holiday" not in week_of(client, day)
    with django_capture_on_commit_callbacks(execute=True):
        PublicHoliday.objects.create(day=day, name_kk="Test holiday", name_ru="Тестовый праздник")
    assert "Test holiday" in week_of(client, day)


def test_the_week_changes_by_the_clock_when_today_s_next_slot_begins_or_at_midnight(almaly):
    specialist_at(almaly, Specialty.LAWYER)  # 09:00–18:00, lunch 13:00–14:00, hour-long slots
    places = selectors.workplaces(centre=almaly)
    today = working_day(0)
    days = selectors.week_of(today)
    midnight = at(today + dt.timedelta(days=1), 0)

    assert selectors.week_counts(places, days, now=at(today, 10, 30)).changes_at == at(today, 11)
    assert selectors.week_counts(places, days, now=at(today, 12, 30)).changes_at == at(today, 14)
    assert selectors.week_counts(places, days, now=at(today, 17, 30)).changes_at == midnight
    next_week = selectors.week_of(today + dt.timedelta(days=7))
    assert selectors.week_counts(places, next_week, now=at(today, 10, 30)).changes_at == midnight


def test_without_a_cache_that_answers_the_week_is_counted_at_every_request(client, registrar, almaly):
    psychologist = specialist_at(almaly, Specialty.PSYCHOLOGIST)
    day = working_day()
    down = mock.Mock(**{name: mock.Mock(side_effect=RedisDown("down")) for name in ("get", "set", "get_many", "add", "set_many")})
    with mock.patch("core.htmx.cache", down), mock.patch("core.freshness.cache", down):
        assert sum(counts(week_of(client, day))[1]) == 0
        AppointmentFactory(specialist=psychologist, booked_by=registrar, starts_at=at(day, 10))
        response = client.get("/kk/consultations/calendar/", {"date": day.isoformat()})
    assert response.status_code == 200
    assert sum(counts(response.content.decode())[1]) == 1


def test_my_day_keeps_her_plans_until_a_change_to_them_commits(client, almaly, django_capture_on_commit_callbacks):
    from consultations.models import PlanBreak

    psychologist = specialist_at(almaly, Specialty.PSYCHOLOGIST)
    client.force_login(psychologist)
    day = working_day()

    def free() -> int:
        rows = client.get("/kk/consultations/my-day/", {"date": day.isoformat()}).context["calendar"].rows
        return sum(len(cell.free) for row in rows for cell in row.cells)

    before = free()
    with django_capture_on_commit_callbacks() as committing:
        PlanBreak.objects.create(workplace=psychologist.workplaces.get(), weekday=None, starts=dt.time(10), ends=dt.time(12))
    assert free() == before  # kept: the break has not committed
    for callback in committing:
        callback()
    assert free() < before
