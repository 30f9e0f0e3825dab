"""The catalogue's writes: publishing a course, a group's life (created, published, cancelled), its
lessons generated from the weekly schedule and moved one by one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit.services import audit_log
from core.errors import DomainError
from core.locking import lock_timeout
from courses import messages, timeline
from courses.models import Booking, Course, Group, Lesson
from courses.schedule import ends_at, lesson_days
from courses.selectors import missing_languages
from courses.services.bookings import locked_group
from holidays.selectors import holidays_between

GROUP_FIELDS = (
    "course",
    "starts_on",
    "ends_on",
    "weekdays",
    "starts_at",
    "duration_minutes",
    "room",
    "instructor",
    "capacity",
    "childcare_capacity",
    "booking_opens_on",
    "booking_closes_on",
    "completion_percent",
    "release_after_missed",
)


@transaction.atomic
def course_publish(*, actor, course: Course) -> Course:
    """Puts the course in the public catalogue: only with its title and description in both languages."""
    with lock_timeout():
        course = Course.objects.select_for_update().get(pk=course.pk)
    if missing := missing_languages(course):
        raise DomainError(
            _("A course is published only in both languages. Missing: %(missing)s.") % {"missing": ", ".join(missing)}
        )
    if course.published_at is None:
        course.published_at = timezone.now()
        course.save(update_fields=["published_at"])
        audit_log(actor=actor, action="course.publish", target=course)
    return course


@transaction.atomic
def course_unpublish(*, actor, course: Course) -> Course:
    """Takes the course out of the catalogue (its groups stay; no new booking)."""
    Course.objects.filter(pk=course.pk).update(published_at=None)
    audit_log(actor=actor, action="course.unpublish", target=course)
    course.refresh_from_db()
    return course


def _validated(group: Group) -> None:
    try:
        group.full_clean(exclude=["created_by", "centre"])
    except ValidationError as error:
        field, problems = next(iter(error.message_dict.items()))
        raise DomainError(problems[0], field=None if field == "__all__" else field) from error
    if group.booking_closes_on > group.ends_on:
        raise DomainError(_("Booking must close by the group's last day."), field="booking_closes_on")
    if group.instructor is not None and group.instructor.centre_id != group.centre_id:
        raise DomainError(_("The instructor must work at the group's centre."), field="instructor")
    if group.capacity < group.seats_taken:
        raise DomainError(
            _("%(taken)s seats are booked already: the group cannot have fewer.") % {"taken": group.seats_taken}, field="capacity"
        )
    if group.childcare_capacity < group.childcare_taken:
        raise DomainError(
            _("%(taken)s kids' corner places are booked already: there cannot be fewer.") % {"taken": group.childcare_taken},
            field="childcare_capacity",
        )


@transaction.atomic
def group_create(*, actor, centre, **values: Any) -> Group:
    """A draft group of a course at ``centre`` (the centre head's own); its lessons come with it."""
    group = Group(centre=centre, created_by=actor, **{name: values[name] for name in GROUP_FIELDS if name in values})
    _validated(group)
    group.save()
    lessons_generate(group)
    audit_log(actor=actor, action="group.create", target=group)
    return group


@transaction.atomic
def group_update(*, actor, group: Group, **values: Any) -> Group:
    """Changes a group's details. A changed schedule or dates regenerate the lessons while nobody has
    been marked at any (after that, lessons are moved one by one)."""
    group = locked_group(group)
    before = {name: getattr(group, name) for name in GROUP_FIELDS}
    for name in GROUP_FIELDS:
        if name in values:
            setattr(group, name, values[name])
    if group.status in (Group.Status.FINISHED, Group.Status.CANCELLED):
        raise DomainError(_("A finished or cancelled group is not changed any more."))
    if values.get("course", group.course) != before["course"] and group.bookings.exists():
        raise DomainError(_("Mothers have booked this group: its course cannot change."), field="course")
    _validated(group)
    changed = [name for name in GROUP_FIELDS if getattr(group, name) != before[name]]
    group.save()
    schedule = {"starts_on", "ends_on", "weekdays", "starts_at", "duration_minutes"}
    if schedule & set(changed):
        if Lesson.objects.filter(group=group, attendance__isnull=False).exists():
            raise DomainError(_("Attendance has been marked already: move the lessons one by one instead."), field="weekdays")
        group.lessons.all().delete()
        lessons_generate(group)
    if group.status in (Group.Status.OPEN, Group.Status.FULL):
        from courses.services.bookings import _set_full_or_open, promote

        promote(group=group)  # more seats: the waiting list moves up
        _set_full_or_open(group)
    audit_log(actor=actor, action="group.update", target=group, changed_fields=changed)
    return group


def lessons_generate(group: Group) -> list[Lesson]:
    """The group's lessons from its weekly schedule, public holidays skipped."""
    holidays = holidays_between(group.starts_on, group.ends_on)
    finish = ends_at(group.starts_at, group.duration_minutes)
    days = lesson_days(starts_on=group.starts_on, ends_on=group.ends_on, weekdays=group.weekdays, holidays=holidays)
    return Lesson.objects.bulk_create(
        Lesson(group=group, day=day, starts_at=group.starts_at, ends_at=finish, room=group.room) for day in days
    )


@transaction.atomic
def group_publish(*, actor, group: Group) -> Group:
    """A draft group opens for booking (its course must be in the catalogue, and it must have lessons)."""
    group = locked_group(group)
    if group.status != Group.Status.DRAFT:
        raise DomainError(_("Only a draft group can be opened for booking."))
    if not group.course.is_published:
        raise DomainError(_("Publish the course first: it is not in the catalogue."))
    if not group.lessons.exists():
        raise DomainError(_("The group has no lessons: check its dates and weekdays."))
    group.status = Group.Status.OPEN
    group.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="group.publish", target=group)
    return group


@transaction.atomic
def group_cancel(*, actor, group: Group) -> Group:
    """The group will not run: every booking ends, and each mother is told."""
    group = locked_group(group)
    if group.status in (Group.Status.FINISHED, Group.Status.CANCELLED):
        raise DomainError(_("This group has already finished or been cancelled."))
    group.status = Group.Status.CANCELLED
    group.save(update_fields=["status", "updated_at"])
    bookings = (
        Booking.objects.active()
        .filter(group=group)
        .select_related("family__mother", "group__course", "group__centre")
        .prefetch_related("family__consents")
    )
    for booking in bookings:
        booking.status, booking.offered_until, booking.ended_at, booking.ended_by = (
            Booking.Status.CANCELLED,
            None,
            timezone.now(),
            actor,
        )
        booking.save(update_fields=["status", "offered_until", "ended_at", "ended_by"])
        timeline.add_entry(booking, kind="courses.group_cancelled", actor=actor)
        messages.tell_ended(booking, key="course_group_cancelled")
    audit_log(actor=actor, action="group.cancel", target=group)
    return group


@transaction.atomic
def lesson_move(*, actor, lesson: Lesson, day: dt.date, starts_at: dt.time, room: str = "") -> Lesson:
    """Moves one lesson; the mothers holding a seat are told, and a moved first lesson takes their
    reminders with it."""
    group = locked_group(lesson.group)
    with lock_timeout():
        lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    if group.status in (Group.Status.FINISHED, Group.Status.CANCELLED):
        raise DomainError(_("A finished or cancelled group's lessons are not moved."))
    if day < timezone.localdate():
        raise DomainError(_("A lesson cannot be moved into the past."), field="day")
    if day == lesson.day and starts_at == lesson.starts_at and room == lesson.room:
        raise DomainError(_("Nothing changed: choose another day, time or room."))
    if Lesson.objects.filter(group=group, day=day, starts_at=starts_at).exclude(pk=lesson.pk).exists():
        raise DomainError(
            _("The group already has a lesson on %(day)s at this time.") % {"day": date_format(day, "SHORT_DATE_FORMAT")},
            field="day",
        )
    was = lesson.day
    length = dt.datetime.combine(lesson.day, lesson.ends_at) - dt.datetime.combine(lesson.day, lesson.starts_at)
    lesson.day, lesson.starts_at, lesson.room = day, starts_at, room
    lesson.ends_at = ends_at(starts_at, int(length.total_seconds() // 60))
    lesson.version += 1
    lesson.save()
    for booking in (
        Booking.objects.holding()
        .filter(group=group)
        .select_related("family__mother", "group__course", "group__centre")
        .prefetch_related("family__consents")
    ):
        messages.tell_lesson_moved(lesson, booking, was=was)
        messages.move_reminder(group, booking)
    audit_log(actor=actor, action="lesson.move", target=lesson, data={"from": was.isoformat(), "to": day.isoformat()})
    return lesson
