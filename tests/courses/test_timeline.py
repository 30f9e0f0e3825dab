"""The courses' entries on the family's timeline: each step of a booking, with the course's title and
type, the group's dates and the centre, read in the reader's language (courses.timeline)."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from courses.models import Booking
from courses.services import booking_cancel, booking_release, group_cancel, offer_confirm, offers_expire
from courses.timeline import KINDS
from families.models import TimelineEntry
from families.timeline import timeline_for
from tests.courses.factories import GroupFactory, booked, finished_with, mother_with_family
from tests.factories import CentreHeadFactory, RegistrarFactory

pytestmark = pytest.mark.django_db


COURSE_ICONS = {kind.icon for kind in KINDS}


def titles(user, *, language="ru") -> list[str]:
    """The courses' entries of her timeline, oldest first (the messages sent to her are entries too)."""
    with translation.override(language):
        entries = timeline_for(user.family, RegistrarFactory())
    return [entry.title for entry in reversed(entries) if entry.icon in COURSE_ICONS]


def group_in_words(group, language="ru") -> str:
    title = group.course.title_ru if language == "ru" else group.course.title_kk
    return f"{title}» (Компьютерная грамотность), {group.starts_on:%d.%m.%Y}–{group.ends_on:%d.%m.%Y}, "


def test_a_booked_seat_shows_the_course_its_type_the_groups_dates_and_the_centre_in_the_readers_language():
    group = GroupFactory()
    mother = mother_with_family()

    booked(group, mother)

    [entry] = titles(mother)
    assert entry.startswith("Место на курсе забронировано: «" + group_in_words(group))
    assert entry.endswith(group.centre.name_ru)
    [kazakh] = titles(mother, language="kk")
    assert group.course.title_kk in kazakh and "Компьютерная грамотность" not in kazakh
    assert TimelineEntry.objects.get(family=mother.family, kind="courses.booked").actor == mother


def test_the_waiting_list_the_offer_with_its_deadline_and_her_confirmation_are_on_her_timeline():
    group = GroupFactory(capacity=1)
    seat, waiting = mother_with_family(), mother_with_family()
    first = booked(group, seat)
    booked(group, waiting)

    booking_cancel(actor=seat, booking=first)
    offered = Booking.objects.get(family=waiting.family)
    offer_confirm(actor=waiting, booking=offered)

    steps = titles(waiting)
    assert [step.split(":")[0] for step in steps] == [
        "В листе ожидания курса",
        "Место на курсе предложено из листа ожидания, подтвердить до "
        + f"{timezone.localtime(offered.offered_until):%d.%m.%Y %H}",
        "Предложенное место на курсе подтверждено",
    ]
    assert titles(seat)[-1].startswith("Бронь курса отменена: «")


def test_an_offer_left_unconfirmed_is_on_her_timeline_without_anyone_named():
    group = GroupFactory(capacity=1)
    seat, waiting = mother_with_family(), mother_with_family()
    first = booked(group, seat)
    booked(group, waiting)
    booking_cancel(actor=seat, booking=first)

    offers_expire(now=timezone.now() + dt.timedelta(days=30))

    with translation.override("ru"):
        [last] = [entry for entry in timeline_for(waiting.family, RegistrarFactory()) if entry.icon == "hourglass-bottom"]
    assert last.title.startswith("Предложенное место на курсе не подтверждено вовремя: «")
    assert last.actor == "лист ожидания"


def test_a_seat_released_after_missed_lessons_and_a_cancelled_group_are_on_the_timeline():
    today = timezone.localdate()
    group = GroupFactory(capacity=2, release_after_missed=1, starts_on=today - dt.timedelta(days=7), booking_closes_on=today)
    missing, staying = mother_with_family(), mother_with_family()
    booking = booked(group, missing)
    booked(group, staying)
    lesson = group.lessons.filter(day__lte=today).first()
    booking.attendance.create(lesson=lesson, present=False, marked_by=group.created_by)

    booking_release(actor=RegistrarFactory(centre=group.centre), booking=booking)
    group_cancel(actor=CentreHeadFactory(centre=group.centre), group=group)

    assert titles(missing)[-1].startswith("Место на курсе освобождено после пропущенных занятий: «")
    assert titles(staying)[-1].startswith("Группа курса отменена центром: «")


def test_a_completed_course_names_her_certificate():
    _group, booking, [certificate] = finished_with(0.9)

    entry = TimelineEntry.objects.get(family=booking.family, kind="courses.completed")

    assert entry.params["code"] == certificate.code
    title = titles(booking.family.mother_account)[-1]
    assert title.startswith(f"Курс окончен, сертификат {certificate.code}: «")


def test_nothing_is_added_to_the_timeline_of_a_mother_whose_consent_was_withdrawn():
    group = GroupFactory()
    mother = mother_with_family()
    booked(group, mother)
    mother.family.consents.update(withdrawn_on=timezone.localdate())

    group_cancel(actor=CentreHeadFactory(centre=group.centre), group=group)

    kinds = TimelineEntry.objects.filter(family=mother.family, kind__startswith="courses.").values_list("kind", flat=True)
    assert list(kinds) == ["courses.booked"]
    assert Booking.objects.get(family=mother.family).status == Booking.Status.CANCELLED
