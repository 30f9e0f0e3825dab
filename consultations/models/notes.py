"""What the specialist records after a consultation: the case note (confidential: who reads it is
``consultations.permissions.can_read_note``), and the outcomes the dashboards count."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.models.appointments import Appointment

SUMMARY_MAX = 4000
ADVICE_MAX = 4000
OUTCOME_MAX = 2000


class LegalIssue(models.TextChoices):
    HOUSING = "housing", _("housing")
    ALIMONY = "alimony", _("alimony")
    BENEFITS = "benefits", _("benefits and allowances")
    LABOUR = "labour", _("labour dispute")
    OTHER = "other", _("other")


class SalaryBand(models.TextChoices):
    # Thousands and the tenge sign held with non-breaking spaces (core.money).
    UP_TO_MINIMUM = "up_to_85", _("up to 85 000 ₸")
    TO_150 = "85_150", _("85 000 – 150 000 ₸")
    TO_250 = "150_250", _("150 000 – 250 000 ₸")
    TO_400 = "250_400", _("250 000 – 400 000 ₸")
    OVER_400 = "over_400", _("over 400 000 ₸")


class CaseNote(models.Model):
    """One per held consultation, written by its specialist (the author alone may change it)."""

    appointment = models.OneToOneField(Appointment, on_delete=models.CASCADE, related_name="note")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField(_("summary"))
    advice = models.TextField(_("advice given"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    referrals = models.ManyToManyField("families.Agency", blank=True, related_name="+", verbose_name=_("referred to"))
    # Legal consultations: what the question was about, and whether it was settled.
    legal_issue = models.CharField(_("issue"), max_length=16, choices=LegalIssue.choices, blank=True)
    legal_resolved = models.BooleanField(_("resolved"), null=True, blank=True)
    written_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        indexes = [models.Index(fields=["follow_up_on"], name="case_note_follow_up", condition=Q(follow_up_on__isnull=False))]
        constraints = [
            models.CheckConstraint(
                name="case_note_resolved_only_with_an_issue", condition=~Q(legal_issue="") | Q(legal_resolved__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        # Never the text: a note's name shows in places where its text may not (a log, a shell).
        return f"note {self.pk} of appointment {self.appointment_id}"


class Placement(models.Model):
    """A job an employment consultation found her: the dashboards count them."""

    appointment = models.OneToOneField(Appointment, on_delete=models.CASCADE, related_name="placement")
    employer = models.CharField(_("employer"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    starts_on = models.DateField(_("starts work on"))
    formal = models.BooleanField(_("formal employment (a labour contract)"), default=True)
    salary_band = models.CharField(_("salary"), max_length=16, choices=SalaryBand.choices)

    class Meta:
        verbose_name = _("job placement")
        verbose_name_plural = _("job placements")
        indexes = [models.Index(fields=["starts_on"], name="placement_starts_on")]

    def __str__(self) -> str:
        return f"placement {self.pk} of appointment {self.appointment_id}"
