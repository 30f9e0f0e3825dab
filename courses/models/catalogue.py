"""The catalogue: courses (titles and descriptions in Kazakh and Russian), their groups at the
centres, and the lessons of each group."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.scoping import ScopedQuerySet


class Category(models.TextChoices):
    COMPUTER = "computer", _("Computer literacy")
    BEAUTY = "beauty", _("Beauty and make-up")
    COOKING = "cooking", _("Cooking")
    SEWING = "sewing", _("Sewing")
    ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneurship (Isker Ana, Bastau Business)")
    LANGUAGES = "languages", _("Languages")
    OTHER = "other", _("Other")


class Eligibility(models.TextChoices):
    ALL = "all", _("All registered mothers")
    LARGE_OR_LOW_INCOME = "large_or_low_income", _("Large or low-income families with a verified category")


class CourseQuerySet(ScopedQuerySet):
    personal = False  # the catalogue is public

    def published(self):
        return self.filter(published_at__isnull=False)


class Course(models.Model):
    """A course of the catalogue. Its title and description are kept in Kazakh and Russian
    (modeltranslation); it is published only with both (``courses.services.course_publish``, and a
    database check as the last line)."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    hours = models.PositiveSmallIntegerField(_("hours"), validators=[MinValueValidator(1), MaxValueValidator(1000)])
    eligibility = models.CharField(_("who may book"), max_length=24, choices=Eligibility.choices, default=Eligibility.ALL)
    stipend = models.BooleanField(_("with a stipend"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.CheckConstraint(
                name="courses_course_published_in_both_languages",
                condition=Q(published_at__isnull=True)
                | (~Q(title_kk="") & ~Q(title_ru="") & ~Q(description_kk="") & ~Q(description_ru="")),
                violation_error_message=_("A course is published only with its title and description in Kazakh and Russian."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("courses:course", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def restricted(self) -> bool:
        return self.eligibility == Eligibility.LARGE_OR_LOW_INCOME


WEEKDAYS = [
    (1, pgettext_lazy("weekday, short", "Mon")),
    (2, pgettext_lazy("weekday, short", "Tue")),
    (3, pgettext_lazy("weekday, short", "Wed")),
    (4, pgettext_lazy("weekday, short", "Thu")),
    (5, pgettext_lazy("weekday, short", "Fri")),
    (6, pgettext_lazy("weekday, short", "Sat")),
    (7, pgettext_lazy("weekday, short", "Sun")),
]


class GroupQuerySet(ScopedQuerySet):
    """Staff see the groups of their district's centre; groups are no personal record."""

    scope_district_field = "centre__district"
    scope_centre_field = "centre"
    personal = False

    def bookable(self):
        """Open for booking today: open or full (then she joins the waiting list), in the booking window."""
        today = timezone.localdate()
        return self.filter(
            status__in=[Group.Status.OPEN, Group.Status.FULL],
            booking_opens_on__lte=today,
            booking_closes_on__gte=today,
            course__published_at__isnull=False,
        )


class Group(models.Model):
    """A run of a course at a centre: its dates, weekly schedule, room, instructor and capacity.

    ``seats_taken`` and ``childcare_taken`` are kept by a database trigger on the bookings (migration
    0002) and checked against the capacities by constraints: the last line against overbooking, behind
    the services' lock."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("group status", "draft")
        OPEN = "open", pgettext_lazy("group status", "open for booking")
        FULL = "full", pgettext_lazy("group status", "full (waiting list)")
        RUNNING = "running", pgettext_lazy("group status", "running")
        FINISHED = "finished", pgettext_lazy("group status", "finished")
        CANCELLED = "cancelled", pgettext_lazy("group status", "cancelled")

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="groups", verbose_name=_("course"))
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="course_groups", verbose_name=_("centre"))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    weekdays = models.CharField(
        _("weekdays"), max_length=7, validators=[RegexValidator(r"^[1-7]{1,7}$")], help_text=_("ISO weekdays, 1 = Monday.")
    )
    starts_at = models.TimeField(_("lessons start at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("lesson length, minutes"), default=120, validators=[MinValueValidator(15), MaxValueValidator(480)]
    )
    room = models.CharField(_("room"), max_length=60, blank=True)
    # A member of the centre's staff who teaches it (no role of its own: see the README's roles table).
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="course_groups",
        verbose_name=_("instructor"),
    )
    capacity = models.PositiveSmallIntegerField(_("seats"), validators=[MinValueValidator(1), MaxValueValidator(500)])
    childcare_capacity = models.PositiveSmallIntegerField(
        _("places in the kids' corner"), default=0, validators=[MaxValueValidator(100)], help_text=_("0: no kids' corner.")
    )
    booking_opens_on = models.DateField(_("booking opens"))
    booking_closes_on = models.DateField(_("booking closes"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    completion_percent = models.PositiveSmallIntegerField(
        _("attendance needed for completion, %"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    release_after_missed = models.PositiveSmallIntegerField(
        _("missed lessons before the seat may be released"),
        default=3,
        validators=[MaxValueValidator(50)],
        help_text=_("0: never."),
    )
    seats_taken = models.PositiveIntegerField(default=0, editable=False)
    childcare_taken = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.CheckConstraint(name="courses_group_seats_within_capacity", condition=Q(seats_taken__lte=F("capacity"))),
            models.CheckConstraint(
                name="courses_group_childcare_within_capacity", condition=Q(childcare_taken__lte=F("childcare_capacity"))
            ),
            models.CheckConstraint(name="courses_group_ends_after_start", condition=Q(ends_on__gte=F("starts_on"))),
            models.CheckConstraint(
                name="courses_group_booking_window", condition=Q(booking_closes_on__gte=F("booking_opens_on"))
            ),
            models.CheckConstraint(name="courses_group_capacity_positive", condition=Q(capacity__gte=1)),
        ]
        indexes = [models.Index(fields=["status", "starts_on"], name="courses_group_status_start")]

    def __str__(self) -> str:
        return f"{self.course} · {self.centre} · {self.starts_on:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("courses:group", args=[self.pk])

    @property
    def seats_left(self) -> int:
        return max(0, self.capacity - self.seats_taken)

    @property
    def childcare_left(self) -> int:
        return max(0, self.childcare_capacity - self.childcare_taken)

    @property
    def has_childcare(self) -> bool:
        return self.childcare_capacity > 0

    @property
    def weekday_numbers(self) -> list[int]:
        return sorted({int(day) for day in self.weekdays})

    @property
    def weekday_labels(self) -> list[str]:
        names = dict(WEEKDAYS)
        return [str(names[day]) for day in self.weekday_numbers]


class LessonQuerySet(ScopedQuerySet):
    scope_district_field = "group__centre__district"
    scope_centre_field = "group__centre"
    personal = False


class Lesson(models.Model):
    """One lesson of a group, generated from its weekly schedule (public holidays skipped) and movable
    one by one; moving it tells the booked mothers (``version`` keys their messages)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("group"), db_index=False)
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    room = models.CharField(_("room"), max_length=60, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = LessonQuerySet.as_manager()

    class Meta:
        ordering = ["day", "starts_at", "pk"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        constraints = [
            models.UniqueConstraint(fields=["group", "day", "starts_at"], name="courses_lesson_once_per_moment"),
            models.CheckConstraint(name="courses_lesson_ends_after_start", condition=Q(ends_at__gt=F("starts_at"))),
        ]

    def __str__(self) -> str:
        return f"{self.day:%d.%m.%Y} {self.starts_at:%H:%M}"
