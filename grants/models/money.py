"""Paying a grant out in tranches, and the monitoring visits 6 and 12 months after the first one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.files import PrivateStorage
from core.scoping import NOTHING, ScopedQuerySet
from grants.models.applications import Application


class Tranche(models.Model):
    """A payment of part of the approved amount; their sum is kept on the application by a trigger, and
    a check there refuses more than was approved."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="tranches")
    amount = models.DecimalField(_("amount, ₸"), max_digits=12, decimal_places=0)
    paid_on = models.DateField(_("paid on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "paid_on", "pk"]
        constraints = [models.CheckConstraint(name="grants_tranche_positive", condition=Q(amount__gt=0))]

    def __str__(self) -> str:
        return f"{self.application_id} {self.amount}"


class RevenueBand(models.TextChoices):
    NONE = "none", pgettext_lazy("monthly revenue", "none")
    UP_TO_200K = "lt200", pgettext_lazy("monthly revenue", "up to 200,000 ₸")
    UP_TO_500K = "lt500", pgettext_lazy("monthly revenue", "200,000–500,000 ₸")
    OVER_500K = "gt500", pgettext_lazy("monthly revenue", "over 500,000 ₸")


class VisitQuerySet(ScopedQuerySet):
    """Seen by those who see the application (never the panels: a visit is about her business)."""

    def scope_q(self, scope):
        if scope.reference_only:
            return NOTHING
        return Q(application__in=Application.objects.filter(Application.objects.none().scope_q(scope)).values("pk"))


class MonitoringVisit(models.Model):
    """A visit due ``months`` after the first tranche: is the business operating, jobs, revenue."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="visits", db_index=False)
    months = models.PositiveSmallIntegerField()
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("visited on"), null=True, blank=True)
    operating = models.BooleanField(_("business operating"), null=True, blank=True)
    jobs_created = models.PositiveSmallIntegerField(_("jobs created"), null=True, blank=True)
    revenue_band = models.CharField(_("monthly revenue"), max_length=8, choices=RevenueBand.choices, blank=True)
    photo = models.FileField(_("photo"), upload_to="grants", storage=PrivateStorage(), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "months"], name="grants_visit_once"),
            models.CheckConstraint(name="grants_visit_months", condition=Q(months__in=[6, 12])),
            models.CheckConstraint(
                name="grants_visit_done_has_answer", condition=Q(done_on__isnull=True) | Q(operating__isnull=False)
            ),
        ]
        indexes = [models.Index(fields=["done_on", "due_on"], name="grants_visit_due")]

    def __str__(self) -> str:
        return f"{self.application_id} +{self.months}"
