"""The roll-ups: each installed indicator's figures per month and centre, recomputed for the months
whose records changed.

A refresh runs in one transaction, under the lock of the one ``RollupState`` row: a worker that dies
halfway leaves the figures as they were, and two refreshes never interleave (the frequent one skips
while another runs; the nightly one waits for it). It clears only the stale marks it read, by their
token, so that a record saved while it ran keeps its month marked for the next one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.apps import apps
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from core.extensions import indicators
from core.months import Month
from dashboards.models import Figure, RollupMonth, RollupState, StaleMonth


def stale_mark(months: Iterable[Month]) -> None:
    """The months to recompute: a row each, inserted (never updated, so no lock on a row another writer
    holds). Called in the transaction of the change, so that a change rolled back marks nothing."""
    now = timezone.now()
    StaleMonth.objects.bulk_create([StaleMonth(month=month.first_day, marked_at=now) for month in sorted(set(months))])


def _ended_since_computed(current: Month) -> set[Month]:
    """Months computed while they were still running (last month, on the first night after it)."""
    rows = RollupMonth.objects.filter(month__lt=current.first_day).values_list("month", "computed_at")
    return {Month.of(month) for month, computed_at in rows if computed_at < Month.of(month).end}


def _recompute(month: Month) -> int:
    rows = [
        Figure(indicator=indicator.code, month=month.first_day, district_id=district_id, centre_id=centre_id, value=value)
        for indicator in indicators()
        for district_id, centre_id, value in indicator.count(month)
        if value
    ]
    Figure.objects.filter(month=month.first_day).delete()
    Figure.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


@transaction.atomic
def rollups_refresh(*, nightly: bool = False, months: Iterable[Month] = (), now: dt.datetime | None = None) -> list[Month] | None:
    """Recomputes the stale months and ``months``; at night also the current month (its stocks move
    with the calendar and with the categories' recomputation) and the months that ended after they
    were computed. Returns the months recomputed, or None when another refresh holds the lock."""
    now = now or timezone.now()
    current = Month.current(now)
    state = RollupState.objects.select_for_update(skip_locked=not nightly).filter(pk=1).first()
    if state is None:
        return None
    marks = list(StaleMonth.objects.values_list("pk", "month"))
    wanted = {Month.of(day) for _pk, day in marks} | set(months)
    if nightly:
        wanted |= {current} | _ended_since_computed(current)
    due = sorted(month for month in wanted if month <= current)
    for month in due:
        _recompute(month)
        RollupMonth.objects.update_or_create(month=month.first_day, defaults={"computed_at": now})
    if marks:  # exactly the rows read above: their changes had committed, so the months counted them
        StaleMonth.objects.filter(pk__in=[pk for pk, _day in marks]).delete()
    state.as_of = now
    state.save(update_fields=["as_of"])
    return due


def first_month() -> Month | None:
    """The month of the earliest record any indicator counts."""
    earliest: list[dt.date | dt.datetime] = []
    for indicator in indicators():
        for source in indicator.sources:
            model = apps.get_model(source.model)
            found = model._default_manager.aggregate(**{field: Min(field) for field in source.dates})
            earliest += [value for value in found.values() if value is not None]
    return min((Month.of(value) for value in earliest), default=None)


def rollups_rebuild_all(*, now: dt.datetime | None = None) -> list[Month]:
    """Every month from the first record to the current one (after records were written in bulk,
    without their signals: the demo's seeding)."""
    now = now or timezone.now()
    start = first_month()
    months = start.until(Month.current(now)) if start else []
    return rollups_refresh(nightly=True, months=months, now=now) or []
