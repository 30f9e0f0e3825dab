"""The demo specialists, their plans and days away, and the public holidays of the history's years."""

from __future__ import annotations

import datetime as dt
import importlib
import random

from django.contrib.auth.hashers import make_password
from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from centres.models import Centre
from consultations.models import PlanBreak, TimeOff, WorkingHours, Workplace
from core.roles import Role, Specialty
from families.models import Family
from holidays.models import PublicHoliday

FAMILIES_PER_SPECIALIST = 200
SPECIALTIES = [Specialty.LAWYER, Specialty.PSYCHOLOGIST, Specialty.EMPLOYMENT]
LAST_NAMES = ["Ахметова", "Серікбаева", "Ким", "Оспанова", "Иванова", "Жұмабаева", "Нұрғалиева", "Петрова", "Әлиева", "Бекова"]
FIRST_NAMES = ["Айгерім", "Гүлнара", "Елена", "Жанна", "Марина", "Динара", "Сәуле", "Ольга", "Мадина", "Ақбота"]
KURBAN_AIT = {2024: dt.date(2024, 6, 16), 2025: dt.date(2025, 6, 6)}


def holidays_for(years) -> int:
    """The public holidays of ``years`` (the holidays app seeds 2026–2027), as an administrator would add them."""
    fixed = importlib.import_module("holidays.migrations.0002_kazakhstan_2026_2027").FIXED
    added = 0
    for year in years:
        days = [(dt.date(year, month, day), kk, ru, en) for (month, day), kk, ru, en in fixed]
        if year in KURBAN_AIT:
            days.append((KURBAN_AIT[year], "Құрбан айт", "Курбан айт", "Kurban Ait"))
        for day, kk, ru, en in days:
            added += PublicHoliday.objects.get_or_create(
                day=day, defaults={"name": kk, "name_kk": kk, "name_ru": ru, "name_en": en}
            )[1]
    return added


def specialists_wanted(centres: list[Centre]) -> dict[int, int]:
    """How many specialists each centre has: one per 200 families of its district, at least three."""
    families = dict(Family.objects.values_list("district_id").annotate(n=Count("pk")).values_list("district_id", "n"))
    return {c.pk: max(3, round(families.get(c.district_id, 0) / FAMILIES_PER_SPECIALIST)) for c in centres}


def add_specialists(centres: list[Centre], password: str) -> list[User]:
    """Tops every centre up to its number of specialists (the demo's own three at Almaly count)."""
    wanted = specialists_wanted(centres)
    have = dict(
        User.objects.filter(role=Role.SPECIALIST).values_list("centre_id").annotate(n=Count("pk")).values_list("centre_id", "n")
    )
    hashed = make_password(password)  # one hash for all: the demo's password is the same for everyone
    new = []
    for centre in centres:
        for index in range(have.get(centre.pk, 0), wanted[centre.pk]):
            new.append(
                User(
                    username=f"{centre.district.code}-specialist-{index + 1}",
                    role=Role.SPECIALIST,
                    specialty=SPECIALTIES[index % 3],
                    centre=centre,
                    last_name=LAST_NAMES[index % len(LAST_NAMES)],
                    first_name=FIRST_NAMES[(index // len(LAST_NAMES) + index) % len(FIRST_NAMES)],
                    language="kk" if index % 2 else "ru",
                    password=hashed,
                )
            )
    return User.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)


def add_plans(centres: list[Centre], rng: random.Random) -> int:
    """A plan for every specialist without one: weekdays 09:00–18:00 at her centre with lunch at
    13:00; every tenth also on Saturday mornings at the next centre (a second workplace)."""
    by_pk = {c.pk: c for c in centres}
    order = [c.pk for c in centres]
    planned = set(Workplace.objects.values_list("specialist_id", flat=True))
    specialists = list(User.objects.filter(role=Role.SPECIALIST, is_active=True).exclude(pk__in=planned).order_by("pk"))
    hours, breaks = [], []
    for index, specialist in enumerate(specialists):
        home = Workplace.objects.create(specialist=specialist, centre_id=specialist.centre_id)
        starts = dt.time(9, 0) if index % 4 else dt.time(10, 0)
        hours += [WorkingHours(workplace=home, weekday=day, starts=starts, ends=dt.time(18, 0)) for day in range(5)]
        breaks.append(PlanBreak(workplace=home, starts=dt.time(13, 0), ends=dt.time(14, 0)))
        if index % 10 == 0 and len(order) > 1:
            other = by_pk[order[(order.index(specialist.centre_id) + 1) % len(order)]]
            away = Workplace.objects.create(specialist=specialist, centre=other)
            hours.append(WorkingHours(workplace=away, weekday=5, starts=dt.time(10, 0), ends=dt.time(14, 0)))
    WorkingHours.objects.bulk_create(hours)
    PlanBreak.objects.bulk_create(breaks)
    add_time_off(specialists, rng)
    return len(specialists)


def add_time_off(specialists: list[User], rng: random.Random) -> None:
    """Two weeks of leave each year of the history, and now and then a sick day."""
    today = timezone.localdate()
    rows = []
    for specialist in specialists:
        for year_back in (0, 1):
            first = today - dt.timedelta(days=365 * year_back + rng.randint(20, 330))
            rows.append(
                TimeOff(
                    specialist=specialist, reason=TimeOff.Reason.LEAVE, first_day=first, last_day=first + dt.timedelta(days=13)
                )
            )
        for _ in range(rng.randint(0, 3)):
            day = today - dt.timedelta(days=rng.randint(1, 700))
            rows.append(TimeOff(specialist=specialist, reason=TimeOff.Reason.SICK, first_day=day, last_day=day))
    TimeOff.objects.bulk_create(rows)
