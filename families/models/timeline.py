from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from families.models.family import Family, FamilyPartQuerySet


class TimelineEntry(models.Model):
    """One thing that happened to a family, written by the service that did it (any app's), so that
    the family page reads its whole timeline in one query whatever the number of apps.

    ``kind`` is a ``core.timeline.TimelineKind`` code that an app declared; ``params`` are the values its
    title needs, texts that are translated kept in every language; ``ref`` names the record it is about
    (``families.visit:12``), so that a later step can find the entries of a record."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="timeline", db_index=False)
    at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=64)
    params = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    ref = models.CharField(max_length=64, blank=True)

    objects = FamilyPartQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["family", "-at", "-id"], name="timeline_family_at")]

    def __str__(self) -> str:
        return f"{self.family_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"
