"""Factories for the courses: a published course in both languages, an open group at a centre with
its lessons, a mother with an account and a family, and bookings."""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from courses.models import Booking, Course, Group
from courses.services import lessons_generate
from tests.factories import CentreFactory, CentreHeadFactory, MotherUserFactory
from tests.families.factories import FamilyFactory


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Компьютерлік сауаттылық {n}")
    title_kk = factory.LazyAttribute(lambda c: c.title)
    title_ru = factory.Sequence(lambda n: f"Компьютерная грамотность {n}")
    description = "Компьютер, интернет және eGov."
    description_kk = factory.LazyAttribute(lambda c: c.description)
    description_ru = "Компьютер, интернет и eGov."
    category = "computer"
    hours = 36
    published_at = factory.LazyFunction(timezone.now)


def _today():
    return timezone.localdate()


class GroupFactory(DjangoModelFactory):
    """An open group starting in a week, Monday, Wednesday and Friday at 10:00 for four weeks."""

    class Meta:
        model = Group
        skip_postgeneration_save = True

    course = factory.SubFactory(CourseFactory)
    centre = factory.SubFactory(CentreFactory)
    starts_on = factory.LazyFunction(lambda: _today() + dt.timedelta(days=7))
    ends_on = factory.LazyAttribute(lambda g: g.starts_on + dt.timedelta(weeks=4))
    weekdays = "135"
    starts_at = dt.time(10)
    room = "204"
    capacity = 10
    booking_opens_on = factory.LazyFunction(lambda: _today() - dt.timedelta(days=7))
    booking_closes_on = factory.LazyAttribute(lambda g: g.starts_on)
    status = Group.Status.OPEN
    created_by = factory.LazyAttribute(lambda g: CentreHeadFactory(centre=g.centre))

    @factory.post_generation
    def lessons(group, create, extracted, **kwargs):
        if create and extracted is not False:
            lessons_generate(group)


def mother_with_family(*, registrar=None, language="kk", **family):
    """A mother's account linked to a registered family (with her consent in force)."""
    user = MotherUserFactory(language=language)
    FamilyFactory(mother_account=user, language=language, **({"registrar": registrar} if registrar else {}), **family)
    return user


def booked(group, user=None, **kwargs):
    """Her booking through the service, with what runs once it commits (her message)."""
    from django.test import TestCase

    from courses.services import booking_create

    user = user or mother_with_family()
    with TestCase.captureOnCommitCallbacks(execute=True):
        return booking_create(actor=user, group=group, family=user.family, **kwargs)


def family_of(user):
    return user.family


class BookingFactory(DjangoModelFactory):
    class Meta:
        model = Booking

    group = factory.SubFactory(GroupFactory)
    course = factory.LazyAttribute(lambda b: b.group.course)
    family = factory.SubFactory(FamilyFactory)
    status = Booking.Status.CONFIRMED
    booked_by = factory.LazyAttribute(lambda b: b.family.created_by)


def finished_with(present_share: float, *, first_name="Әйгерім", last_name="Ғалымқызы"):
    """A group that ended yesterday, her booking with ``present_share`` of its lessons attended, and
    the certificates its finishing issued."""
    from courses.models import Attendance
    from courses.services import booking_create, group_finish

    today = timezone.localdate()
    group = GroupFactory(starts_on=today - dt.timedelta(days=30), ends_on=today - dt.timedelta(days=1), booking_closes_on=today)
    mother = mother_with_family(mother__first_name=first_name, mother__last_name=last_name)
    booking = booking_create(actor=mother, group=group, family=mother.family)
    Group.objects.filter(pk=group.pk).update(status=Group.Status.RUNNING)
    lessons = list(group.lessons.order_by("day"))
    attended = round(len(lessons) * present_share)
    for index, lesson in enumerate(lessons):
        Attendance.objects.create(lesson=lesson, booking=booking, present=index < attended, marked_by=group.created_by)
    head = CentreHeadFactory(centre=group.centre)
    return group, booking, group_finish(actor=head, group=group)
