"""The monthly reports: built once per month and place, archived with their checksum, announced once;
a worker dying halfway leaves no report; a rebuild is a new version; approval by the district's official."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.utils import DatabaseError
from openpyxl import load_workbook
from pypdf import PdfReader

from centres.models import District
from core.errors import DomainError
from core.months import Month
from dashboards.models import MonthlyReport, ReportApproval, ReportBuild, ReportFile
from dashboards.services import monthly_reports_build, report_approve, report_build, report_rebuild_request, reports
from notifications.models import Notification
from tests.dashboards.conftest import NOVEMBER, almaty
from tests.factories import CityOfficialFactory, DistrictOfficialFactory
from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def officials(almaly):
    return DistrictOfficialFactory(district=almaly.district, email="akimat@example.kz"), CityOfficialFactory(
        email="city@example.kz"
    )


def announcements():
    return Notification.objects.filter(template__key="monthly_report_ready")


def test_the_monthly_task_builds_the_city_and_every_district_once_and_announces_once(almaly_registrar, officials):
    for _ in range(6):
        FamilyFactory(registrar=almaly_registrar, created_at=almaty(NOVEMBER, 3), is_large=True)
    built = monthly_reports_build(month=NOVEMBER)
    assert {report.scope for report in built} == {"city", *District.objects.values_list("code", flat=True)}
    almaly = MonthlyReport.objects.get(scope="almaly", month=NOVEMBER.first_day)
    assert almaly.figures["comparison"]["families.large"][0] == [6, ""]
    assert sorted(almaly.files.values_list("language", "kind")) == [("kk", "pdf"), ("kk", "xlsx"), ("ru", "pdf"), ("ru", "xlsx")]
    assert len(almaly.checksum) == 64
    assert sorted(announcements().values_list("to", flat=True)) == ["akimat@example.kz", "city@example.kz"]

    assert monthly_reports_build(month=NOVEMBER) == []
    assert MonthlyReport.objects.count() == len(built)
    assert announcements().count() == 2


def test_a_report_asked_for_only_if_none_exists_is_not_even_drawn_when_one_is_there(almaly_registrar, monkeypatch):
    first = report_build(scope="almaly", month=NOVEMBER)
    drawn = []
    monkeypatch.setattr(reports.documents, "pdf_bytes", lambda *args, **kwargs: drawn.append(args) or b"%PDF")

    assert report_build(scope="almaly", month=NOVEMBER, first_only=True) is None
    assert drawn == []  # the task run again, or seed_demo, draws no PDF only to throw it away
    assert list(MonthlyReport.objects.values_list("pk", flat=True)) == [first.pk]
    assert report_build(scope="city", month=NOVEMBER, first_only=True).version == 1  # another place's is built
    assert len(drawn) == 2  # its PDF in each language


def test_the_report_s_files_open_as_xlsx_and_as_pdf_with_the_kazakh_text_intact(almaly_registrar, officials):
    report = report_build(scope="almaly", month=NOVEMBER)
    files = {}
    for file in report.files.all():
        with file.file.open("rb") as handle:
            files[(file.language, file.kind)] = handle.read()
    workbook = load_workbook(io.BytesIO(files[("kk", "xlsx")]))
    assert len(workbook.sheetnames) == 4  # the month, by centre, 12 months, the budget per programme
    assert workbook["Ай"]["B1"].value == "Өлшем бірлігі"
    pdf = PdfReader(io.BytesIO(files[("kk", "pdf")]))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert str(report.district.name_kk) in text
    assert "Көп балалы отбасылар" in text
    assert "Бағдарламалар бойынша бюджеттің игерілуі" in text  # the grants' ledger (tests/dashboards/test_ledgers.py)


def test_a_worker_killed_halfway_leaves_no_report_no_message_and_no_file(almaly_registrar, officials, monkeypatch, media):
    def killed(*args, **kwargs):
        raise SystemExit("worker killed")

    monkeypatch.setattr(reports, "notify", killed)
    with pytest.raises(SystemExit):
        monthly_reports_build(month=NOVEMBER)
    assert not MonthlyReport.objects.exists() and not ReportFile.objects.exists()
    assert not announcements().exists()
    assert [path for path in media.rglob("*") if path.is_file()] == []
    monkeypatch.undo()
    assert report_build(scope="city", month=NOVEMBER, first_only=True).version == 1  # the next run builds it


def test_a_rebuild_makes_a_new_version_and_the_old_one_stays_as_it_was(almaly_registrar, officials):
    first = report_build(scope="almaly", month=NOVEMBER)
    FamilyFactory(registrar=almaly_registrar, created_at=almaty(NOVEMBER, 4))
    second = report_build(scope="almaly", month=NOVEMBER)
    assert (first.version, second.version) == (1, 2)
    assert MonthlyReport.objects.get(pk=first.pk).checksum == first.checksum
    with pytest.raises(ValueError):
        first.save()


def test_the_database_refuses_to_change_an_archived_report(almaly_registrar):
    report = report_build(scope="almaly", month=NOVEMBER)
    with pytest.raises(DatabaseError), connection.cursor() as cursor:
        cursor.execute("UPDATE dashboards_monthlyreport SET checksum = 'x' WHERE id = %s", [report.pk])


def test_the_district_official_approves_with_a_comment_and_the_city_official_sees_who_and_when(
    client, almaly_registrar, officials
):
    district_official, city_official = officials
    report = report_build(scope="almaly", month=NOVEMBER)
    report_approve(actor=district_official, report=report, comment="Деректер расталды")
    client.force_login(city_official)
    page = client.get("/ru/dashboards/reports/", {"month": str(NOVEMBER)}).content.decode()
    assert district_official.get_full_name() in page
    with pytest.raises(PermissionDenied):  # approved already
        report_approve(actor=district_official, report=MonthlyReport.objects.get(pk=report.pk), comment="Тағы")


def test_an_empty_comment_or_an_older_version_is_refused(almaly_registrar, officials):
    district_official, _city = officials
    first = report_build(scope="almaly", month=NOVEMBER)
    with pytest.raises(DomainError) as empty:
        report_approve(actor=district_official, report=first, comment="   ")
    assert empty.value.field == "comment"
    report_build(scope="almaly", month=NOVEMBER)
    with pytest.raises(DomainError):
        report_approve(actor=district_official, report=first, comment="Расталды")
    assert not ReportApproval.objects.exists()


def test_the_official_of_another_district_cannot_approve(almaly_registrar, bostandyk):
    report = report_build(scope="almaly", month=NOVEMBER)
    with pytest.raises(PermissionDenied):
        report_approve(actor=DistrictOfficialFactory(district=bostandyk.district), report=report, comment="Расталды")


def test_a_rebuild_asked_for_on_the_page_is_built_by_a_worker_and_its_progress_kept(
    django_capture_on_commit_callbacks, almaly_registrar, officials
):
    district_official, _city = officials
    with django_capture_on_commit_callbacks(execute=True):
        build = report_rebuild_request(actor=district_official, scope="almaly", month=NOVEMBER)
    build.refresh_from_db()
    assert build.status == ReportBuild.Status.DONE
    assert build.steps_done == build.steps_total
    assert build.report.version == 1


def test_the_current_month_s_report_cannot_be_built_yet(officials):
    with pytest.raises(DomainError):
        report_rebuild_request(actor=officials[0], scope="almaly", month=Month.current())
