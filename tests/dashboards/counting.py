"""Helpers of the indicators' tests: a figure as the roll-ups hold it, and the same counted
independently in Python over the records a test created (never the indicator's query)."""

from core.extensions import indicators
from core.months import Month
from dashboards.models import Figure
from dashboards.services import rollups_refresh


def figures(code: str, month: Month) -> dict[int, int]:
    rollups_refresh(months=[month])
    return dict(Figure.objects.filter(indicator=code, month=month.first_day).values_list("centre_id", "value"))


def expected(records, month: Month, moment, centre) -> dict[int, int]:
    counts: dict[int, int] = {}
    for record in records:
        if month.start <= moment(record) < month.end:
            counts[centre(record).pk] = counts.get(centre(record).pk, 0) + 1
    return counts


def assert_declared_in_full(codes: list[str]) -> None:
    """Each of ``codes`` is an installed indicator, in this order, with its label, note, unit, sources,
    group, drill-down and small-number suppression."""
    declared = {indicator.code: indicator for indicator in indicators()}
    assert [code for code in codes if code in declared] == codes
    for code in codes:
        indicator = declared[code]
        assert str(indicator.label) and str(indicator.note) and str(indicator.unit) and indicator.sources
        assert indicator.small_counts and indicator.families is not None and str(indicator.group)
