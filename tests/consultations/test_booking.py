"""Booking, moving, cancelling and the status of an appointment (consultations.services.booking)."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from audit.models import AuditEvent
from consultations.models import Appointment, TimeOff
from consultations.services import appointment_book, appointment_move, appointment_reschedule
from core.errors import DomainError
from core.roles import Specialty
from families.models import CentreGuest, Consent, TimelineEntry
from holidays.models import PublicHoliday
from tests.consultations.factories import AppointmentFactory, at, specialist_at, working_day
from tests.factories import MotherUserFactory, RegistrarFactory
from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(almaly):
    return RegistrarFactory(centre=almaly)


@pytest.fixture
def psychologist(almaly):
    return specialist_at(almaly, Specialty.PSYCHOLOGIST)


@pytest.fixture
def family(desk):
    return FamilyFactory(registrar=desk)


def book(actor, family, specialist, starts_at, **kwargs):
    return appointment_book(
        actor=actor, family=family, specialist=specialist, centre=specialist.centre, starts_at=starts_at, **kwargs
    )


def test_a_registrar_books_a_free_slot_and_it_is_on_the_timeline_and_in_the_audit(desk, psychologist, family):
    day = working_day()

    appointment = book(desk, family, psychologist, at(day, 10))

    assert (appointment.kind, appointment.status, appointment.ends_at) == ("psychological", "booked", at(day, 11))
    entry = TimelineEntry.objects.get(family=family, kind="consultations.booked")
    assert entry.params["when"] == f"{day:%d.%m.%Y} 10:00" and entry.params["kind"]["kk"]
    assert AuditEvent.objects.filter(action="appointment.book", target_id=str(appointment.pk)).exists()


@pytest.mark.parametrize(
    ("hour", "minute", "message"),
    [(8, 0, "working hours"), (13, 0, "working hours"), (10, 30, "working hours"), (18, 0, "working hours")],
    ids=["before the hours", "in the lunch break", "off the slot grid", "after the hours"],
)
def test_a_time_outside_the_plan_is_refused(desk, psychologist, family, hour, minute, message):
    with translation.override("en"), pytest.raises(DomainError, match=message):
        book(desk, family, psychologist, at(working_day(), hour, minute))
    assert not Appointment.objects.exists()


def test_a_time_in_the_past_is_refused(desk, psychologist, family):
    with pytest.raises(DomainError) as refusal:
        book(desk, family, psychologist, timezone.now() - dt.timedelta(hours=2))
    assert refusal.value.field == "starts_at"
    assert not Appointment.objects.exists()


def test_a_public_holiday_is_refused_with_its_name(desk, psychologist, family):
    day = working_day(4)
    PublicHoliday.objects.create(day=day, name="Наурыз", name_kk="Наурыз мейрамы", name_ru="Наурыз")
    with pytest.raises(DomainError, match="Наурыз"):
        book(desk, family, psychologist, at(day, 10))


def test_a_day_the_specialist_is_away_is_refused(desk, psychologist, family):
    day = working_day()
    TimeOff.objects.create(specialist=psychologist, first_day=day, last_day=day)
    with pytest.raises(DomainError):
        book(desk, family, psychologist, at(day, 10))


def test_a_specialist_already_booked_then_is_refused_and_nothing_changes(desk, psychologist, family):
    day = working_day()
    book(desk, FamilyFactory(registrar=desk), psychologist, at(day, 10))
    with pytest.raises(DomainError) as refusal:
        book(desk, family, psychologist, at(day, 10))
    assert refusal.value.field == "starts_at"
    assert Appointment.objects.count() == 1


def test_a_mother_cannot_hold_two_appointments_at_the_same_time(almaly, desk, psychologist, family):
    lawyer = specialist_at(almaly, Specialty.LAWYER)
    day = working_day()
    book(desk, family, psychologist, at(day, 10))
    with translation.override("en"), pytest.raises(DomainError, match="The mother already has an appointment"):
        book(desk, family, lawyer, at(day, 10))
    assert Appointment.objects.count() == 1
    assert book(desk, family, lawyer, at(day, 11)).pk


def test_a_family_without_consent_in_force_is_refused(desk, psychologist, family):
    Consent.objects.filter(family=family).update(withdrawn_on=timezone.localdate())
    with pytest.raises(DomainError):
        book(desk, family, psychologist, at(working_day(), 10))
    assert not Appointment.objects.exists()


def test_a_specialist_books_only_into_her_own_calendar(almaly, psychologist, family):
    other = specialist_at(almaly, Specialty.PSYCHOLOGIST)
    assert book(psychologist, family, psychologist, at(working_day(), 10)).booked_by == psychologist
    with pytest.raises(DomainError):
        book(psychologist, family, other, at(working_day(), 11))


def test_a_mother_can_book_for_herself_but_not_for_another_family(desk, psychologist, family):
    mother = MotherUserFactory()
    family.mother_account = mother
    family.save(update_fields=["mother_account"])

    assert book(mother, family, psychologist, at(working_day(), 10)).booked_by == mother
    with pytest.raises(DomainError):
        book(mother, FamilyFactory(registrar=desk), psychologist, at(working_day(), 11))


def test_a_booking_at_a_centre_of_another_district_makes_the_family_visible_there(bostandyk, desk, family):
    elsewhere = specialist_at(bostandyk, Specialty.LAWYER)
    book(desk, family, elsewhere, at(working_day(), 10))
    assert CentreGuest.objects.filter(centre=bostandyk, family=family).exists()


def test_moving_to_another_free_slot_changes_the_time_and_counts_a_revision(desk, psychologist, family):
    day = working_day()
    appointment = book(desk, family, psychologist, at(day, 10))

    moved = appointment_reschedule(actor=desk, appointment=appointment, starts_at=at(day, 15))

    assert (moved.starts_at, moved.ends_at, moved.revision) == (at(day, 15), at(day, 16), 1)
    assert TimelineEntry.objects.filter(family=family, kind="consultations.moved").exists()


def test_moving_onto_a_booked_slot_is_refused(desk, psychologist, family):
    day = working_day()
    book(desk, FamilyFactory(registrar=desk), psychologist, at(day, 15))
    appointment = book(desk, family, psychologist, at(day, 10))
    with pytest.raises(DomainError):
        appointment_reschedule(actor=desk, appointment=appointment, starts_at=at(day, 15))
    appointment.refresh_from_db()
    assert appointment.starts_at == at(day, 10)


def test_cancelling_needs_a_reason_and_frees_the_slot(desk, psychologist, family):
    day = working_day()
    appointment = book(desk, family, psychologist, at(day, 10))
    with pytest.raises(DomainError) as refusal:
        appointment_move(actor=desk, appointment=appointment, status="cancelled", reason="  ")
    assert refusal.value.field == "reason"

    appointment_move(actor=desk, appointment=appointment, status="cancelled", reason="Бала ауырып қалды")

    assert Appointment.objects.get().status == "cancelled"
    assert book(desk, FamilyFactory(registrar=desk), psychologist, at(day, 10)).pk


def test_a_cancelled_appointment_cannot_be_cancelled_again(desk, psychologist, family):
    appointment = book(desk, family, psychologist, at(working_day(), 10))
    appointment_move(actor=desk, appointment=appointment, status="cancelled", reason="Себеп")
    with pytest.raises(DomainError):
        appointment_move(actor=desk, appointment=appointment, status="cancelled", reason="Тағы")


def test_a_no_show_is_marked_by_her_specialist_once_it_has_begun(desk, psychologist, family):
    appointment = AppointmentFactory(
        family=family, specialist=psychologist, starts_at=timezone.now() - dt.timedelta(minutes=20), booked_by=desk
    )
    with pytest.raises(DomainError):
        appointment_move(actor=desk, appointment=appointment, status="no_show")
    future = AppointmentFactory(family=FamilyFactory(registrar=desk), specialist=psychologist, booked_by=desk)
    with pytest.raises(DomainError):
        appointment_move(actor=psychologist, appointment=future, status="no_show")

    appointment_move(actor=psychologist, appointment=appointment, status="no_show")

    appointment.refresh_from_db()
    assert (appointment.status, appointment.status_changed_by) == ("no_show", psychologist)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="exclusion constraints exist on PostgreSQL only")
def test_the_database_refuses_two_overlapping_appointments_of_one_specialist(desk, psychologist, family):
    day = working_day()
    AppointmentFactory(specialist=psychologist, starts_at=at(day, 10), ends_at=at(day, 11), booked_by=desk)
    with pytest.raises(IntegrityError, match="appointment_specialist_never_double_booked"), transaction.atomic():
        AppointmentFactory(specialist=psychologist, starts_at=at(day, 10, 30), ends_at=at(day, 11, 30), booked_by=desk)
    # Back to back is not an overlap, and a cancelled appointment does not count.
    AppointmentFactory(specialist=psychologist, starts_at=at(day, 11), ends_at=at(day, 12), booked_by=desk)
    AppointmentFactory(
        specialist=psychologist,
        starts_at=at(day, 11),
        ends_at=at(day, 12),
        booked_by=desk,
        status="cancelled",
        cancel_reason="x",
        status_changed_by=desk,
        status_changed_at=timezone.now(),
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="exclusion constraints exist on PostgreSQL only")
def test_the_database_refuses_two_overlapping_appointments_of_one_mother(almaly, desk, psychologist, family):
    day = working_day()
    AppointmentFactory(family=family, specialist=psychologist, starts_at=at(day, 10), ends_at=at(day, 11), booked_by=desk)
    with pytest.raises(IntegrityError, match="appointment_mother_one_at_a_time"), transaction.atomic():
        AppointmentFactory(
            family=family, specialist=specialist_at(almaly, Specialty.LAWYER), starts_at=at(day, 10), booked_by=desk
        )
