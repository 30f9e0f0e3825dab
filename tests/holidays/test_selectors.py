import datetime as dt

import pytest
from django.utils import translation

from holidays.models import PublicHoliday
from holidays.selectors import holidays_between, is_holiday

pytestmark = pytest.mark.django_db


def test_the_migration_brings_the_holidays_of_2026_and_2027_in_both_languages():
    nauryz = PublicHoliday.objects.get(day=dt.date(2027, 3, 22))
    assert (nauryz.name_kk, nauryz.name_ru) == ("Наурыз мейрамы", "Праздник Наурыз")
    assert PublicHoliday.objects.filter(day__year=2026).count() == 15
    assert PublicHoliday.objects.filter(day__year=2027).count() == 15


def test_holidays_between_names_each_day_in_the_active_language_and_includes_both_ends():
    with translation.override("kk"):
        kazakh = holidays_between(dt.date(2026, 12, 16), dt.date(2027, 1, 1))
    with translation.override("ru"):
        russian = holidays_between(dt.date(2026, 12, 16), dt.date(2027, 1, 1))
    assert kazakh == {dt.date(2026, 12, 16): "Тәуелсіздік күні", dt.date(2027, 1, 1): "Жаңа жыл"}
    assert russian == {dt.date(2026, 12, 16): "День Независимости", dt.date(2027, 1, 1): "Новый год"}


def test_a_day_an_administrator_adds_is_a_holiday_and_an_ordinary_day_is_not():
    assert not is_holiday(dt.date(2026, 3, 24))
    PublicHoliday.objects.create(day=dt.date(2026, 3, 24), name_kk="Демалыс", name_ru="Выходной", name_en="Day off")
    assert is_holiday(dt.date(2026, 3, 24))
    assert not is_holiday(dt.date(2026, 3, 25))


def test_the_seeding_keeps_what_an_administrator_edited():
    from importlib import import_module

    from django.apps import apps

    seeding = import_module("holidays.migrations.0002_kazakhstan_2026_2027")
    PublicHoliday.objects.filter(day=dt.date(2026, 5, 27)).update(day=dt.date(2026, 5, 26))
    seeding.create_holidays(apps, None)
    assert is_holiday(dt.date(2026, 5, 26))
    # The seeding adds back the day it knows; moving Kurban ait again is the administrator's to do.
    assert is_holiday(dt.date(2026, 5, 27))
