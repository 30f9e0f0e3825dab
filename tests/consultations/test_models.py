import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from consultations.models import Appointment
from tests.consultations.factories import AppointmentFactory, at, working_day

pytestmark = pytest.mark.django_db


def test_an_appointment_longer_than_the_longest_slot_is_refused_by_the_database():
    day = working_day()
    AppointmentFactory(starts_at=at(day, 9), ends_at=at(day, 12))  # three hours: the longest slot
    with pytest.raises(IntegrityError), transaction.atomic():
        AppointmentFactory(starts_at=at(day, 13), ends_at=at(day, 16, 1))


def test_overlapping_finds_an_appointment_that_began_before_the_window_and_ends_inside_it():
    day = working_day()
    early = AppointmentFactory(starts_at=at(day, 9), ends_at=at(day, 12))
    AppointmentFactory(starts_at=at(day, 6), ends_at=at(day, 9), specialist=early.specialist)
    found = Appointment.objects.overlapping(at(day, 11, 59), at(day, 13))
    assert list(found) == [early]
    assert list(Appointment.objects.overlapping(at(day, 12), at(day, 13))) == []
    assert dt.timedelta(hours=3) == early.ends_at - early.starts_at
