"""The courses' demo step: a bilingual catalogue, groups at every centre with bookings, a waiting list,
attendance and certificates; run again, it adds nothing."""

import io

import pytest
from django.core.management import call_command

from centres.models import Centre
from core.months import Month
from courses.models import Attendance, Booking, Certificate, Course, Group
from dashboards.models import Figure
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
    # Two years of past groups: the dashboards' course figures have a trend, not one month.
    for moments in (
        Booking.objects.exclude(confirmed_at=None).values_list("confirmed_at", flat=True),
        Booking.objects.exclude(completed_at=None).values_list("completed_at", flat=True),
        Certificate.objects.values_list("issued_at", flat=True),
    ):
        assert len({Month.of(moment) for moment in moments}) >= 8
    assert Booking.objects.filter(status="expired", confirmed_at=None, group__status="finished").exists()
    for code in ("courses.enrolments", "courses.completions", "courses.waiting", "courses.certificates"):
        assert Figure.objects.filter(indicator=code).values("month").distinct().count() >= 8, code
    for group in Group.objects.all():
        assert group.seats_taken == Booking.objects.filter(group=group, status__in=Booking.HOLDING).count()
