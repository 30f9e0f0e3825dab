"""The case note and the outcomes (consultations.services.notes)."""

import datetime as dt

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from consultations.models import CaseNote, Placement
from consultations.models.notes import SUMMARY_MAX
from consultations.services import PlacementData, note_record
from core.errors import DomainError
from core.roles import Specialty
from families.models import Agency, TimelineEntry
from tests.consultations.factories import AppointmentFactory, specialist_at

pytestmark = pytest.mark.django_db


def begun(specialist, **kwargs):
    return AppointmentFactory(specialist=specialist, starts_at=timezone.now() - dt.timedelta(minutes=30), **kwargs)


def test_her_specialist_records_the_note_and_the_consultation_is_held(almaly):
    psychologist = specialist_at(almaly, Specialty.PSYCHOLOGIST)
    appointment = begun(psychologist)

    note = note_record(actor=psychologist, appointment=appointment, summary="Ұйқы бұзылған", advice="Күн тәртібі")

    appointment.refresh_from_db()
    assert (appointment.status, note.author, note.summary) == ("done", psychologist, "Ұйқы бұзылған")
    assert TimelineEntry.objects.filter(family=appointment.family, kind="consultations.done").count() == 1
    event = AuditEvent.objects.get(action="consultation.note")
    assert "summary" in event.changed_fields and "Ұйқы" not in str(event.data)


def test_another_specialist_cannot_write_or_change_her_note(almaly):
    psychologist = specialist_at(almaly, Specialty.PSYCHOLOGIST)
    colleague = specialist_at(almaly, Specialty.PSYCHOLOGIST)
    appointment = begun(psychologist)
    note_record(actor=psychologist, appointment=appointment, summary="Бастапқы")

    with pytest.raises(DomainError):
        note_record(actor=colleague, appointment=appointment, summary="Өзгертілген")

    assert CaseNote.objects.get().summary == "Бастапқы"


def test_a_note_longer_than_the_limit_is_refused_with_both_counts(almaly):
    psychologist = specialist_at(almaly)
    appointment = begun(psychologist)
    with pytest.raises(DomainError) as refusal:
        note_record(actor=psychologist, appointment=appointment, summary="а" * (SUMMARY_MAX + 1))
    assert refusal.value.field == "summary" and str(SUMMARY_MAX) in str(refusal.value.message).replace("\xa0", "").replace(
        " ", ""
    )
    assert not CaseNote.objects.exists()


def test_no_note_before_the_consultation_has_begun_or_after_a_no_show(almaly):
    psychologist = specialist_at(almaly)
    with pytest.raises(DomainError):
        note_record(actor=psychologist, appointment=AppointmentFactory(specialist=psychologist), summary="Ерте")
    missed = begun(psychologist, status="no_show", status_changed_by=psychologist, status_changed_at=timezone.now())
    with pytest.raises(DomainError):
        note_record(actor=psychologist, appointment=missed, summary="Келмеді")
    assert not CaseNote.objects.exists()


def test_a_legal_consultation_records_its_issue_and_whether_it_was_resolved(almaly):
    lawyer = specialist_at(almaly, Specialty.LAWYER)
    appointment = begun(lawyer)
    with pytest.raises(DomainError) as refusal:
        note_record(actor=lawyer, appointment=appointment, summary="Алимент")
    assert refusal.value.field == "legal_issue"
    agency = Agency.objects.create(name="Сот", name_kk="Сот", name_ru="Суд")

    note = note_record(
        actor=lawyer, appointment=appointment, summary="Алимент", legal_issue="alimony", legal_resolved=False, referrals=[agency]
    )

    assert (note.legal_issue, note.legal_resolved, list(note.referrals.all())) == ("alimony", False, [agency])


def test_an_employment_consultation_records_a_placement_and_only_it_may(almaly):
    adviser = specialist_at(almaly, Specialty.EMPLOYMENT)
    appointment = begun(adviser)
    job = PlacementData(
        employer="«Алматы су»", position="оператор", starts_on=timezone.localdate(), formal=True, salary_band="150_250"
    )

    note_record(actor=adviser, appointment=appointment, summary="Жұмыс табылды", placement=job)

    placement = Placement.objects.get(appointment=appointment)
    assert (placement.employer, placement.formal, placement.salary_band) == ("«Алматы су»", True, "150_250")
    psychologist = specialist_at(almaly)
    with pytest.raises(DomainError):
        note_record(actor=psychologist, appointment=begun(psychologist), summary="Жоқ", placement=job)


def test_the_follow_up_comes_after_the_consultation(almaly):
    psychologist = specialist_at(almaly)
    appointment = begun(psychologist)
    # The consultation's own day (the day before, in its first half hour after midnight) is refused.
    its_day = timezone.localdate(appointment.starts_at)
    with pytest.raises(DomainError) as refusal:
        note_record(actor=psychologist, appointment=appointment, summary="Сөйлестік", follow_up_on=its_day)
    assert refusal.value.field == "follow_up_on"
    note = note_record(
        actor=psychologist,
        appointment=appointment,
        summary="Сөйлестік",
        follow_up_on=timezone.localdate() + dt.timedelta(days=14),
    )
    assert note.follow_up_on == timezone.localdate() + dt.timedelta(days=14)


def test_anonymising_the_family_empties_her_notes_and_keeps_the_figures(almaly):
    from families.services import family_anonymise

    lawyer = specialist_at(almaly, Specialty.LAWYER)
    appointment = begun(lawyer)
    note_record(actor=lawyer, appointment=appointment, summary="Ажырасу", advice="Сотқа", legal_issue="alimony")

    family_anonymise(actor=None, family=appointment.family, reason="retention")

    note = CaseNote.objects.get()
    assert (note.summary, note.advice, note.outcome) == ("", "", "")
    assert (note.legal_issue, note.appointment.status) == ("alimony", "done")
