"""A specialist's weekly plan at each centre she works at, and the days she is away."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from consultations.kinds import DEFAULT_SLOT_MINUTES, kind_of
from core.roles import Role


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Workplace(models.Model):
    """A specialist works at ``centre`` on the weekly plan of its ``hours`` and ``breaks``. Her own
    centre (``User.centre``) is one of her workplaces like any other; a further one lets her see what
    that centre's staff see (``core.scoping.further_centres``)."""

    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="workplaces",
        limit_choices_to={"role": Role.SPECIALIST},
        verbose_name=_("specialist"),
        db_index=False,
    )
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+", verbose_name=_("centre"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length, minutes"),
        null=True,
        blank=True,
        help_text=_("Empty: the usual length of her kind of consultation (legal 45, psychological 60, employment 30)."),
    )
    is_active = models.BooleanField(_("works here"), default=True)

    # Not a field: her hours and breaks per weekday, as ``consultations.selectors.workplaces`` reads them.
    weekly_plan: dict[int, tuple[list[tuple[dt.time, dt.time]], list[tuple[dt.time, dt.time]]]]

    class Meta:
        verbose_name = _("workplace")
        verbose_name_plural = _("workplaces")
        ordering = ["specialist_id", "centre_id"]
        constraints = [
            models.UniqueConstraint(fields=["specialist", "centre"], name="workplace_once_per_centre"),
            models.CheckConstraint(
                name="workplace_slot_length_sensible",
                condition=Q(slot_minutes__isnull=True) | Q(slot_minutes__gte=15, slot_minutes__lte=180),
                violation_error_message=_("A slot lasts from 15 to 180 minutes."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.specialist} @ {self.centre}"

    @property
    def slot_length(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.slot_minutes or DEFAULT_SLOT_MINUTES[kind_of(self.specialist)])

    def clean(self) -> None:
        super().clean()
        if self.specialist_id and self.specialist.role != Role.SPECIALIST:
            raise ValidationError({"specialist": _("Only specialists hold consultations.")})


class WorkingHours(models.Model):
    """On ``weekday`` she receives at the workplace's centre from ``starts`` to ``ends`` (local time)."""

    workplace = models.ForeignKey(Workplace, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("day of the week"), choices=Weekday.choices)
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))

    class Meta:
        verbose_name = _("working hours")
        verbose_name_plural = _("working hours")
        ordering = ["weekday", "starts"]
        constraints = [
            models.CheckConstraint(
                name="working_hours_end_after_start",
                condition=Q(ends__gt=F("starts")),
                violation_error_message=_("The hours must end after they start."),
            ),
            models.CheckConstraint(name="working_hours_weekday", condition=Q(weekday__lte=6)),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"

    def clean(self) -> None:
        super().clean()
        if not (self.workplace_id and self.starts and self.ends and self.weekday is not None):
            return
        # She is at one centre at a time: her hours at her other workplaces must not overlap these.
        overlapping = WorkingHours.objects.filter(
            workplace__specialist_id=self.workplace.specialist_id,
            weekday=self.weekday,
            starts__lt=self.ends,
            ends__gt=self.starts,
        ).exclude(pk=self.pk)
        if overlapping.exclude(workplace_id=self.workplace_id).exists():
            raise ValidationError(_("She works at another centre at these hours."))


class PlanBreak(models.Model):
    """A pause in her plan (lunch): every working day, or only on ``weekday``."""

    workplace = models.ForeignKey(Workplace, on_delete=models.CASCADE, related_name="breaks")
    weekday = models.PositiveSmallIntegerField(
        _("day of the week"), choices=Weekday.choices, null=True, blank=True, help_text=_("Empty: every day.")
    )
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))

    class Meta:
        verbose_name = _("break")
        verbose_name_plural = _("breaks")
        ordering = ["starts"]
        constraints = [
            models.CheckConstraint(
                name="plan_break_end_after_start",
                condition=Q(ends__gt=F("starts")),
                violation_error_message=_("The break must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts:%H:%M}–{self.ends:%H:%M}"

    def applies_on(self, weekday: int) -> bool:
        return self.weekday is None or self.weekday == weekday


class TimeOff(models.Model):
    """Days she receives nobody at any centre: leave, a sick day, training."""

    class Reason(models.TextChoices):
        LEAVE = "leave", _("leave")
        SICK = "sick", _("sick day")
        TRAINING = "training", _("training")
        OTHER = "other", _("other")

    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="time_off",
        limit_choices_to={"role": Role.SPECIALIST},
        verbose_name=_("specialist"),
        db_index=False,
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices, default=Reason.LEAVE)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))

    class Meta:
        verbose_name = _("time off")
        verbose_name_plural = _("time off")
        ordering = ["-first_day"]
        indexes = [models.Index(fields=["specialist", "last_day"], name="time_off_specialist_last")]
        constraints = [
            models.CheckConstraint(
                name="time_off_ends_after_it_starts",
                condition=Q(last_day__gte=F("first_day")),
                violation_error_message=_("The last day cannot come before the first."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.specialist}: {self.first_day:%d.%m.%Y}–{self.last_day:%d.%m.%Y}"
