"""An appointment: a mother with a specialist at a centre, at a time, and what became of it.

A specialist is never booked twice at once and a mother never holds two appointments at once: on
PostgreSQL two exclusion constraints on the time range say so (migration 0002, with btree_gist; only
appointments not cancelled count), behind the booking service's lock-and-check, which gives the
friendly message. On the embedded SQLite of ``make run`` the service's check alone holds.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from consultations.kinds import Channel, Kind
from families.models import Family, FamilyRecordQuerySet

# The longest an appointment lasts: a plan's longest slot (consultations.models.plans, 180 minutes).
LONGEST = dt.timedelta(minutes=180)


class AppointmentQuerySet(FamilyRecordQuerySet):
    """Seen by the staff of the family's district, by the staff of the centre it is at (a specialist:
    every centre she works at) and by the mother herself. Its note is another question:
    ``consultations.permissions.can_read_note``."""

    scope_centre_field = "centre"

    def active(self):
        return self.exclude(status=Appointment.Status.CANCELLED)

    def overlapping(self, starts_at, ends_at):
        """Active appointments that overlap [starts_at, ends_at). The start's lower bound (no appointment
        is longer than ``LONGEST``) lets PostgreSQL read an index range instead of every appointment of
        the specialists asked for."""
        return self.active().filter(starts_at__lt=ends_at, starts_at__gt=starts_at - LONGEST, ends_at__gt=starts_at)


class Appointment(models.Model):
    class Status(models.TextChoices):
        # Translators: an appointment's status.
        BOOKED = "booked", pgettext_lazy("appointment status", "booked")
        DONE = "done", pgettext_lazy("appointment status", "held")
        NO_SHOW = "no_show", pgettext_lazy("appointment status", "did not come")
        CANCELLED = "cancelled", pgettext_lazy("appointment status", "cancelled")

    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="appointments", verbose_name=_("family"), db_index=False
    )
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="appointments_held",
        verbose_name=_("specialist"),
        db_index=False,
    )
    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, related_name="+", verbose_name=_("centre"), db_index=False
    )
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    channel = models.CharField(_("how"), max_length=16, choices=Channel.choices, default=Channel.IN_PERSON)
    video_link = models.URLField(_("video link"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.BOOKED)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    booked_at = models.DateTimeField(default=timezone.now)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # Moves on with every change of time: each change has its own notice to the mother.
    revision = models.PositiveIntegerField(default=0, editable=False)
    # The idempotency key of the outbox's reminder the day before, once one was queued: a move
    # reschedules it, a cancellation withdraws it.
    reminder_key = models.CharField(max_length=100, blank=True, editable=False)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["specialist", "starts_at"], name="appointment_specialist_start"),
            models.Index(fields=["centre", "starts_at"], name="appointment_centre_start"),
            models.Index(fields=["family", "-starts_at"], name="appointment_family_start"),
        ]
        constraints = [
            models.CheckConstraint(name="appointment_ends_after_it_starts", condition=Q(ends_at__gt=F("starts_at"))),
            # As long as a plan's longest slot: the calendars look for a day's appointments from this long
            # before its start, by the index on (specialist, start).
            models.CheckConstraint(
                name="appointment_lasts_at_most_the_longest_slot", condition=Q(ends_at__lte=F("starts_at") + LONGEST)
            ),
            models.CheckConstraint(
                name="appointment_cancelled_with_a_reason",
                condition=Q(status="cancelled") & ~Q(cancel_reason="") | ~Q(status="cancelled") & Q(cancel_reason=""),
            ),
            models.CheckConstraint(
                name="appointment_status_change_has_who_and_when",
                condition=Q(status="booked") | Q(status_changed_by__isnull=False, status_changed_at__isnull=False),
            ),
            models.CheckConstraint(name="appointment_video_link_only_for_video", condition=Q(channel="video") | Q(video_link="")),
        ]

    def __str__(self) -> str:
        return f"{self.family_id} / {self.specialist_id} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("consultations:appointment", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.BOOKED

    @property
    def has_begun(self) -> bool:
        return self.starts_at <= timezone.now()
