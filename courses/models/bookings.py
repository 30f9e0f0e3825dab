"""Bookings (a seat, or a place on the waiting list), attendance per lesson, and certificates."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.scoping import ScopedQuerySet
from courses.models.catalogue import Course, Group, Lesson
from families.models import FamilyRecordQuerySet


class BookingQuerySet(FamilyRecordQuerySet):
    """Seen by the staff of the family's district, by the staff of the group's centre, and by the mother."""

    scope_centre_field = "group__centre"

    def active(self):
        return self.filter(status__in=Booking.ACTIVE)

    def holding(self):
        return self.filter(status__in=Booking.HOLDING)

    def waiting_in_order(self):
        return self.filter(status=Booking.Status.WAITING).order_by("waiting_since", "pk")


class Booking(models.Model):
    """A mother's booking of a group: a seat (confirmed), a seat offered to her from the waiting list
    until a deadline, or a place on the waiting list; ended by a cancellation, a release after missed
    lessons, or an offer left unconfirmed. Optionally a place in the kids' corner for one of her children."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("booking status", "confirmed")
        OFFERED = "offered", pgettext_lazy("booking status", "seat offered")
        WAITING = "waiting", pgettext_lazy("booking status", "on the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("booking status", "cancelled")
        RELEASED = "released", pgettext_lazy("booking status", "seat released after missed lessons")
        EXPIRED = "expired", pgettext_lazy("booking status", "offer not confirmed in time")

    # Holding a seat (and, with a child named, a kids' corner place): counted by the database trigger.
    HOLDING = (Status.CONFIRMED, Status.OFFERED)
    ACTIVE = (Status.CONFIRMED, Status.OFFERED, Status.WAITING)

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("group"), db_index=False)
    # The group's course, kept here so that "one active booking per mother per course" is a constraint.
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="+", editable=False)
    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="course_bookings", db_index=False)
    child = models.ForeignKey(
        "families.Child",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="course_bookings",
        verbose_name=_("child in the kids' corner"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    waiting_since = models.DateTimeField(_("booked"), default=timezone.now)
    offered_until = models.DateTimeField(_("confirm by"), null=True, blank=True)
    at_desk = models.BooleanField(_("booked at the desk"), default=False)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["waiting_since", "pk"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            models.UniqueConstraint(
                fields=["family", "course"],
                condition=Q(status__in=["confirmed", "offered", "waiting"]),
                name="courses_one_active_booking_per_course",
                violation_error_message=_("She already has a booking for this course."),
            ),
            models.CheckConstraint(
                name="courses_booking_offer_has_deadline",
                condition=Q(status="offered", offered_until__isnull=False)
                | (~Q(status="offered") & Q(offered_until__isnull=True)),
            ),
            models.CheckConstraint(
                name="courses_booking_completed_only_confirmed", condition=Q(completed_at__isnull=True) | Q(status="confirmed")
            ),
        ]
        indexes = [
            models.Index(fields=["group", "status", "waiting_since"], name="courses_booking_queue"),
            models.Index(fields=["family", "-waiting_since"], name="courses_booking_family"),
            models.Index(fields=["status", "offered_until"], name="courses_booking_offers"),
        ]

    def __str__(self) -> str:
        return f"{self.group_id}/{self.family_id} {self.status}"

    @property
    def holds_seat(self) -> bool:
        return self.status in self.HOLDING

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class AttendanceQuerySet(ScopedQuerySet):
    scope_district_field = "booking__family__district"
    scope_centre_field = "lesson__group__centre"
    scope_owner_field = "booking__family__mother_account"


class Attendance(models.Model):
    """Whether a booked mother came to a lesson: one row per lesson and booking, marked with one tap."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="attendance", db_index=False)
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"))
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(default=timezone.now)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["lesson", "booking"], name="courses_attendance_once_per_lesson")]

    def __str__(self) -> str:
        return f"{self.lesson_id}/{self.booking_id} {self.present}"


def new_code() -> str:
    """A verification code: 10 characters without look-alikes (no 0/O, 1/I/L), about 50 bits."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class CertificateQuerySet(ScopedQuerySet):
    scope_district_field = "booking__family__district"
    scope_centre_field = "booking__group__centre"
    scope_owner_field = "booking__family__mother_account"


class Certificate(models.Model):
    """The certificate of a completed course. Anyone holding its code (on the paper, and in its QR code)
    can check it on a public page that shows only the initials kept here, the course, dates and centre."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="certificate")
    code = models.CharField(_("verification code"), max_length=16, unique=True, default=new_code, editable=False)
    initials = models.CharField(_("initials"), max_length=16)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("courses:verify", args=[self.code])

    @staticmethod
    def initials_of(person) -> str:
        """ "Ә. Н." of the mother: all the public check shows of her."""
        parts = [person.first_name, person.last_name]
        return " ".join(f"{part.strip()[0]}." for part in parts if part and part.strip())[:16]
