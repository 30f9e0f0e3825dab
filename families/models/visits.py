from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from families.models.family import Family, FamilyRecordQuerySet


class VisitPurpose(models.Model):
    """Why mothers come: a short list with names in every language (a data migration fills it)."""

    code = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("visit purpose")
        verbose_name_plural = _("visit purposes")

    def __str__(self) -> str:
        return self.name


class VisitQuerySet(FamilyRecordQuerySet):
    scope_centre_field = "centre"


class Visit(models.Model):
    class Status(models.TextChoices):
        # Translators: the status of a mother's visit on the front desk's list: still waiting to be
        # seen, or already served.
        WAITING = "waiting", pgettext_lazy("visit status", "waiting")
        SERVED = "served", pgettext_lazy("visit status", "served")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="visits", db_index=False)
    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, related_name="visits", verbose_name=_("centre"), db_index=False
    )
    arrived_at = models.DateTimeField(_("arrived"), default=timezone.now)
    purposes = models.ManyToManyField(VisitPurpose, related_name="visits", verbose_name=_("purpose"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.WAITING)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    served_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("served by")
    )
    served_at = models.DateTimeField(null=True, blank=True)
    what_was_done = models.TextField(_("what was done"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-arrived_at", "-pk"]
        indexes = [
            models.Index(fields=["centre", "-arrived_at"], name="visit_centre_arrived"),
            models.Index(fields=["family", "-arrived_at"], name="visit_family_arrived"),
        ]
        constraints = [
            models.CheckConstraint(
                name="visit_served_has_who_and_when",
                condition=Q(status="waiting", served_by__isnull=True, served_at__isnull=True)
                | Q(status="served", served_by__isnull=False, served_at__gte=models.F("arrived_at")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.family_id}@{self.centre_id} {self.arrived_at:%Y-%m-%d %H:%M}"
