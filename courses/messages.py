"""What the courses tell a mother through the outbox, in her language, and the idempotency keys that
let a later change cancel or move a message: the reminder the day before the first lesson is
cancelled when her booking ends and moved when the first lesson moves.

Who may be told is the registry's rule: nothing goes to a mother whose consent is not in force (or
whose family's data was removed) — ``courses.selectors.consent_in_force``, asked before every message here. How she is told
is her own choice, kept by the outbox: SMS or e-mail as she chose (``families.messages.recipient_for``),
and no reminder (the one optional message here; every other is essential) once she refused reminders
and news — ``notify()`` leaves it out, and drops one already queued when it falls due."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format

from courses.selectors import consent_in_force
from families.messages import tell_mother as _tell_mother
from notifications.services import notification_cancel, notification_reschedule

REMINDER_HOUR = 10  # the day before the first lesson, at 10:00 in Almaty


def tell_mother(family, **message):
    """``families.messages.tell_mother``, for a mother who may be told (None for one who may not)."""
    return _tell_mother(family, **message) if consent_in_force(family) else None


def after_booking(booking_id: int) -> None:
    """Just after a booking commits (the group's lock released): her confirmation and reminder, or her
    place on the waiting list. A transaction of its own; its idempotency keys make a repeat harmless."""
    from courses.models import Booking
    from courses.selectors import waiting_position

    with transaction.atomic():
        booking = Booking.objects.select_related("family__mother", "group__course", "group__centre").get(pk=booking_id)
        if booking.status == Booking.Status.CONFIRMED:
            tell_confirmed(booking)
        elif booking.status == Booking.Status.WAITING:
            tell_waiting(booking, waiting_position(booking))


def _course(booking) -> str:
    with translation.override(booking.family.language):
        return str(booking.group.course.title)


def _day(day: dt.date, language: str) -> str:
    with translation.override(language):
        return date_format(day, "SHORT_DATE_FORMAT")


def _time(value: dt.time, language: str) -> str:
    with translation.override(language):
        return time_format(value, "H:i")


def reminder_key(booking) -> str:
    return f"courses.first_lesson:{booking.pk}"


def _first_lesson(group):
    return group.lessons.order_by("day", "starts_at").first()


def reminder_moment(lesson) -> dt.datetime:
    day_before = lesson.day - dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day_before, dt.time(REMINDER_HOUR)))


def tell_confirmed(booking) -> None:
    """Her seat is hers: the confirmation now, and the reminder the day before the first lesson."""
    family, group = booking.family, booking.group
    if not consent_in_force(family):
        return
    first = _first_lesson(group)
    day, time = (first.day, first.starts_at) if first else (group.starts_on, group.starts_at)
    values = {"course": _course(booking), "day": _day(day, family.language), "time": _time(time, family.language)}
    tell_mother(
        family, key="course_booking_confirmed", centre=group.centre, idempotency_key=f"courses.confirmed:{booking.pk}", **values
    )
    if first is not None and reminder_moment(first) > timezone.now():
        tell_mother(
            family,
            key="course_first_lesson_reminder",
            centre=group.centre,
            idempotency_key=reminder_key(booking),
            send_at=reminder_moment(first),
            room=first.room or group.room,
            **values,
        )


def tell_waiting(booking, position: int) -> None:
    tell_mother(
        booking.family,
        key="course_waiting_listed",
        centre=booking.group.centre,
        idempotency_key=f"courses.waiting:{booking.pk}",
        course=_course(booking),
        position=position,
    )


def tell_offered(booking) -> None:
    language = booking.family.language
    with translation.override(language):
        deadline = date_format(timezone.localtime(booking.offered_until), "SHORT_DATETIME_FORMAT")
    tell_mother(
        booking.family,
        key="course_seat_offered",
        centre=booking.group.centre,
        idempotency_key=f"courses.offer:{booking.pk}",
        course=_course(booking),
        deadline=deadline,
    )


def tell_ended(booking, *, key: str = "course_booking_ended") -> None:
    """Her booking ended without her doing (staff cancelled it, her seat was released, the group was
    cancelled): she is told, and her reminder is withdrawn."""
    forget_reminder(booking)
    tell_mother(
        booking.family,
        key=key,
        centre=booking.group.centre,
        idempotency_key=f"courses.ended:{booking.pk}",
        course=_course(booking),
    )


def forget_reminder(booking) -> None:
    notification_cancel(idempotency_key=reminder_key(booking))


def tell_lesson_moved(lesson, booking, *, was: dt.date) -> None:
    language = booking.family.language
    tell_mother(
        booking.family,
        key="course_lesson_moved",
        centre=lesson.group.centre,
        idempotency_key=f"courses.moved:{lesson.pk}:{lesson.version}:{booking.pk}",
        course=_course(booking),
        was=_day(was, language),
        day=_day(lesson.day, language),
        time=_time(lesson.starts_at, language),
        room=lesson.room or lesson.group.room,
    )


def move_reminder(group, booking) -> None:
    """The first lesson moved (or another became the first): her reminder follows it."""
    first = _first_lesson(group)
    if first is None:
        return
    language = booking.family.language
    context = {
        "day": _day(first.day, language),
        "time": _time(first.starts_at, language),
        "room": first.room or group.room,
    }
    notification_reschedule(idempotency_key=reminder_key(booking), send_at=reminder_moment(first), context=context)
