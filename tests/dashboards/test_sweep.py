"""The nightly sweep of report files nothing refers to (a worker that died mid-build leaves them): an
orphan over an hour old goes; a younger one stays (a build under way has not archived it yet), and so
do every archived report's files, however old, and the private files of other apps."""

import os
import time

import pytest
from django.core.files.base import ContentFile

from dashboards import tasks
from dashboards.models import ReportFile
from dashboards.services import report_build, reports_orphans_sweep
from tests.dashboards.conftest import NOVEMBER

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HOURS = 3600


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def storage():
    return ReportFile._meta.get_field("file").storage


def written(folder: str, *, hours_ago: float) -> str:
    name = storage().save(f"{folder}/file", ContentFile(PDF))
    moment = time.time() - hours_ago * HOURS
    os.utime(storage().path(name), (moment, moment))
    return name


def on_disk(media) -> set[str]:
    return {str(path.relative_to(media)) for path in media.rglob("*") if path.is_file()}


def test_the_nightly_task_removes_the_orphans_over_an_hour_old_and_nothing_else(media, almaly):
    report = report_build(scope="almaly", month=NOVEMBER)
    archived = set(report.files.values_list("file", flat=True))
    for name in archived:  # archived long ago: still the report's
        os.utime(storage().path(name), (time.time() - 48 * HOURS,) * 2)
    old_orphans = {written("reports", hours_ago=2), written("reports", hours_ago=30)}
    under_way = written("reports", hours_ago=0.5)
    another_app = written("consents", hours_ago=48)
    assert on_disk(media) == archived | old_orphans | {under_way, another_app}

    tasks.refresh_rollups_nightly()

    assert on_disk(media) == archived | {under_way, another_app}
    for file in report.files.all():  # and they still open
        with file.file.open("rb") as handle:
            assert len(handle.read()) == file.size


def test_with_no_report_ever_built_the_sweep_finds_nothing_to_do(media):
    assert reports_orphans_sweep() == 0
    assert on_disk(media) == set()
