"""The dashboards' demo step: the roll-ups of the whole demo registry (its two years of visits,
appeals and registrations, written in bulk without signals), and last month's reports, each once."""

from __future__ import annotations

import time

from dashboards.models import MonthlyReport
from dashboards.services import monthly_reports_build, rollups_rebuild_all


def seed(*, options, out) -> None:
    started = time.monotonic()
    months = rollups_rebuild_all()  # the same figures again when nothing was added: a step tops up
    out(f"Dashboards: roll-ups of {len(months)} months in {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    built = monthly_reports_build()
    out(f"Dashboards: {len(built)} monthly reports built in {time.monotonic() - started:.0f} s ({MonthlyReport.objects.count()} archived)")
