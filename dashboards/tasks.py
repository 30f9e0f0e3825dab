from celery import shared_task

from dashboards import services


@shared_task
def refresh_rollups() -> None:
    services.rollups_refresh()


@shared_task
def refresh_rollups_nightly() -> None:
    services.rollups_refresh(nightly=True)
    services.reports_orphans_sweep()


@shared_task
def build_monthly_reports() -> None:
    services.monthly_reports_build()


@shared_task
def build_report(build_id: int) -> None:
    from dashboards.services.reports import report_build_run

    report_build_run(build_id=build_id)
