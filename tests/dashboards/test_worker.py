"""The monthly task in a real Celery worker that is killed (SIGKILL) halfway through a report: no
report version, no file row and no message is left, only the files it had written, which nothing
refers to and the nightly sweep removes; the task, handed out again and run once more, builds each
report exactly once and announces it once.

The build is stopped at a known point from outside, with nothing in the code for the test: a lock on
the report files' table makes the worker wait in the middle of its archiving transaction (the report's
row inserted, its files' rows not yet), which the test sees in ``pg_stat_activity``."""

import datetime as dt
import time

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from centres.models import District
from core.months import Month
from dashboards import tasks
from dashboards.models import MonthlyReport, ReportFile
from dashboards.services import reports_orphans_sweep
from notifications.models import Notification
from tests.conftest import use_broker
from tests.factories import CityOfficialFactory, DistrictOfficialFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

WAITING_FOR_THE_FILES_TABLE = """
    SELECT pid FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO "dashboards_reportfile"%%'
"""


def wait_for(predicate, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.1)
    return None


def outside_connection(*, autocommit: bool = False) -> psycopg.Connection:
    """A connection of its own: the lock's must outlive a statement (the test's is in autocommit); the
    watcher's is in autocommit, as ``pg_stat_activity`` is one snapshot for a whole transaction."""
    s = connection.settings_dict
    return psycopg.connect(
        dbname=s["NAME"],
        user=s["USER"],
        password=s["PASSWORD"] or None,
        host=s["HOST"] or "127.0.0.1",
        port=s["PORT"] or 5432,
        autocommit=autocommit,
    )


def files_on_disk(media) -> set[str]:
    return {str(path.relative_to(media)) for path in (media / "private" / "reports").rglob("*") if path.is_file()}


def killed_halfway(blocker, first, media) -> None:
    """Sends the monthly task, waits until its worker is stuck on the lock, kills it, lets the lock go
    and waits until PostgreSQL has ended the dead worker's session."""
    tasks.build_monthly_reports.delay()
    with outside_connection(autocommit=True) as watcher:
        # The worker's first build imports WeasyPrint and matplotlib: long on a busy machine.
        waiting = wait_for(lambda: watcher.execute(WAITING_FOR_THE_FILES_TABLE).fetchone(), timeout=300)
        assert waiting, "".join(first.output)
        # Halfway: the city's four files are written and its report row inserted, not committed.
        assert len(files_on_disk(media)) == 4
        assert not MonthlyReport.objects.exists()

        first.kill()
        blocker.rollback()
        assert wait_for(
            lambda: not watcher.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", waiting).fetchone(), timeout=60
        ), "the killed worker's session is still open"


def test_a_worker_killed_mid_report_leaves_nothing_and_the_task_run_again_builds_each_report_once(
    reference_data, disposable_redis, start_worker, not_eager, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    env = {"MEDIA_ROOT": str(tmp_path), "CELERY_VISIBILITY_TIMEOUT": "2"}
    use_broker(not_eager, disposable_redis.url)
    almaly = District.objects.get(code="almaly")
    DistrictOfficialFactory(district=almaly, email="almaly@example.kz")
    CityOfficialFactory(email="city@example.kz")
    month = Month.current().shifted(-1)

    blocker = outside_connection()
    blocker.execute("LOCK TABLE dashboards_reportfile IN EXCLUSIVE MODE")  # reads pass, inserts wait
    try:
        killed_halfway(blocker, start_worker(disposable_redis.url, **env), tmp_path)
    finally:
        blocker.close()  # the lock goes; the dead worker's transaction can only be rolled back
    assert not MonthlyReport.objects.exists()
    assert not ReportFile.objects.exists()
    assert not Notification.objects.filter(template__key="monthly_report_ready").exists()
    left = files_on_disk(tmp_path)
    assert len(left) == 4  # refer to nothing; a build under way is given an hour before they go
    assert reports_orphans_sweep() == 0
    assert reports_orphans_sweep(now=timezone.now() + dt.timedelta(hours=2)) == 4
    assert files_on_disk(tmp_path) == set()

    # A new worker gets the killed one's task again (acks_late) and then a second run of it.
    second = start_worker(disposable_redis.url, **env)
    tasks.build_monthly_reports.delay()
    ran_twice = wait_for(lambda: "".join(second.output).count("succeeded") >= 2, timeout=600)
    assert ran_twice, "".join(second.output)

    scopes = ["city", *District.objects.values_list("code", flat=True)]
    reports = MonthlyReport.objects.filter(month=month.first_day)
    assert sorted(reports.values_list("scope", "version")) == sorted((scope, 1) for scope in scopes)
    assert ReportFile.objects.count() == 4 * len(scopes)
    assert files_on_disk(tmp_path) == set(ReportFile.objects.values_list("file", flat=True))
    announced = Notification.objects.filter(template__key="monthly_report_ready")
    assert sorted(announced.values_list("to", flat=True)) == ["almaly@example.kz", "city@example.kz"]
