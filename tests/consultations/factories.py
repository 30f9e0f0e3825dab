"""Factories of the consultations: specialists with a plan, and appointments written directly (the
services' own tests go through ``appointment_book``)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from consultations.kinds import KIND_OF_SPECIALTY
from consultations.models import Appointment, CaseNote, PlanBreak, WorkingHours, Workplace
from core.roles import Specialty
from holidays.models import PublicHoliday
from tests.factories import RegistrarFactory, SpecialistFactory


class WorkplaceFactory(DjangoModelFactory):
    """Every day of the week 09:00–18:00 with lunch at 13:00, hour-long slots: a test may pick any day."""

    class Meta:
        model = Workplace
        skip_postgeneration_save = True

    specialist = factory.SubFactory(SpecialistFactory)
    centre = factory.LazyAttribute(lambda w: w.specialist.centre)
    slot_minutes = 60

    @factory.post_generation
    def plan(workplace, create, extracted, **kwargs):
        if create and extracted is not False:
            WorkingHours.objects.bulk_create(
                [WorkingHours(workplace=workplace, weekday=day, starts=dt.time(9), ends=dt.time(18)) for day in range(7)]
            )
            PlanBreak.objects.create(workplace=workplace, starts=dt.time(13), ends=dt.time(14))


def specialist_at(centre, specialty=Specialty.PSYCHOLOGIST, **kwargs):
    """A specialist of ``centre`` with the plan of ``WorkplaceFactory`` there."""
    specialist = SpecialistFactory(centre=centre, specialty=specialty, **kwargs)
    WorkplaceFactory(specialist=specialist)
    return specialist


def working_day(days_ahead: int = 2) -> dt.date:
    """A day at least ``days_ahead`` days from today that is no public holiday."""
    day = timezone.localdate() + dt.timedelta(days=days_ahead)
    holidays = set(PublicHoliday.objects.filter(day__gte=day).values_list("day", flat=True)[:40])
    while day in holidays:
        day += dt.timedelta(days=1)
    return day


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """``hour`` o'clock on ``day`` in Almaty."""
    return dt.datetime.combine(day, dt.time(hour, minute)).replace(tzinfo=timezone.get_default_timezone())


class AppointmentFactory(DjangoModelFactory):
    class Meta:
        model = Appointment

    family = factory.SubFactory("tests.families.factories.FamilyFactory")
    specialist = factory.SubFactory(SpecialistFactory, specialty=Specialty.PSYCHOLOGIST)
    centre = factory.LazyAttribute(lambda a: a.specialist.centre)
    kind = factory.LazyAttribute(lambda a: KIND_OF_SPECIALTY[Specialty(a.specialist.specialty)])
    starts_at = factory.LazyFunction(lambda: at(working_day(), 10))
    ends_at = factory.LazyAttribute(lambda a: a.starts_at + dt.timedelta(hours=1))
    booked_by = factory.SubFactory(RegistrarFactory)


class CaseNoteFactory(DjangoModelFactory):
    class Meta:
        model = CaseNote

    appointment = factory.SubFactory(AppointmentFactory)
    author = factory.LazyAttribute(lambda n: n.appointment.specialist)
    summary = "Сөйлестік"
