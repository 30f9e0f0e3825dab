"""The courses' monthly figures for the officials' dashboards and reports (``core.extensions.Indicator``),
declared by ``courses.apps``.

Each figure is counted per centre (the centre of the course group), with the centre's district, in the
month of the moment it counts (Almaty time). All four are flows, so that a past month's figure never
moves once the month is over unless a record of it is entered late:

- enrolments: bookings confirmed during the month (a seat taken, at once or from the waiting list),
  whatever became of them later;
- completions: bookings completed during the month (the group finished and she attended enough);
- waiting list: mothers put on a waiting list during the month, because the group was full when they
  booked (a stock "on the list at the month's end" cannot be told for past months: when a seat was
  offered is not kept, and a finished group ends its list in bulk);
- certificates issued during the month.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.extensions import FigureRows, Indicator, Source
from core.months import Month
from courses.models import Booking, Certificate

GROUP = _("Courses")
MOTHERS = pgettext_lazy("unit", "mothers")

BOOKING_SOURCES = (Source("courses.Booking", ("waiting_since", "confirmed_at", "completed_at")),)
CERTIFICATE_SOURCES = (Source("courses.Certificate", ("issued_at",)),)

# Booked when the group was full: never confirmed, or confirmed later than booked (from the list).
WAITED = Q(confirmed_at__isnull=True) | Q(confirmed_at__gt=F("waiting_since"))
EVERY = Q()


def _during(model, moment: str, condition: Q = EVERY) -> Callable[[Month], QuerySet]:
    def records(month: Month) -> QuerySet:
        return model.objects.filter(condition, **{f"{moment}__gte": month.start, f"{moment}__lt": month.end})

    return records


def _indicator(code: str, label, unit, note, records: Callable[[Month], QuerySet], *, to_booking: str, order: int) -> Indicator:
    """Counts ``records(month)`` at their group's centre; ``to_booking`` is the path from a record to
    its booking ("" for a booking)."""
    centre = f"{to_booking}group__centre_id"
    district = f"{to_booking}group__centre__district_id"

    def count(month: Month) -> FigureRows:
        rows = records(month).order_by().values_list(district, centre).annotate(value=Count("pk"))
        return rows.values_list(district, centre, "value")

    def families(month: Month, centre_ids: Sequence[int]) -> Q:
        return Q(pk__in=records(month).filter(**{f"{centre}__in": centre_ids}).values(f"{to_booking}family_id"))

    return Indicator(
        code=f"courses.{code}",
        label=label,
        unit=unit,
        note=note,
        count=count,
        sources=CERTIFICATE_SOURCES if to_booking else BOOKING_SOURCES,
        group=GROUP,
        families=families,
        order=order,
    )


INDICATORS = [
    _indicator(
        "enrolments",
        _("Course enrolments"),
        MOTHERS,
        _(
            "Seats in a course group confirmed during the month, at once or from the waiting list, whatever became of them later (a mother who cancelled afterwards was still enrolled)."
        ),
        _during(Booking, "confirmed_at"),
        to_booking="",
        order=50,
    ),
    _indicator(
        "completions",
        _("Courses completed"),
        MOTHERS,
        _("Mothers who completed a course during the month: their group finished and they attended the lessons it asks for."),
        _during(Booking, "completed_at"),
        to_booking="",
        order=51,
    ),
    _indicator(
        "waiting",
        _("Put on a waiting list"),
        MOTHERS,
        _(
            "Mothers who booked a course group during the month when it was full, and went on its waiting list (whether a seat came to them later or not)."
        ),
        _during(Booking, "waiting_since", WAITED),
        to_booking="",
        order=52,
    ),
    _indicator(
        "certificates",
        _("Certificates issued"),
        pgettext_lazy("unit", "certificates"),
        _("Course certificates issued during the month."),
        _during(Certificate, "issued_at"),
        to_booking="booking__",
        order=53,
    ),
]
