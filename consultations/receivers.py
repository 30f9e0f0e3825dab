"""A family anonymised takes the words of her consultations with it: the case notes' texts go (the
consultations stay for the figures: type, time, status, outcome categories, placements), and a
cancellation's reason loses her names. And what changes a centre's week view replaces its token
(``consultations.freshness``)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.models import User
from centres.models import Centre
from consultations import freshness
from consultations.models import Appointment, CaseNote, PlanBreak, TimeOff, WorkingHours, Workplace
from core.roles import Role
from families.models import Family
from families.signals import family_anonymising
from holidays.models import PublicHoliday


@receiver(family_anonymising, sender=Family, dispatch_uid="consultations.forget_notes")
def forget_notes(sender, *, family, redact, **kwargs) -> None:
    CaseNote.objects.filter(appointment__family=family).update(summary="", advice="", outcome="")
    for appointment in Appointment.objects.filter(family=family).exclude(cancel_reason=""):
        appointment.cancel_reason = redact(appointment.cancel_reason)
        appointment.save(update_fields=["cancel_reason"])


# The centres' week views kept in the cache (consultations.freshness): what changes their counts.


def _her_centres(specialist_id) -> list[int]:
    return list(Workplace.objects.filter(specialist_id=specialist_id).values_list("centre_id", flat=True))


@receiver([post_save, post_delete], sender=Appointment, dispatch_uid="consultations.week_appointment")
def appointment_changed(sender, instance: Appointment, **kwargs) -> None:
    # Her time is taken wherever she works, not only where she is booked.
    freshness.weeks_changed([instance.centre_id, *_her_centres(instance.specialist_id)])
    freshness.follow_ups_changed()


@receiver([post_save, post_delete], sender=CaseNote, dispatch_uid="consultations.follow_ups_note")
def note_changed(sender, instance: CaseNote, **kwargs) -> None:
    freshness.follow_ups_changed()


@receiver([post_save, post_delete], sender=Workplace, dispatch_uid="consultations.week_workplace")
@receiver([post_save, post_delete], sender=WorkingHours, dispatch_uid="consultations.week_hours")
@receiver([post_save, post_delete], sender=PlanBreak, dispatch_uid="consultations.week_break")
def plan_changed(sender, instance, **kwargs) -> None:
    # Every centre: a workplace may have moved from another centre, and plans change in the admin only.
    freshness.all_weeks_changed()


@receiver([post_save, post_delete], sender=TimeOff, dispatch_uid="consultations.week_time_off")
def time_off_changed(sender, instance: TimeOff, **kwargs) -> None:
    freshness.weeks_changed(_her_centres(instance.specialist_id))


@receiver([post_save, post_delete], sender=PublicHoliday, dispatch_uid="consultations.week_holiday")
@receiver([post_save, post_delete], sender=Centre, dispatch_uid="consultations.week_centre")
def holiday_changed(sender, instance, **kwargs) -> None:
    # A holiday, or a centre renamed (her day names the centres of her appointments and plans).
    freshness.all_weeks_changed()


@receiver([post_save, post_delete], sender=User, dispatch_uid="consultations.week_specialist")
def specialist_changed(sender, instance: User, update_fields=None, **kwargs) -> None:
    # Her name and specialty are on the week; signing in (the last login saved) changes nothing there.
    if instance.role == Role.SPECIALIST and set(update_fields or ()) != {"last_login"}:
        freshness.weeks_changed(_her_centres(instance.pk))
