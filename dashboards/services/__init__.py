"""Every write of the dashboards app: the roll-ups (``rollups``) and the monthly reports (``reports``)."""

from dashboards.services.reports import (
    monthly_reports_build,
    report_approve,
    report_build,
    report_rebuild_request,
    reports_orphans_sweep,
)
from dashboards.services.rollups import rollups_rebuild_all, rollups_refresh, stale_mark

__all__ = [
    "monthly_reports_build",
    "report_approve",
    "report_build",
    "report_rebuild_request",
    "reports_orphans_sweep",
    "rollups_rebuild_all",
    "rollups_refresh",
    "stale_mark",
]
