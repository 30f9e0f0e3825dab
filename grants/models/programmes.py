"""Programmes ("Isker Ana — small grant"), their yearly budgets with per-district allocations, the
application rounds (with the moves of their stage), and the scoring rubric. Reference data kept by
administrators in the admin, but for a round's stage, which the grant officer moves on her page: no
personal data, so no scoped queryset; the pages that show them are gated by the grants' rules."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Programme(models.Model):
    """A grant programme: a cap per grant, and a "family" of programmes (``family_code``) within which a
    mother gets at most one grant in ``lookback_years`` years."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    family_code = models.SlugField(
        _("programme family"), max_length=40, help_text=_("One grant per mother within this family of programmes.")
    )
    lookback_years = models.PositiveSmallIntegerField(_("years between two grants"), default=3)
    cap = models.DecimalField(_("largest grant, ₸"), max_digits=12, decimal_places=0)
    requires_course = models.BooleanField(_("needs a completed entrepreneurship course"), default=True)

    class Meta:
        ordering = ["cap", "code"]
        verbose_name = _("grant programme")
        verbose_name_plural = _("grant programmes")
        constraints = [models.CheckConstraint(name="grants_programme_cap_positive", condition=Q(cap__gt=0))]

    def __str__(self) -> str:
        return self.name


class Budget(models.Model):
    """A programme's money for one year. ``approved`` is kept by a database trigger from the approved
    applications (grants migration 0002), and a check refuses more than ``amount``."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="budgets", verbose_name=_("programme"), db_index=False
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("budget, ₸"), max_digits=14, decimal_places=0)
    approved = models.DecimalField(_("approved, ₸"), max_digits=14, decimal_places=0, default=0, editable=False)

    class Meta:
        ordering = ["-year", "programme"]
        verbose_name = _("grant budget")
        verbose_name_plural = _("grant budgets")
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="grants_budget_one_per_year"),
            models.CheckConstraint(name="grants_budget_within_amount", condition=Q(approved__lte=F("amount"))),
            models.CheckConstraint(name="grants_budget_not_negative", condition=Q(approved__gte=0) & Q(amount__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}"

    @property
    def remaining(self):
        return self.amount - self.approved


class Allocation(models.Model):
    """A district's share of a budget; ``approved`` is kept by the same trigger and checked the same way."""

    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="allocations", verbose_name=_("budget"), db_index=False
    )
    district = models.ForeignKey("centres.District", on_delete=models.PROTECT, related_name="+", verbose_name=_("district"))
    amount = models.DecimalField(_("allocation, ₸"), max_digits=14, decimal_places=0)
    approved = models.DecimalField(_("approved, ₸"), max_digits=14, decimal_places=0, default=0, editable=False)

    class Meta:
        ordering = ["budget", "district"]
        verbose_name = _("district allocation")
        verbose_name_plural = _("district allocations")
        constraints = [
            models.UniqueConstraint(fields=["budget", "district"], name="grants_allocation_one_per_district"),
            models.CheckConstraint(name="grants_allocation_within_amount", condition=Q(approved__lte=F("amount"))),
            models.CheckConstraint(name="grants_allocation_not_negative", condition=Q(approved__gte=0) & Q(amount__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.budget} / {self.district}"

    @property
    def remaining(self):
        return self.amount - self.approved


class Round(models.Model):
    """A window for applications to a programme, paid from one year's budget. Its stage is moved on by
    the grant officer: applications are taken while open; commission members see it at the decision stage."""

    class Stage(models.TextChoices):
        OPEN = "open", pgettext_lazy("grant round stage", "open for applications")
        REVIEW = "review", pgettext_lazy("grant round stage", "under review")
        DECISION = "decision", pgettext_lazy("grant round stage", "commission decision")
        CLOSED = "closed", pgettext_lazy("grant round stage", "closed")

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("programme"))
    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("budget"))
    name = models.CharField(_("name"), max_length=200)
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.OPEN)

    class Meta:
        ordering = ["-opens_on", "pk"]
        verbose_name = _("grant round")
        verbose_name_plural = _("grant rounds")
        constraints = [models.CheckConstraint(name="grants_round_dates_in_order", condition=Q(closes_on__gte=F("opens_on")))]

    def __str__(self) -> str:
        return self.name

    @property
    def next_stage(self) -> Round.Stage | None:
        """The stage the round moves on to (None once closed): one at a time, never back."""
        stages = list(Round.Stage)
        index = stages.index(Round.Stage(self.stage)) + 1
        return stages[index] if index < len(stages) else None


class RoundMove(models.Model):
    """One move of a round's stage by the grant officer (``grants.services.round_move``): who, when, from
    what to what, and her comment. An administrator's correction in the admin leaves its audit row only."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="moves", verbose_name=_("round"))
    source = models.CharField(max_length=16, choices=Round.Stage.choices)
    target = models.CharField(max_length=16, choices=Round.Stage.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["round", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.round_id} {self.source} → {self.target}"


class Criterion(models.Model):
    """One line of a programme's scoring rubric: scored 0 to ``max_score``, weighted by ``weight``."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("programme"))
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=10)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["programme", "order", "pk"]
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        constraints = [
            models.CheckConstraint(name="grants_criterion_weight_positive", condition=Q(weight__gt=0) & Q(max_score__gt=0))
        ]

    def __str__(self) -> str:
        return self.name
