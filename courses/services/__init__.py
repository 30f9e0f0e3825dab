"""Every write of the courses (import them from here)."""

from courses.services.attendance import attendance_mark, certificate_issue, group_finish, groups_advance
from courses.services.bookings import (
    booking_cancel,
    booking_create,
    booking_release,
    bookings_move,
    offer_confirm,
    offers_expire,
    promote,
)
from courses.services.catalogue import (
    course_publish,
    course_unpublish,
    group_cancel,
    group_create,
    group_publish,
    group_update,
    lesson_move,
    lessons_generate,
)

__all__ = [
    "attendance_mark",
    "booking_cancel",
    "booking_create",
    "booking_release",
    "bookings_move",
    "certificate_issue",
    "course_publish",
    "course_unpublish",
    "group_cancel",
    "group_create",
    "group_finish",
    "group_publish",
    "group_update",
    "groups_advance",
    "lesson_move",
    "lessons_generate",
    "offer_confirm",
    "offers_expire",
    "promote",
]
