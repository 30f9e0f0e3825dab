"""The consultations' monthly figures for the officials' dashboards and reports
(``core.extensions.Indicator``), declared by ``consultations.apps``.

Each figure is counted per centre (the centre the consultation was at), with the centre's district, in
the month of the consultation's time in Almaty: consultations held, by type; consultations the mother
did not come to; consultations cancelled; and job placements, in the month the job starts.

Figures only: nothing here reads a case note. A drill-down finds the families behind a figure through
the registry's own scope, as the family page's consultations section does: that a consultation took
place, its type and status are seen by the staff who see the family, whatever its type. A job placement
is an outcome recorded with the note, so its families are offered only to whom reads the employment
notes of the centre (the drill-down is the centre head's, for her own centre:
``consultations.permissions.can_read_note``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from consultations.kinds import Kind
from consultations.models import Appointment, Placement
from core.extensions import FigureRows, Indicator, Source
from core.months import Month

GROUP = _("Consultations")
CONSULTATIONS = pgettext_lazy("unit", "consultations")
Status = Appointment.Status

APPOINTMENT_SOURCES = (Source("consultations.Appointment", ("starts_at",)),)
PLACEMENT_SOURCES = (Source("consultations.Placement", ("starts_on",)),)


def _per_centre(records: QuerySet, centre: str) -> FigureRows:
    """(district, centre, how many) of ``records``, ``centre`` being the path to their centre."""
    return (
        records.order_by()
        .values_list(f"{centre}__district_id", centre)
        .annotate(value=Count("pk"))
        .values_list(f"{centre}__district_id", centre, "value")
    )


def _counted(code: str, label, unit, note, records, *, centre: str, family: str, sources, order: int) -> Indicator:
    """An indicator that counts the records ``records(month)`` gives, at their centre; the families
    behind it are those the records are of (``family``: the path to the family)."""

    def count(month: Month) -> FigureRows:
        return _per_centre(records(month), centre)

    def families(month: Month, centre_ids: Sequence[int]) -> Q:
        return Q(pk__in=records(month).filter(**{f"{centre}__in": centre_ids}).values(family))

    return Indicator(
        code=f"consultations.{code}",
        label=label,
        unit=unit,
        note=note,
        count=count,
        sources=sources,
        group=GROUP,
        families=families,
        order=order,
    )


def _appointments(condition: Q):
    def records(month: Month) -> QuerySet:
        return Appointment.objects.filter(condition, starts_at__gte=month.start, starts_at__lt=month.end)

    return records


def _consultations(code: str, label, note, condition: Q, order: int) -> Indicator:
    return _counted(
        code,
        label,
        CONSULTATIONS,
        note,
        _appointments(condition),
        centre="centre",
        family="family_id",
        sources=APPOINTMENT_SOURCES,
        order=order,
    )


def _placements(month: Month) -> QuerySet:
    return Placement.objects.filter(starts_on__gte=month.first_day, starts_on__lt=month.next_first_day)


INDICATORS = [
    _consultations(
        "legal",
        _("Legal consultations held"),
        _("Legal consultations held during the month (the lawyer recorded them as held), at the centre they took place at."),
        Q(kind=Kind.LEGAL, status=Status.DONE),
        order=40,
    ),
    _consultations(
        "psychological",
        _("Psychological consultations held"),
        _(
            "Psychological consultations held during the month, at the centre they took place at. Only how many: never a word of the notes."
        ),
        Q(kind=Kind.PSYCHOLOGICAL, status=Status.DONE),
        order=41,
    ),
    _consultations(
        "employment",
        _("Employment consultations held"),
        _("Employment consultations held during the month, at the centre they took place at."),
        Q(kind=Kind.EMPLOYMENT, status=Status.DONE),
        order=42,
    ),
    _consultations(
        "no_shows",
        _("Consultations missed"),
        _("Consultations of every type booked for a time during the month that the mother did not come to."),
        Q(status=Status.NO_SHOW),
        order=43,
    ),
    _consultations(
        "cancelled",
        _("Consultations cancelled"),
        _("Consultations of every type booked for a time during the month and cancelled, by the mother or by the centre."),
        Q(status=Status.CANCELLED),
        order=44,
    ),
    _counted(
        "placements",
        _("Job placements"),
        pgettext_lazy("unit", "placements"),
        _(
            "Jobs found through an employment consultation, as its specialist recorded them, in the month the job starts (a job recorded late counts in the month it started)."
        ),
        _placements,
        centre="appointment__centre",
        family="appointment__family_id",
        sources=PLACEMENT_SOURCES,
        order=45,
    ),
]
