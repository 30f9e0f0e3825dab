"""The grants' monthly figures for the officials (``core.extensions.Indicator``), declared by
``grants.apps``: applications submitted, grants approved and the amounts approved, the amounts paid out,
businesses opened (operating at the 6-month visit) and still operating at the 12-month visit. Each is
counted at the centre where the family registered, with that centre's district, in Almaty months."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.extensions import FigureRows, Indicator, Source
from core.months import Month
from grants.models import Application, MonitoringVisit, Tranche

GRANTS = _("Grants")
TENGE = pgettext_lazy("unit", "₸")
APPLICATIONS = pgettext_lazy("unit", "applications")
BUSINESSES = pgettext_lazy("unit", "businesses")

APPLICATION_SOURCES = (Source("grants.Application", ("submitted_at", "decided_at")),)
TRANCHE_SOURCES = (Source("grants.Tranche", ("paid_on",)),)
VISIT_SOURCES = (Source("grants.MonitoringVisit", ("done_on",)),)


def _rows(queryset: QuerySet, path: str, value) -> FigureRows:
    return [
        (district, centre, int(total or 0))
        for district, centre, total in queryset.order_by()
        .values_list(f"{path}family__centre__district_id", f"{path}family__centre_id")
        .annotate(value=value)
        .values_list(f"{path}family__centre__district_id", f"{path}family__centre_id", "value")
    ]


def _submitted(month: Month) -> QuerySet:
    return Application.objects.filter(submitted_at__gte=month.start, submitted_at__lt=month.end)


def _approved(month: Month) -> QuerySet:
    return Application.objects.filter(approved_amount__isnull=False, decided_at__gte=month.start, decided_at__lt=month.end)


def _paid(month: Month) -> QuerySet:
    return Tranche.objects.filter(paid_on__gte=month.first_day, paid_on__lte=month.last_day)


def _operating(months: int):
    def visits(month: Month) -> QuerySet:
        return MonitoringVisit.objects.filter(
            months=months, operating=True, done_on__gte=month.first_day, done_on__lte=month.last_day
        )

    return visits


def _families(select, path: str = ""):
    def families(month: Month, centre_ids: Sequence[int]) -> Q:
        return Q(pk__in=select(month).filter(**{f"{path}family__centre_id__in": centre_ids}).values(f"{path}family_id"))

    return families


INDICATORS = [
    Indicator(
        code="grants.applications",
        label=_("Grant applications"),
        unit=APPLICATIONS,
        note=_("Grant applications submitted during the month."),
        count=lambda month: _rows(_submitted(month), "", Count("pk")),
        sources=APPLICATION_SOURCES,
        group=GRANTS,
        families=_families(_submitted),
        order=60,
    ),
    Indicator(
        code="grants.approvals",
        label=_("Grants approved"),
        unit=APPLICATIONS,
        note=_("Grant applications approved by the commission during the month."),
        count=lambda month: _rows(_approved(month), "", Count("pk")),
        sources=APPLICATION_SOURCES,
        group=GRANTS,
        families=_families(_approved),
        order=61,
    ),
    Indicator(
        code="grants.approved_amount",
        label=_("Amounts approved"),
        unit=TENGE,
        note=_("The sum of the grants approved during the month."),
        count=lambda month: _rows(_approved(month), "", Sum("approved_amount")),
        sources=APPLICATION_SOURCES,
        group=GRANTS,
        small_counts=False,
        order=62,
    ),
    Indicator(
        code="grants.disbursed",
        label=_("Amounts paid out"),
        unit=TENGE,
        note=_("The sum of the grant tranches paid during the month."),
        count=lambda month: _rows(_paid(month), "application__", Sum("amount")),
        sources=TRANCHE_SOURCES,
        group=GRANTS,
        small_counts=False,
        order=63,
    ),
    Indicator(
        code="grants.businesses_opened",
        label=_("Businesses opened"),
        unit=BUSINESSES,
        note=_("Grant businesses found operating at their 6-month monitoring visit during the month."),
        count=lambda month: _rows(_operating(6)(month), "application__", Count("pk")),
        sources=VISIT_SOURCES,
        group=GRANTS,
        families=_families(_operating(6), "application__"),
        order=64,
    ),
    Indicator(
        code="grants.operating_12",
        label=_("Businesses operating at 12 months"),
        unit=BUSINESSES,
        note=_("Grant businesses found operating at their 12-month monitoring visit during the month."),
        count=lambda month: _rows(_operating(12)(month), "application__", Count("pk")),
        sources=VISIT_SOURCES,
        group=GRANTS,
        families=_families(_operating(12), "application__"),
        order=65,
    ),
]
