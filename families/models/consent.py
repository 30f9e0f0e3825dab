from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import PrivateStorage
from core.i18n import PUBLIC_LANGUAGES
from families.models.family import Family, FamilyPartQuerySet


class ConsentText(models.Model):
    """The wording of the consent to personal-data processing that the mother reads, by version. A
    version in force never changes (consents point to it); a better wording is a new version."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    text = models.TextField(_("text"))
    valid_from = models.DateField(_("valid from"))

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")

    def __str__(self) -> str:
        return self.version

    @classmethod
    def current(cls) -> ConsentText | None:
        return cls.objects.filter(valid_from__lte=timezone.localdate()).order_by("-valid_from", "-pk").first()


def consent_scan_path(instance, filename: str) -> str:
    # Kept for migration 0001, which names it. Scans stored this way are still served (their names stay
    # as they are); new ones are stored by core.files.PrivateStorage under random names.
    return f"private/consents/{instance.family_id}/{timezone.now():%Y%m%d%H%M%S}-{filename[-60:]}"


class Consent(models.Model):
    """The mother's consent to the processing of her family's personal data, and its withdrawal."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="consents")
    text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="+", verbose_name=_("text version"))
    language = models.CharField(_("language shown"), max_length=2, choices=PUBLIC_LANGUAGES)
    given_on = models.DateField(_("given on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    scan = models.FileField(_("signed copy"), upload_to="consents", storage=PrivateStorage(), blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    objects = FamilyPartQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="consent_withdrawal_after_consent",
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.family_id} {self.given_on}"
