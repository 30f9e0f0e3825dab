"""Reads of the dashboards: figures from the roll-ups only (never the registry's tables), concealed as
``dashboards.suppression`` says, for a place (the city, a district or a centre) and a month.

A place's figure for a month is always worked out the same way, so that it is the same on every page,
export and report: a centre's is its own; a district's is the total of its centres (concealed when
exactly one of them is); the city's is the total of the districts, as shown.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from centres.models import Centre, District
from core.extensions import Indicator, Ledger, indicators, ledgers
from core.months import Month
from core.scoping import scope_for
from dashboards.models import CITY, Figure, MonthlyReport, ReportApproval, ReportBuild, RollupState
from dashboards.suppression import HIDDEN, Cell, cell, comparable, table

TREND_MONTHS = 12


@dataclass(frozen=True)
class Place:
    """What a dashboard is of: the city (no district), a district, or one centre of it."""

    district: District | None = None
    centre: Centre | None = None

    @property
    def kind(self) -> str:
        return "centre" if self.centre else "district" if self.district else CITY

    @property
    def name(self) -> str:
        return str(self.centre or self.district or _("Almaty"))

    @property
    def scope(self) -> str:
        return self.district.code if self.district else CITY


@dataclass
class Panel:
    """One indicator on a dashboard: the month against last month and the same month a year ago, and its
    trend over twelve months."""

    indicator: Indicator
    now: Cell
    last: Cell
    year_ago: Cell
    trend: list[tuple[Month, Cell]]

    @property
    def change_from_last(self) -> int | None:
        return comparable(self.now, self.last)

    @property
    def change_from_year_ago(self) -> int | None:
        return comparable(self.now, self.year_ago)

    def chart(self) -> dict:
        """The chart's data for Chart.js (``json_script``): a concealed month is a gap."""
        return {
            "labels": [month.label for month, _cell in self.trend],
            "label": str(self.indicator.label),
            "values": [shown.value for _month, shown in self.trend],
        }


@dataclass
class Breakdown:
    """The month's figures of the parts of a place (the centres of a district, the districts of the
    city), with the place's total."""

    parts: list[tuple[District | Centre, dict[str, Cell]]]
    totals: dict[str, Cell]


@dataclass
class LedgerTable:
    """A ledger's rows for a place and month (``core.extensions.Ledger``)."""

    ledger: Ledger
    rows: list[tuple[str, str, list]]  # (key, label, values)

    def lines(self) -> list[tuple[str, list[tuple]]]:
        """The rows' labels, with each value beside its column's unit."""
        units = [unit for _label, unit in self.ledger.columns]
        return [(label, list(zip(values, units, strict=True))) for _key, label, values in self.rows]


@dataclass
class Dashboard:
    place: Place
    month: Month
    as_of: dt.datetime | None
    indicators: list[Indicator]
    panels: list[Panel]
    breakdown: Breakdown | None = None
    months: list[Month] = field(default_factory=list)
    # The ledgers of a district or the city (a centre keeps no money of its own: none on its board).
    ledgers: list[LedgerTable] = field(default_factory=list)

    def groups(self) -> list[tuple[str, list[Panel]]]:
        grouped: dict[str, list[Panel]] = {}
        for panel in self.panels:
            grouped.setdefault(str(panel.indicator.group), []).append(panel)
        return list(grouped.items())


class _Figures:
    """The roll-ups' values of some months and centres, concealed per place."""

    def __init__(self, rows, centres: Sequence[Centre]) -> None:
        self.values: dict[tuple[str, dt.date], dict[int, int]] = defaultdict(dict)
        for code, month, centre_id, value in rows:
            self.values[(code, month)][centre_id] = value
        self.centres_of: dict[int, list[int]] = defaultdict(list)
        for centre in centres:
            self.centres_of[centre.district_id].append(centre.pk)

    def centre(self, indicator: Indicator, month: Month, centre_id: int) -> Cell:
        return cell(self.values[(indicator.code, month.first_day)].get(centre_id, 0), small_counts=indicator.small_counts)

    def district_parts(self, indicator: Indicator, month: Month, district_id: int) -> tuple[dict[int, Cell], Cell]:
        values = self.values[(indicator.code, month.first_day)]
        parts = {centre_id: values.get(centre_id, 0) for centre_id in self.centres_of[district_id]}
        return table(parts, sum(parts.values()), small_counts=indicator.small_counts)

    def district(self, indicator: Indicator, month: Month, district_id: int) -> Cell:
        return self.district_parts(indicator, month, district_id)[1]

    def city_parts(self, indicator: Indicator, month: Month) -> tuple[dict[int, Cell], Cell]:
        values, hidden = {}, set()
        for district_id in self.centres_of:
            parts, total = self.district_parts(indicator, month, district_id)
            values[district_id] = sum(self.values[(indicator.code, month.first_day)].get(c, 0) for c in parts)
            if total.mark == HIDDEN:
                hidden.add(district_id)
        return table(values, sum(values.values()), small_counts=indicator.small_counts, hidden=frozenset(hidden))

    def place(self, indicator: Indicator, month: Month, place: Place) -> Cell:
        if place.centre:
            return self.centre(indicator, month, place.centre.pk)
        if place.district:
            return self.district(indicator, month, place.district.pk)
        return self.city_parts(indicator, month)[1]


def rollups_as_of() -> dt.datetime | None:
    return RollupState.objects.filter(pk=1).values_list("as_of", flat=True).first()


def _centres(place: Place) -> list[Centre]:
    if place.centre:
        return [place.centre]
    centres = Centre.objects.select_related("district").order_by("district__name", "name")
    return list(centres.filter(district=place.district) if place.district else centres)


_ASK = object()


def dashboard(place: Place, month: Month, *, with_breakdown: bool = True, as_of=_ASK) -> Dashboard:
    """A place's dashboard for ``month``: three queries (the centres, the figures, the time they are as
    of — one fewer when the caller read ``rollups_as_of()`` already and passes it), and for a district
    or the city those of its ledgers (a fixed number each)."""
    months = month.shifted(-TREND_MONTHS).until(month)
    centres = _centres(place)
    rows = Figure.objects.filter(month__in=[m.first_day for m in months], centre__in=[c.pk for c in centres]).values_list(
        "indicator", "month", "centre_id", "value"
    )
    figures = _Figures(rows, centres)
    shown = indicators()
    panels = []
    for indicator in shown:
        trend = [(m, figures.place(indicator, m, place)) for m in months]
        panels.append(Panel(indicator, trend[-1][1], trend[-2][1], trend[0][1], trend[-TREND_MONTHS:]))
    result = Dashboard(place, month, rollups_as_of() if as_of is _ASK else as_of, shown, panels, months=months[-TREND_MONTHS:])
    if with_breakdown and not place.centre:
        result.breakdown = _breakdown(place, month, figures, centres, shown)
    if not place.centre:
        result.ledgers = [LedgerTable(ledger, ledger.rows(place.district, month)) for ledger in ledgers()]
    return result


def _breakdown(place: Place, month: Month, figures: _Figures, centres: list[Centre], shown: list[Indicator]) -> Breakdown:
    if place.district:
        part_list: list[District | Centre] = list(centres)
        split = {i.code: figures.district_parts(i, month, place.district.pk) for i in shown}
    else:
        part_list = sorted({c.district for c in centres}, key=lambda d: d.name)
        split = {i.code: figures.city_parts(i, month) for i in shown}
    parts = [(part, {code: cells[0][part.pk] for code, cells in split.items()}) for part in part_list]
    return Breakdown(parts, {code: cells[1] for code, cells in split.items()})


def ranked(breakdown: Breakdown, code: str, *, descending: bool = True) -> list[tuple[int | None, District | Centre, dict]]:
    """The parts sorted by one indicator, each with its rank. Concealed figures get no rank and come
    last (a rank would tell what they are)."""
    shown = [(part, cells) for part, cells in breakdown.parts if not cells[code].concealed]
    concealed = [(part, cells) for part, cells in breakdown.parts if cells[code].concealed]
    shown.sort(key=lambda item: item[1][code].value or 0, reverse=descending)
    result: list[tuple[int | None, District | Centre, dict]] = []
    for position, (part, cells) in enumerate(shown, 1):
        previous = result[-1] if result else None
        tied = previous is not None and previous[2][code].value == cells[code].value
        result.append((previous[0] if tied and previous else position, part, cells))
    return result + [(None, part, cells) for part, cells in concealed]


# --- Places a user may look at -------------------------------------------------------------------


def own_place(user) -> Place:
    """The place a user's dashboard is of: her centre (centre head), her district (district official)
    or the city."""
    scope = scope_for(user)
    if scope.centre_id is not None:
        centre = Centre.objects.select_related("district").get(pk=scope.centre_id)
        return Place(centre.district, centre)
    if scope.district_ids:
        return Place(District.objects.get(pk=next(iter(scope.district_ids))))
    return Place()


def districts() -> QuerySet:
    return District.objects.order_by("name")


# --- Monthly reports -------------------------------------------------------------------------------


def reports_for(user) -> QuerySet:
    return MonthlyReport.objects.visible_to(user).select_related("district", "approval__approved_by")


def latest_versions(user, month: Month) -> list[MonthlyReport]:
    """The newest version of each report of ``month`` the user sees (the city's first, then the districts')."""
    newest: dict[str, MonthlyReport] = {}
    for report in reports_for(user).filter(month=month.first_day).order_by("scope", "-version"):
        newest.setdefault(report.scope, report)
    return sorted(newest.values(), key=lambda report: (not report.is_city, str(report.district or "")))


def versions_of(report: MonthlyReport) -> QuerySet:
    return MonthlyReport.objects.filter(scope=report.scope, month=report.month).select_related("approval__approved_by")


def latest_version(report: MonthlyReport) -> int:
    return versions_of(report).order_by("-version").values_list("version", flat=True).first() or report.version


def approvals_for(user, month: Month) -> QuerySet:
    return ReportApproval.objects.visible_to(user).filter(report__month=month.first_day).select_related("report", "approved_by")


def builds_for(user) -> QuerySet:
    return ReportBuild.objects.visible_to(user).select_related("district", "report")
