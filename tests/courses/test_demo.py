"""The courses' demo step: a bilingual catalogue, groups at every centre with bookings, a waiting list,
attendance and certificates; run again, it adds nothing."""

import io

import pytest
from django.core.management import call_command

from centres.models import Centre
from courses.models import Attendance, Booking, Certificate, Course, Group
from families.models import TimelineEntry

pytestmark = pytest.mark.django_db


def counts():
    courses_entries = TimelineEntry.objects.filter(kind__startswith="courses.").count()
    return [m.objects.count() for m in (Course, Group, Booking, Attendance, Certificate)] + [courses_entries]


def test_the_demo_fills_every_centre_and_a_second_run_adds_nothing():
    call_command("seed_demo", families=120, stdout=io.StringIO())
    first = counts()
    call_command("seed_demo", families=120, stdout=io.StringIO())

    assert counts() == first
    assert all(course.title_kk and course.title_ru and course.published_at for course in Course.objects.all())
    assert set(Group.objects.values_list("centre_id", flat=True)) == set(Centre.objects.values_list("pk", flat=True))
    assert Booking.objects.filter(status="waiting").exists()
    assert Attendance.objects.exists() and Certificate.objects.exists()
    entries = TimelineEntry.objects.filter(kind__startswith="courses.")
    assert entries.filter(kind__in=["courses.booked", "courses.waiting"]).count() == Booking.objects.count()
    assert set(entries.filter(kind="courses.completed").values_list("params__code", flat=True)) == set(
        Certificate.objects.values_list("code", flat=True)
    )
    for group in Group.objects.all():
        assert group.seats_taken == Booking.objects.filter(group=group, status__in=Booking.HOLDING).count()
