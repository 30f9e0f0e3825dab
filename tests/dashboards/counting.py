"""Helpers of the indicators' tests: a figure as the roll-ups hold it, and the same counted
independently in Python over the records a test created (never the indicator's query)."""

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
