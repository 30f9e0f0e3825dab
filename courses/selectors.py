"""Reads for the courses: the public catalogue and course page, eligibility, the staff's group lists,
a group's bookings and waiting list, a mother's own records, and the family page's section."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from courses.models import Attendance, Booking, Certificate, Course, Eligibility, Group, Lesson
from families import selectors as family_selectors
from families.models import Family

PUBLIC_STATUSES = (Group.Status.OPEN, Group.Status.FULL)


# --- The public catalogue -------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueFilters:
    district: int | None = None
    centre: int | None = None
    category: str = ""
    month: dt.date | None = None  # the first day of a month: groups starting in it
    with_seats: bool = False


def public_groups(filters: CatalogueFilters | None = None) -> QuerySet[Group]:
    """Groups anyone may see and book: published course, open or full, booking window not over."""
    filters = filters or CatalogueFilters()
    groups = Group.objects.filter(
        status__in=PUBLIC_STATUSES, course__published_at__isnull=False, booking_closes_on__gte=timezone.localdate()
    )
    if filters.district:
        groups = groups.filter(centre__district_id=filters.district)
    if filters.centre:
        groups = groups.filter(centre_id=filters.centre)
    if filters.category:
        groups = groups.filter(course__category=filters.category)
    if filters.month:
        groups = groups.filter(starts_on__year=filters.month.year, starts_on__month=filters.month.month)
    return groups


def catalogue(filters: CatalogueFilters) -> list[Course]:
    """Published courses with at least one public group matching ``filters``, each with those groups
    (``matching_groups``, their centres and districts read along): two queries whatever the number."""
    groups = public_groups(filters).select_related("centre__district").order_by("starts_on", "pk")
    if filters.with_seats:
        groups = groups.filter(status=Group.Status.OPEN)
    courses = (
        Course.objects.published()
        .filter(pk__in=groups.values("course_id"))
        .prefetch_related(Prefetch("groups", queryset=groups, to_attr="matching_groups"))
        .order_by("category", "title")
    )
    return list(courses)


def course_page(course_id: int) -> Course | None:
    """A published course with its public groups (``open_groups``), or None: two queries."""
    groups = public_groups().select_related("centre__district").order_by("starts_on", "pk")
    return (
        Course.objects.published()
        .filter(pk=course_id)
        .prefetch_related(Prefetch("groups", queryset=groups, to_attr="open_groups"))
        .first()
    )


def missing_languages(course: Course) -> list[str]:
    """What a course lacks to be published: its title and description in Kazakh and in Russian."""
    missing = []
    for field, label in (("title", _("title")), ("description", _("description"))):
        for language, name in (("kk", _("in Kazakh")), ("ru", _("in Russian"))):
            if not (getattr(course, f"{field}_{language}") or "").strip():
                missing.append(f"{label} {name}")
    return missing


def consent_in_force(family: Family) -> bool:
    """The registry's rule for every record and message about her: her consent stands and her data was
    not removed (prefetch the family's ``consents`` for a list)."""
    return family.anonymised_at is None and family.has_consent


def eligibility_problem(family: Family, course: Course) -> str | None:
    """Why the mother of ``family`` may not book ``course`` (None: she may). A restricted course needs
    a large or low-income family whose category a registrar has verified."""
    if course.eligibility == Eligibility.ALL:
        return None
    if not (family.is_large or family.is_low_income):
        return _("This course is for large or low-income families.")
    if not family_selectors.family_is_verified(family):
        return _(
            "This course is for large or low-income families whose documents the centre has checked. Bring them to your centre."
        )
    return None


def booking_closed_reason(group: Group) -> str | None:
    """Why nobody may book ``group`` today (None: it takes bookings, a seat or the waiting list)."""
    refusals: dict[str, Any] = {
        Group.Status.DRAFT: _("This group is not open for booking yet."),
        Group.Status.RUNNING: _("This group has already started: booking is closed."),
        Group.Status.FINISHED: _("This group has finished."),
        Group.Status.CANCELLED: _("This group was cancelled."),
    }
    if group.status in refusals:
        return str(refusals[group.status])
    if not group.course.is_published:
        return _("This course is not in the catalogue at the moment.")
    today = timezone.localdate()
    if today < group.booking_opens_on:
        return _("Booking for this group opens on %(day)s.") % {"day": date_format(group.booking_opens_on, "SHORT_DATE_FORMAT")}
    if today > group.booking_closes_on:
        return _("Booking for this group is closed.")
    return None


def booking_problem(family: Family | None, group: Group) -> str | None:
    """What stops the mother of ``family`` from booking ``group``, said before she tries."""
    if family is None:
        return _("Your account is not linked to a family yet. Visit your centre with your documents.")
    if reason := booking_closed_reason(group) or eligibility_problem(family, group.course):
        return reason
    if Booking.objects.active().filter(family=family, course_id=group.course_id).exists():
        return _("You already have a booking for this course. Cancel it first to choose another group.")
    return None


# --- Bookings -------------------------------------------------------------------------------------


def waiting_position(booking: Booking) -> int:
    """Her place on the waiting list (1: next to be offered a seat)."""
    ahead = Booking.objects.waiting_in_order().filter(group_id=booking.group_id)
    ahead = ahead.filter(Q(waiting_since__lt=booking.waiting_since) | Q(waiting_since=booking.waiting_since, pk__lt=booking.pk))
    return ahead.count() + 1


def missed_count() -> Count:
    """Annotates each booking with the lessons she missed (``missed``)."""
    return Count("attendance", filter=Q(attendance__present=False))


def missed_lessons(booking: Booking) -> int:
    return Attendance.objects.filter(booking=booking, present=False).count()


def attendance_share(booking: Booking, *, held: int) -> float:
    """Her share of the ``held`` lessons she attended (0 when none was held)."""
    if held == 0:
        return 0.0
    return Attendance.objects.filter(booking=booking, present=True).count() / held


def group_bookings(group: Group) -> dict[str, list[Booking]]:
    """A group's seats, offers and waiting list (in order), with the mothers' names: one query."""
    rows = (
        Booking.objects.filter(group=group, status__in=Booking.ACTIVE)
        .select_related("family__mother", "child__person")
        .annotate(missed=missed_count())
        .order_by("waiting_since", "pk")
    )
    result: dict[str, list[Booking]] = {"seats": [], "waiting": []}
    for booking in rows:
        result["waiting" if booking.status == Booking.Status.WAITING else "seats"].append(booking)
    return result


def staff_groups(user, *, status: str = "") -> QuerySet[Group]:
    """The groups a member of staff sees (her district's centre), newest first."""
    groups = Group.objects.visible_to(user).select_related("course", "centre", "instructor")
    groups = groups.annotate(waiting=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITING)))
    if status:
        groups = groups.filter(status=status)
    return groups.order_by("-starts_on", "-pk")


def lesson_roll(lesson: Lesson) -> list[Booking]:
    """The mothers holding a seat at a lesson, each with her mark for it (``mark``: True, False or None)."""
    bookings = list(
        Booking.objects.filter(group_id=lesson.group_id, status=Booking.Status.CONFIRMED)
        .select_related("family__mother")
        .annotate(missed=missed_count())
        .order_by("family__mother__last_name", "family__mother__first_name", "pk")
    )
    marks = dict(Attendance.objects.filter(lesson=lesson).values_list("booking_id", "present"))
    for booking in bookings:
        booking.mark = marks.get(booking.pk)
    return bookings


# --- A mother's own records, and the family page ----------------------------------------------------


def _her_bookings(user) -> QuerySet[Booking]:
    return Booking.objects.visible_to(user).filter(family__mother_account=user)


def my_bookings(user) -> list[Booking]:
    """Her active bookings (seats, offers, waiting places) with their positions, and the last ended ones."""
    bookings = list(
        _her_bookings(user)
        .select_related("group__course", "group__centre", "child__person")
        .order_by("-waiting_since", "-pk")[:30]
    )
    waiting = [booking for booking in bookings if booking.status == Booking.Status.WAITING]
    for booking in waiting:
        setattr(booking, "position", waiting_position(booking))  # noqa: B010 (shown with her booking)
    return bookings


def my_lessons(user, *, days: int = 60) -> list[Lesson]:
    """The lessons of the groups she holds a seat in, from today on."""
    today = timezone.localdate()
    groups = _her_bookings(user).filter(status=Booking.Status.CONFIRMED).values("group_id")
    return list(
        Lesson.objects.filter(group_id__in=groups, day__gte=today, day__lte=today + dt.timedelta(days=days))
        .exclude(group__status=Group.Status.CANCELLED)
        .select_related("group__course", "group__centre")
        .order_by("day", "starts_at")[:20]
    )


def my_certificates(user) -> list[Certificate]:
    return list(
        Certificate.objects.visible_to(user)
        .filter(booking__family__mother_account=user)
        .select_related("booking__group__course", "booking__group__centre")
    )


def family_bookings(user, family: Family) -> list[Booking]:
    """The family's bookings as staff see them on the family page, certificates read along."""
    return list(
        Booking.objects.visible_to(user)
        .filter(family=family)
        .select_related("group__course", "group__centre", "certificate", "child__person")
        .order_by("-waiting_since", "-pk")[:50]
    )


def bookable_groups_for(family: Family) -> QuerySet[Group]:
    """The groups a registrar may book the mother into at the desk: open for booking, any centre."""
    return Group.objects.bookable().select_related("course", "centre").order_by("starts_on", "pk")


def verification(code: str) -> Certificate | None:
    return (
        Certificate.objects.filter(code=code.strip().upper())
        .select_related("booking__group__course", "booking__group__centre")
        .first()
    )
