"""Retention: how long the registry keeps what it no longer needs, the holds that keep a family
longer, and the record of each anonymisation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.models import FamilyPartQuerySet

FAMILY_INACTIVITY_DAYS = 1825  # five years without a visit, an appeal or any other app's activity
CONSENT_SCAN_DAYS = 365  # a signed copy is kept a year after its consent was withdrawn or replaced


class RetentionPolicy(models.Model):
    """The periods, edited in the admin. There is one row (``current()`` creates it with the defaults)."""

    family_inactivity_days = models.PositiveIntegerField(
        _("anonymise a family after this many days without activity"),
        default=FAMILY_INACTIVITY_DAYS,
        help_text=_("Activity: registration, a visit, a step of an appeal, a referral, and what other apps record."),
    )
    consent_scan_days = models.PositiveIntegerField(
        _("delete a signed consent this many days after it is superseded"),
        default=CONSENT_SCAN_DAYS,
        help_text=_("Superseded: withdrawn, or replaced by a newer consent."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("retention policy")
        verbose_name_plural = _("retention policy")
        constraints = [
            models.CheckConstraint(name="retention_policy_single_row", condition=Q(pk=1)),
            # Less than a year would anonymise families still being served between two visits.
            models.CheckConstraint(
                name="retention_inactivity_at_least_a_year",
                condition=Q(family_inactivity_days__gte=365),
                violation_error_message=_("A family is kept at least 365 days after its last activity."),
            ),
            models.CheckConstraint(
                name="retention_scan_days_at_least_a_month",
                condition=Q(consent_scan_days__gte=30),
                violation_error_message=_("A signed consent is kept at least 30 days after it is superseded."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Retention policy"))

    @classmethod
    def current(cls) -> RetentionPolicy:
        return cls.objects.get_or_create(pk=1)[0]


class RetentionHold(models.Model):
    """A family the centre head keeps from being anonymised (an open court case, a grant under
    monitoring), until she releases it. At most one hold in force per family."""

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="retention_holds")
    reason = models.TextField(_("reason"))
    held_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("held by"))
    at = models.DateTimeField(_("since"), default=timezone.now)
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    objects = FamilyPartQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("retention hold")
        verbose_name_plural = _("retention holds")
        constraints = [
            models.UniqueConstraint(fields=["family"], condition=Q(released_at__isnull=True), name="retention_one_hold_in_force"),
            models.CheckConstraint(
                name="retention_release_with_who_and_when",
                condition=Q(released_at__isnull=True, released_by__isnull=True)
                | Q(released_at__gte=models.F("at"), released_by__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.family_id} {self.at:%Y-%m-%d}"

    @property
    def in_force(self) -> bool:
        return self.released_at is None


class Anonymisation(models.Model):
    """When and why a family's personal data was removed: its retention period ended, or the mother
    asked to be forgotten (then who carried it out and her reason, with the family's identifiers taken
    out of it)."""

    class Kind(models.TextChoices):
        RETENTION = "retention", _("retention period over")
        FORGET = "forget", _("the mother asked to be forgotten")

    family = models.OneToOneField("families.Family", on_delete=models.CASCADE, related_name="anonymisation")
    kind = models.CharField(_("why"), max_length=16, choices=Kind.choices)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(_("anonymised"), default=timezone.now)

    objects = FamilyPartQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")

    def __str__(self) -> str:
        return f"{self.family_id} {self.kind}"
