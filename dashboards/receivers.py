"""A record an indicator counts was saved or deleted: its months are stale (``StaleMonth``), in the
record's own transaction, so that the roll-ups recompute them and nothing else. Connected by
``dashboards.apps`` for every model an installed indicator names in its ``sources``."""

from __future__ import annotations

from collections import defaultdict

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from core.extensions import Source, indicators
from core.months import Month

_SOURCES: dict[type, list[Source]] = defaultdict(list)


def connect() -> None:
    _SOURCES.clear()
    for indicator in indicators():
        for source in indicator.sources:
            model = apps.get_model(source.model)
            if source not in _SOURCES[model]:
                _SOURCES[model].append(source)
    for model in _SOURCES:
        uid = f"dashboards.stale.{model._meta.label_lower}"
        post_save.connect(record_changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(record_changed, sender=model, dispatch_uid=f"{uid}.delete")


def months_of(record, sources: list[Source], current: Month) -> set[Month]:
    """The months ``record`` counts in, up to the current one."""
    months: set[Month] = set()
    for source in sources:
        for field in source.dates:
            value = getattr(record, field, None)
            if value is None:
                continue
            month = Month.of(value)
            months.update(month.until(current) if source.onward else [month] if month <= current else [])
    return months


def record_changed(sender, instance, **kwargs) -> None:
    from dashboards.services import stale_mark

    if months := months_of(instance, _SOURCES.get(sender, []), Month.current(timezone.now())):
        stale_mark(months)
