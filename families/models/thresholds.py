from __future__ import annotations

import datetime as dt
import time

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from families.categories import Category
from families.models.family import Family, FamilyRecordQuerySet


class CategoryThresholds(models.Model):
    """The numbers the categories are computed with, as of a date. Edited by administrators."""

    valid_from = models.DateField(_("valid from"), unique=True)
    poverty_line = models.DecimalField(
        _("poverty line, ₸ per person per month"),
        max_digits=10,
        decimal_places=2,
        help_text=_("A family is low-income when its income per person is below this."),
    )
    large_family_children = models.PositiveSmallIntegerField(_("children for a large family"), default=4)
    child_age_limit = models.PositiveSmallIntegerField(_("counted as a child under the age of"), default=18)
    student_age_limit = models.PositiveSmallIntegerField(_("students counted under the age of"), default=23)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("category thresholds")
        verbose_name_plural = _("category thresholds")
        constraints = [
            models.CheckConstraint(
                name="thresholds_student_age_not_below_child_age", condition=Q(student_age_limit__gte=models.F("child_age_limit"))
            ),
            models.CheckConstraint(name="thresholds_positive", condition=Q(poverty_line__gt=0, large_family_children__gt=0)),
        ]

    def __str__(self) -> str:
        return str(self.valid_from)

    @classmethod
    def on(cls, day: dt.date) -> CategoryThresholds:
        found = next((row for row in _all_thresholds() if row.valid_from <= day), None)
        if found is None:
            raise cls.DoesNotExist(f"no category thresholds valid on {day}")
        return found


# The few rows of thresholds, newest first, kept by each process for a minute: every family page and
# every registration asks for them, and they change a few times a year (an administrator's edit is
# in force in this process at once, in the other workers within the minute).
_MEMO_SECONDS = 60
_memo: tuple[float, list[CategoryThresholds]] | None = None


def _all_thresholds() -> list[CategoryThresholds]:
    global _memo
    if _memo is None or time.monotonic() - _memo[0] > _MEMO_SECONDS:
        _memo = (time.monotonic(), list(CategoryThresholds.objects.order_by("-valid_from")))
    return _memo[1]


def forget_thresholds(**kwargs) -> None:
    """Connected to every save and delete of thresholds (``families.receivers``): forgotten at once, and
    again when the transaction commits (a read in between would have kept a row not yet committed)."""
    global _memo
    _memo = None
    if kwargs.get("sender") is not None:
        transaction.on_commit(forget_thresholds)


class CategoryChange(models.Model):
    """A family gained or lost a category (for example, a child turned 18)."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="category_changes")
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    # Translators: yes when the family gained the category, no when it lost it.
    gained = models.BooleanField(pgettext_lazy("category change", "gained"))
    on = models.DateField(_("date"))
    at = models.DateTimeField(default=timezone.now)
    # Empty when the daily recomputation found it; otherwise who made the change that caused it.
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    objects = FamilyRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["-at"], name="category_change_at")]

    def __str__(self) -> str:
        return f"{self.category} {'+' if self.gained else '-'} {self.on}"
