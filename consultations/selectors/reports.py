"""The consultations' other reads: follow-ups due and overdue, no-show rates, a family's, a mother's and a
centre's appointments, and the visits' links to theirs. Each asks a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts.models import User
from consultations.models import Appointment, CaseNote
from core.roles import Role

FOLLOW_UP_HORIZON = dt.timedelta(days=7)  # a follow-up is "due" from a week before its date


def local_midnight(day: dt.date, zone) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min).replace(tzinfo=zone)


def _open_follow_up_notes(user) -> QuerySet[CaseNote]:
    later = Appointment.objects.active().filter(
        family_id=OuterRef("appointment__family_id"),
        kind=OuterRef("appointment__kind"),
        starts_at__gt=OuterRef("appointment__starts_at"),
    )
    notes = CaseNote.objects.filter(follow_up_on__isnull=False).exclude(Exists(later))
    if user.role == Role.SPECIALIST:
        return notes.filter(appointment__specialist=user)
    return notes.filter(appointment__centre_id=user.centre_id)


def open_follow_ups(user) -> QuerySet[CaseNote]:
    """Follow-ups not yet taken up: a note with a follow-up date and no later appointment (booked or
    held) of the same kind for the family. A specialist sees hers; a centre head her centre's."""
    # Without the note's words: the lists of follow-ups show whose and when, never what.
    rows = (
        _open_follow_up_notes(user)
        .defer("summary", "advice", "outcome")
        .select_related("appointment__family__mother", "appointment__specialist")
    )
    return rows.order_by("follow_up_on", "pk")


def follow_ups(user, *, today: dt.date | None = None) -> tuple[list[CaseNote], list[CaseNote]]:
    """(due within a week, overdue), one query."""
    today = today or timezone.localdate()
    rows = list(open_follow_ups(user).filter(follow_up_on__lte=today + FOLLOW_UP_HORIZON))
    due = [note for note in rows if note.follow_up_on is not None and note.follow_up_on >= today]
    return due, [note for note in rows if note not in due]


def follow_up_counts(user, *, today: dt.date | None = None) -> tuple[int, int]:
    """How many ``follow_ups`` are (due within a week, overdue): one query that reads no note."""
    today = today or timezone.localdate()
    counts = _open_follow_up_notes(user).aggregate(
        due=Count("pk", filter=Q(follow_up_on__gte=today, follow_up_on__lte=today + FOLLOW_UP_HORIZON)),
        overdue=Count("pk", filter=Q(follow_up_on__lt=today)),
    )
    return counts["due"], counts["overdue"]


@dataclass(frozen=True)
class NoShowRate:
    specialist: User
    month: dt.date
    held: int
    missed: int

    @property
    def total(self) -> int:
        return self.held + self.missed

    @property
    def rate(self) -> float | None:
        return self.missed / self.total if self.total else None


def no_show_rates(user, *, months: int = 12, today: dt.date | None = None) -> list[NoShowRate]:
    """Per specialist and month (Almaty's months): appointments held and missed, over ``months``."""
    today = today or timezone.localdate()
    first = (today.replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(day=1)
    zone = timezone.get_default_timezone()
    rows = Appointment.objects.filter(
        status__in=[Appointment.Status.DONE, Appointment.Status.NO_SHOW], starts_at__gte=local_midnight(first, zone)
    )
    rows = rows.filter(specialist=user) if user.role == Role.SPECIALIST else rows.filter(centre_id=user.centre_id)
    counted = (
        rows.annotate(month=TruncMonth("starts_at", tzinfo=zone))
        .values("specialist_id", "month")
        .annotate(
            held=Count("pk", filter=Q(status=Appointment.Status.DONE)),
            missed=Count("pk", filter=Q(status=Appointment.Status.NO_SHOW)),
        )
        .order_by("specialist_id", "-month")
    )
    counted = list(counted)
    people = {u.pk: u for u in User.objects.filter(pk__in={row["specialist_id"] for row in counted})}
    rates = [NoShowRate(people[row["specialist_id"]], _as_date(row["month"]), row["held"], row["missed"]) for row in counted]
    return sorted(rates, key=lambda r: (str(r.specialist), -r.month.toordinal()))


def _as_date(month) -> dt.date:
    return month.date() if isinstance(month, dt.datetime) else month


def family_appointments(user, family) -> list[Appointment]:
    """A family's appointments that ``user`` may see, newest first."""
    rows = Appointment.objects.visible_to(user).filter(family=family)
    return list(rows.select_related("specialist", "centre").order_by("-starts_at", "-pk"))


def mother_appointments(user) -> list[Appointment]:
    """The signed-in mother's own appointments, upcoming first then the past (her cabinet)."""
    rows = Appointment.objects.visible_to(user).select_related("specialist", "centre").order_by("-starts_at", "-pk")
    return list(rows[:50])


def centre_appointments(user, *, first: dt.date, last: dt.date) -> QuerySet[Appointment]:
    """The appointments at ``user``'s centre from ``first`` to ``last`` (the export)."""
    zone = timezone.get_default_timezone()
    return (
        Appointment.objects.visible_to(user)
        .filter(
            centre_id=user.centre_id,
            starts_at__gte=local_midnight(first, zone),
            starts_at__lt=local_midnight(last + dt.timedelta(days=1), zone),
        )
        .select_related("family__mother", "specialist")
        .order_by("starts_at", "pk")
    )


def visit_appointments(visits) -> dict[int, list[tuple[str, str]]]:
    """The visit-links hook (``core.extensions.VisitLink``): the appointment each visit is for — the
    family's appointment at the visit's centre on the visit's day (one query for the whole list)."""
    from django.urls import reverse
    from django.utils.formats import date_format
    from django.utils.translation import gettext

    zone = timezone.get_default_timezone()
    days = {timezone.localtime(visit.arrived_at, zone).date() for visit in visits}
    rows = Appointment.objects.active().filter(
        family_id__in={visit.family_id for visit in visits},
        centre_id__in={visit.centre_id for visit in visits},
        starts_at__gte=local_midnight(min(days), zone),
        starts_at__lt=local_midnight(max(days) + dt.timedelta(days=1), zone),
    )
    found: dict[tuple[int, int, dt.date], list[Appointment]] = defaultdict(list)
    for appointment in rows.order_by("starts_at"):
        found[appointment.family_id, appointment.centre_id, timezone.localtime(appointment.starts_at, zone).date()].append(
            appointment
        )
    links: dict[int, list[tuple[str, str]]] = {}
    for visit in visits:
        key = (visit.family_id, visit.centre_id, timezone.localtime(visit.arrived_at, zone).date())
        links[visit.pk] = [
            (
                gettext("Appointment at %(time)s: %(kind)s")
                % {"time": date_format(timezone.localtime(a.starts_at, zone), "H:i"), "kind": a.get_kind_display()},
                reverse("consultations:appointment", args=[a.pk]),
            )
            for a in found.get(key, [])
        ]
    return links
