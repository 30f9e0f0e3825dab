"""Attendance per lesson, a group's completion, its certificates, and the daily step of every group
(running from its first day, finished after its last)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_log, record_change
from core.errors import DomainError
from core.locking import lock_timeout
from courses import timeline
from courses.models import Attendance, Booking, Certificate, Group, Lesson
from courses.services.bookings import locked_group


@transaction.atomic
def attendance_mark(*, actor, lesson: Lesson, booking: Booking, present: bool) -> Attendance:
    """One tap: she came, or not. Marked again, the mark changes."""
    if booking.group_id != lesson.group_id or booking.status != Booking.Status.CONFIRMED:
        raise DomainError(_("She holds no seat in this group."))
    if lesson.group.status in (Group.Status.CANCELLED, Group.Status.DRAFT):
        raise DomainError(_("Attendance is marked only in a group that runs."))
    if lesson.day > timezone.localdate():
        raise DomainError(_("This lesson has not taken place yet."))
    with lock_timeout():
        attendance, created = Attendance.objects.select_for_update().get_or_create(
            lesson=lesson, booking=booking, defaults={"present": present, "marked_by": actor}
        )
    if not created and attendance.present != present:
        attendance.present, attendance.marked_by, attendance.marked_at = present, actor, timezone.now()
        attendance.save(update_fields=["present", "marked_by", "marked_at"])
    record_change(actor=actor, subject=booking.family, action="attendance.mark", target=attendance, data={"present": present})
    return attendance


def certificate_issue(*, actor, booking: Booking) -> Certificate:
    """In the caller's transaction: the certificate of a completed booking (once)."""
    certificate, created = Certificate.objects.get_or_create(
        booking=booking, defaults={"initials": Certificate.initials_of(booking.family.mother)}
    )
    if created:
        record_change(actor=actor, subject=booking.family, action="certificate.issue", target=certificate)
    return certificate


@transaction.atomic
def group_finish(*, actor, group: Group) -> list[Certificate]:
    """The group is over: each mother whose attendance reached the group's share completes it and gets
    her certificate. Finishing again issues nothing new."""
    group = locked_group(group)
    if group.status in (Group.Status.CANCELLED, Group.Status.DRAFT):
        raise DomainError(_("A draft or cancelled group is not finished."))
    if group.status == Group.Status.FINISHED:
        raise DomainError(_("This group has already finished."))
    # Lessons held: those on or before today (all of them once the last day has passed).
    held = group.lessons.filter(day__lte=timezone.localdate()).count()
    if held == 0:
        raise DomainError(_("No lesson of this group has taken place yet."))
    group.status = Group.Status.FINISHED
    group.save(update_fields=["status", "updated_at"])
    # Offers and places on the waiting list end with the group.
    Booking.objects.filter(group=group, status__in=[Booking.Status.OFFERED, Booking.Status.WAITING]).update(
        status=Booking.Status.EXPIRED, offered_until=None, ended_at=timezone.now()
    )
    certificates = []
    confirmed = (
        Booking.objects.filter(group=group, status=Booking.Status.CONFIRMED)
        .select_related("family__mother", "group__course", "group__centre")
        .prefetch_related("family__consents")
    )
    attended = dict(
        Attendance.objects.filter(booking__group=group, present=True)
        .values("booking_id")
        .annotate(n=Count("pk"))
        .values_list("booking_id", "n")
    )
    for booking in confirmed:
        if attended.get(booking.pk, 0) * 100 >= group.completion_percent * held:
            booking.completed_at = timezone.now()
            booking.save(update_fields=["completed_at"])
            certificate = certificate_issue(actor=actor, booking=booking)
            timeline.add_entry(booking, kind="courses.completed", actor=actor, code=certificate.code)
            certificates.append(certificate)
    audit_log(actor=actor, action="group.finish", target=group, data={"held": held, "completed": len(certificates)})
    return certificates


def groups_advance(*, today=None) -> dict[str, int]:
    """The daily step: open and full groups whose first day has come run; running groups whose last
    day has passed finish (completions and certificates). One transaction per group."""
    today = today or timezone.localdate()
    started = Group.objects.filter(status__in=[Group.Status.OPEN, Group.Status.FULL], starts_on__lte=today).update(
        status=Group.Status.RUNNING
    )
    finished = 0
    for group in Group.objects.filter(status=Group.Status.RUNNING, ends_on__lt=today).order_by("pk"):
        try:
            group_finish(actor=None, group=group)
        except DomainError:
            continue  # a group with no lesson held is left for the centre head to cancel
        finished += 1
    return {"started": started, "finished": finished}
