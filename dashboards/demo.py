"""The dashboards' demo step: the roll-ups of the whole demo registry (its two years of visits,
appeals and registrations, written in bulk without signals), and last month's city report, once.
The districts' reports are built by the monthly task, or on the reports page ("build again")."""

from __future__ import annotations

import time

from core.months import Month
from dashboards.models import CITY
from dashboards.services import report_build, rollups_rebuild_all


def seed(*, options, out) -> None:
    started = time.monotonic()
    months = rollups_rebuild_all()  # the same figures again when nothing was added: a step tops up
    out(f"Dashboards: roll-ups of {len(months)} months in {time.monotonic() - started:.1f} s")
    started = time.monotonic()
    try:
        # Not announced: a message nobody waits for would stay in the outbox, or go out under `make run`.
        built = report_build(scope=CITY, month=Month.current().shifted(-1), first_only=True, announce=False)
    except OSError as missing:  # WeasyPrint without Pango (a bare machine under `make run`)
        out(f"Dashboards: no demo report, the PDF libraries are missing ({missing})")
        return
    if built:
        out(f"Dashboards: last month's city report built in {time.monotonic() - started:.1f} s")
