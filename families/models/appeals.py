""" "One window" appeals: what a family asks the centre for, followed up to the end, and referrals of
an appeal to outside agencies."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from phonenumber_field.modelfields import PhoneNumberField

from families.models.family import Family, FamilyRecordQuerySet


class Agency(models.Model):
    """An outside agency the centres refer appeals to (akimat departments, employment centre, ...)."""

    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name


class AppealQuerySet(FamilyRecordQuerySet):
    scope_centre_field = "centre"


class Appeal(models.Model):
    """A "one window" appeal: something the family needs that the centre follows up to the end."""

    class Kind(models.TextChoices):
        HOUSING = "housing", _("housing")
        KINDERGARTEN = "kindergarten", _("kindergarten place")
        EMPLOYMENT = "employment", _("employment")
        MATERIAL_AID = "material_aid", _("material aid")
        LEGAL = "legal", _("legal help")
        PSYCHOLOGICAL = "psychological", _("psychological help")
        OTHER = "other", pgettext_lazy("appeal kind", "other")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("appeal status", "open")
        IN_PROGRESS = "in_progress", pgettext_lazy("appeal status", "in progress")
        REFERRED = "referred", pgettext_lazy("appeal status", "referred")
        RESOLVED = "resolved", pgettext_lazy("appeal status", "resolved")
        DECLINED = "declined", pgettext_lazy("appeal status", "declined")

    # Where an appeal may go from each status. Resolved and declined appeals are closed.
    TRANSITIONS = {
        Status.OPEN: {Status.IN_PROGRESS, Status.REFERRED, Status.RESOLVED, Status.DECLINED},
        Status.IN_PROGRESS: {Status.REFERRED, Status.RESOLVED, Status.DECLINED},
        Status.REFERRED: {Status.IN_PROGRESS, Status.RESOLVED, Status.DECLINED},
        Status.RESOLVED: set(),
        Status.DECLINED: set(),
    }
    CLOSED = frozenset({Status.RESOLVED, Status.DECLINED})

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="appeals")
    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, related_name="appeals", verbose_name=_("centre"), db_index=False
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    description = models.TextField(_("what she asks for"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    # Translators: the date an appeal was opened.
    opened_at = models.DateTimeField(pgettext_lazy("date", "opened"), default=timezone.now)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Translators: the date an appeal was closed.
    closed_at = models.DateTimeField(pgettext_lazy("date", "closed"), null=True, blank=True)

    objects = AppealQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        indexes = [models.Index(fields=["centre", "status"], name="appeal_centre_status")]
        constraints = [
            models.CheckConstraint(
                name="appeal_closed_iff_resolved_or_declined",
                condition=(Q(status__in=["resolved", "declined"]) & Q(closed_at__gte=models.F("opened_at")))
                | (~Q(status__in=["resolved", "declined"]) & Q(closed_at__isnull=True)),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED

    def allowed_next(self) -> list[str]:
        return [status for status in self.Status.values if status in self.TRANSITIONS[self.Status(self.status)]]


class AppealStep(models.Model):
    """Each move of an appeal, with who made it and when."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(max_length=16, choices=Appeal.Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Appeal.Status.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.appeal_id}: {self.from_status or '-'} → {self.to_status}"


class ReferralQuerySet(FamilyRecordQuerySet):
    scope_district_field = "appeal__family__district"
    scope_owner_field = "appeal__family__mother_account"
    scope_centre_field = "appeal__centre"
    scope_family_field = "appeal__family_id"

    def overdue(self, today: dt.date):
        return self.filter(outcome_on__isnull=True, due_on__lt=today)


class Referral(models.Model):
    """An appeal sent on to an outside agency, and what came back."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="referrals")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("agency"))
    expected_outcome = models.TextField(_("expected outcome"))
    due_on = models.DateField(_("answer due by"))
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    outcome = models.TextField(_("outcome"), blank=True)
    outcome_on = models.DateField(_("outcome received on"), null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on"], name="referral_open_due", condition=Q(outcome_on__isnull=True))]
        constraints = [
            models.CheckConstraint(
                name="referral_outcome_with_date_and_who",
                condition=(Q(outcome="") & Q(outcome_on__isnull=True) & Q(outcome_recorded_by__isnull=True))
                | (~Q(outcome="") & Q(outcome_on__isnull=False) & Q(outcome_recorded_by__isnull=False)),
            )
        ]

    def __str__(self) -> str:
        return f"{self.appeal_id} → {self.agency_id}"
