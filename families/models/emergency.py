"""Emergency access ("break-glass"): a member of staff who truly needs a family outside her scope asks
for it with a reason and gets it for a few hours, recorded and shown to the family's centre head."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The longest an emergency access lasts; the database refuses a longer one too.
MAX_HOURS = 4


class EmergencyAccessQuerySet(models.QuerySet):
    def active(self, now: dt.datetime | None = None):
        return self.filter(expires_at__gt=now or timezone.now())


class EmergencyAccess(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("who"), db_index=False
    )
    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+", verbose_name=_("family"))
    reason = models.TextField(_("reason"), max_length=500)
    started_at = models.DateTimeField(_("from"), default=timezone.now)
    expires_at = models.DateTimeField(_("until"))

    objects = EmergencyAccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="emergency_access_time_boxed",
                condition=Q(expires_at__gt=F("started_at")) & Q(expires_at__lte=F("started_at") + dt.timedelta(hours=MAX_HOURS)),
            ),
        ]
        indexes = [models.Index(fields=["user", "family", "expires_at"], name="emergency_access_grant")]

    def __str__(self) -> str:
        return f"{self.user_id}→{self.family_id} until {self.expires_at:%Y-%m-%d %H:%M}"
