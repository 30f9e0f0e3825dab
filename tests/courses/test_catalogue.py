"""Publishing needs both languages; lessons come from the weekly schedule without public holidays;
moving a lesson tells the booked mothers and takes their reminder along."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from core.errors import DomainError
from courses.messages import reminder_moment
from courses.models import Course
from courses.schedule import lesson_days
from courses.services import course_publish, lesson_move
from holidays.models import PublicHoliday
from notifications.models import Notification
from tests.courses.factories import CourseFactory, GroupFactory, booked, mother_with_family
from tests.factories import AdministratorFactory, RegistrarFactory

pytestmark = pytest.mark.django_db


def test_a_course_without_its_russian_description_is_not_published():
    course = CourseFactory(published_at=None, description_ru="")

    with translation.override("ru"), pytest.raises(DomainError, match="описание на русском"):
        course_publish(actor=AdministratorFactory(), course=course)
    course.refresh_from_db()
    assert course.published_at is None


def test_a_course_in_both_languages_is_published():
    course = course_publish(actor=AdministratorFactory(), course=CourseFactory(published_at=None))

    assert course.published_at is not None


def test_the_database_refuses_a_published_course_without_both_languages():
    with pytest.raises(IntegrityError), transaction.atomic():
        Course.objects.create(title="Курс", title_kk="Курс", title_ru="", category="other", hours=2, published_at=timezone.now())


def test_lessons_skip_public_holidays():
    monday = dt.date(2027, 2, 15)  # a week without a holiday of its own
    PublicHoliday.objects.update_or_create(day=monday + dt.timedelta(days=2), defaults={"name": "Мереке"})

    group = GroupFactory(starts_on=monday, ends_on=monday + dt.timedelta(days=6), weekdays="135")

    assert [lesson.day for lesson in group.lessons.order_by("day")] == [monday, monday + dt.timedelta(days=4)]


@given(
    start=st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 1)),
    length=st.integers(0, 60),
    days=st.sets(st.integers(1, 7), min_size=1),
)
def test_every_lesson_day_is_a_chosen_weekday_within_the_dates(start, length, days):
    end = start + dt.timedelta(days=length)
    lessons = lesson_days(starts_on=start, ends_on=end, weekdays="".join(map(str, sorted(days))))

    assert all(start <= day <= end and day.isoweekday() in days for day in lessons)
    assert len(lessons) == sum(1 for n in range(length + 1) if (start + dt.timedelta(days=n)).isoweekday() in days)


def test_moving_a_lesson_tells_the_booked_mothers_and_moves_the_first_lessons_reminder():
    group = GroupFactory()
    mother = mother_with_family(language="ru")
    booking = booked(group, mother)
    first = group.lessons.order_by("day").first()
    new_day = first.day + dt.timedelta(days=1)

    lesson_move(actor=RegistrarFactory(centre=group.centre), lesson=first, day=new_day, starts_at=dt.time(15), room="301")

    moved = Notification.objects.get(template__key="course_lesson_moved")
    assert moved.context["time"] == "15:00" and moved.context["room"] == "301"
    reminder = Notification.objects.get(idempotency_key=f"courses.first_lesson:{booking.pk}")
    first.refresh_from_db()
    assert reminder.scheduled_for == reminder_moment(first)


def test_a_lesson_is_not_moved_into_the_past():
    group = GroupFactory()
    lesson = group.lessons.first()

    with pytest.raises(DomainError) as refusal:
        lesson_move(actor=RegistrarFactory(centre=group.centre), lesson=lesson, day=dt.date(2020, 1, 1), starts_at=dt.time(10))
    assert refusal.value.field == "day"
