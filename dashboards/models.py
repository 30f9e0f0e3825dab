"""The officials' figures: monthly roll-ups of every app's indicators, and the archived monthly reports.

Roll-ups (``Figure``) hold each indicator's value per month and centre; the dashboards read only them.
A saved or deleted record an indicator counts marks its months stale (``StaleMonth``, written in the
record's own transaction by ``dashboards.receivers``), and the refresh recomputes exactly those months
(``dashboards.services.rollups_refresh``). ``RollupMonth`` says when each month was computed, and
``RollupState`` when the last refresh began: every figure on a page is as of then.

A monthly report (``MonthlyReport``) is an archived snapshot: its figures as shown, its files (PDF and
XLSX, Kazakh and Russian, in private storage) and a checksum over both. It is never edited: a rebuild
makes a new version. The district official's approval is a row of its own (``ReportApproval``), and
a build asked for on a page is followed in ``ReportBuild`` (there is no result backend).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.files import PrivateStorage
from core.months import Month
from core.scoping import ScopedQuerySet

CITY = "city"


class Figure(models.Model):
    indicator = models.CharField(max_length=64)
    month = models.DateField()  # the month's first day
    district = models.ForeignKey("centres.District", on_delete=models.CASCADE, related_name="+")
    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    value = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator", "month", "centre"], name="figure_once_per_centre")]
        indexes = [models.Index(fields=["month", "district"], name="figure_month_district")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.month:%Y-%m} @{self.centre_id}: {self.value}"


class StaleMonth(models.Model):
    """A month whose records changed since it was computed: one row per change, only ever inserted, so
    that writers of the same month never wait for each other on a shared row (every visit, booking and
    appointment marks its month). A refresh deletes exactly the rows it read; a change committed while
    it ran stays marked for the next one."""

    month = models.DateField(db_index=True)
    marked_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


class RollupMonth(models.Model):
    month = models.DateField(unique=True)
    computed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} @ {self.computed_at}"


class RollupState(models.Model):
    """One row (created by the migration): its lock lets one refresh run at a time."""

    as_of = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"roll-ups as of {self.as_of}"


class ReportQuerySet(ScopedQuerySet):
    """Figures, not files: officials see their district's reports, the city-wide roles every report."""

    scope_district_field = "district"
    personal = False

    def scope_q(self, scope):
        condition = super().scope_q(scope)
        return condition if scope.all_districts else condition & Q(**{f"{self.scope_district_field}__isnull": False})


class ApprovalQuerySet(ReportQuerySet):
    """An approval or a file is seen with its report."""

    scope_district_field = "report__district"


class MonthlyReport(models.Model):
    """One version of a district's (or the city's) report for a month. Never changed once written."""

    scope = models.CharField(max_length=32)  # "city" or the district's code
    district = models.ForeignKey(
        "centres.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("district")
    )
    month = models.DateField(_("month"))
    version = models.PositiveIntegerField(_("version"))
    built_at = models.DateTimeField(_("built"), default=timezone.now)
    # Empty for the monthly task; otherwise the official who asked for the rebuild.
    built_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    as_of = models.DateTimeField(_("figures as of"))
    figures = models.JSONField()
    checksum = models.CharField(_("checksum (SHA-256)"), max_length=64)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "scope", "-version"]
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        constraints = [
            models.UniqueConstraint(fields=["scope", "month", "version"], name="report_version_once"),
            models.CheckConstraint(
                name="report_city_has_no_district",
                condition=(Q(scope=CITY) & Q(district__isnull=True)) | (~Q(scope=CITY) & Q(district__isnull=False)),
            ),
            models.CheckConstraint(name="report_month_is_a_first_day", condition=Q(month__day=1)),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.month:%Y-%m} v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A monthly report is archived: rebuild it to make a new version.")
        super().save(*args, **kwargs)

    @property
    def period(self) -> Month:
        return Month.of(self.month)

    @property
    def is_city(self) -> bool:
        return self.scope == CITY


class ReportFile(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Excel"

    report = models.ForeignKey(MonthlyReport, on_delete=models.PROTECT, related_name="files", db_index=False)
    language = models.CharField(max_length=2)
    kind = models.CharField(max_length=4, choices=Kind.choices)
    file = models.FileField(upload_to="reports", storage=PrivateStorage())
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()

    objects = ApprovalQuerySet.as_manager()  # seen with its report

    class Meta:
        ordering = ["language", "kind"]
        constraints = [models.UniqueConstraint(fields=["report", "language", "kind"], name="report_file_once")]

    def __str__(self) -> str:
        return f"{self.report} {self.language}.{self.kind}"


class ReportApproval(models.Model):
    report = models.OneToOneField(MonthlyReport, on_delete=models.PROTECT, related_name="approval")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(_("approved"), default=timezone.now)
    comment = models.TextField(_("comment"))

    objects = ApprovalQuerySet.as_manager()

    class Meta:
        verbose_name = _("report approval")
        verbose_name_plural = _("report approvals")

    def __str__(self) -> str:
        return f"{self.report} approved by {self.approved_by_id}"


class ReportBuild(models.Model):
    """A rebuild an official asked for, and how far it has gone (the page polls it)."""

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("report build", "queued")
        RUNNING = "running", pgettext_lazy("report build", "building")
        DONE = "done", pgettext_lazy("report build", "done")
        FAILED = "failed", pgettext_lazy("report build", "failed")

    scope = models.CharField(max_length=32)
    district = models.ForeignKey("centres.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    month = models.DateField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    steps_done = models.PositiveSmallIntegerField(default=0)
    steps_total = models.PositiveSmallIntegerField(default=1)
    finished_at = models.DateTimeField(null=True, blank=True)
    report = models.ForeignKey(MonthlyReport, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(name="build_steps_within_total", condition=Q(steps_done__lte=models.F("steps_total"))),
        ]

    def __str__(self) -> str:
        return f"build {self.scope} {self.month:%Y-%m}: {self.status}"

    @property
    def percent(self) -> int:
        return round(100 * self.steps_done / self.steps_total) if self.steps_total else 0

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
