"""A family anonymised takes the words of her consultations with it: the case notes' texts go (the
consultations stay for the figures: type, time, status, outcome categories, placements), and a
cancellation's reason loses her names."""

from django.dispatch import receiver

from consultations.models import Appointment, CaseNote
from families.models import Family
from families.signals import family_anonymising


@receiver(family_anonymising, sender=Family, dispatch_uid="consultations.forget_notes")
def forget_notes(sender, *, family, redact, **kwargs) -> None:
    CaseNote.objects.filter(appointment__family=family).update(summary="", advice="", outcome="")
    for appointment in Appointment.objects.filter(family=family).exclude(cancel_reason=""):
        appointment.cancel_reason = redact(appointment.cancel_reason)
        appointment.save(update_fields=["cancel_reason"])
