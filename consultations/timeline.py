"""The consultations' entries on a family's timeline: the type, the time and the specialist — never
anything of the case note, which stays on the appointment's page for those who may read it."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.kinds import Kind
from core.timeline import TimelineKind
from families.timeline import choice_in_languages, timeline_add

KINDS = [
    TimelineKind("consultations.booked", "calendar-plus", _("Consultation booked: %(kind)s, %(when)s, %(specialist)s")),
    TimelineKind("consultations.moved", "calendar-event", _("Consultation moved: %(kind)s, now %(when)s, %(specialist)s")),
    TimelineKind(
        "consultations.cancelled", "calendar-x", _("Consultation cancelled: %(kind)s, %(when)s, %(specialist)s"), detail="reason"
    ),
    TimelineKind("consultations.done", "calendar-check", _("Consultation held: %(kind)s, %(when)s, %(specialist)s")),
    TimelineKind("consultations.no_show", "calendar-minus", _("Consultation missed: %(kind)s, %(when)s, %(specialist)s")),
]

# The timeline kind of each status an appointment moves to.
STATUS_KINDS = {
    "cancelled": "consultations.cancelled",
    "done": "consultations.done",
    "no_show": "consultations.no_show",
}


def entry_params(appointment, *, specialist_name: str) -> dict:
    """What an entry about ``appointment`` shows: its type (in every language), when (in numbers, the
    same in every language: 26.10.2026 10:00, in the portal's time zone whatever zone is active, as
    the entry is written once for every reader) and the specialist's name."""
    local = timezone.localtime(appointment.starts_at, timezone.get_default_timezone())
    return {
        "kind": choice_in_languages(Kind(appointment.kind)),
        "when": local.strftime("%d.%m.%Y %H:%M"),
        "specialist": specialist_name,
    }


def add_entry(appointment, *, kind: str, actor, **extra) -> None:
    timeline_add(
        family=appointment.family_id,
        kind=kind,
        actor=actor,
        params={**entry_params(appointment, specialist_name=appointment.specialist.get_full_name()), **extra},
        about=appointment,
    )
