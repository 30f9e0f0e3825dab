"""Factories for the dashboards' archived reports (rows only: no files are rendered; the services'
own tests build real ones with ``dashboards.services.report_build``)."""

import hashlib

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from core.months import Month
from dashboards.models import CITY, MonthlyReport, ReportApproval, ReportBuild, ReportFile
from tests.factories import DistrictOfficialFactory

LAST_YEAR = Month(2025, 11)


class MonthlyReportFactory(DjangoModelFactory):
    """A district's report (``district=None`` for the city's)."""

    class Meta:
        model = MonthlyReport

    district = factory.SubFactory("tests.factories.DistrictFactory")
    scope = factory.LazyAttribute(lambda report: report.district.code if report.district else CITY)
    month = LAST_YEAR.first_day
    version = factory.Sequence(lambda n: n + 1)
    as_of = factory.LazyFunction(timezone.now)
    figures = factory.LazyAttribute(lambda report: {"scope": report.scope, "month": str(report.month)})
    checksum = factory.LazyAttribute(lambda report: hashlib.sha256(repr(report.figures).encode()).hexdigest())


class ReportFileFactory(DjangoModelFactory):
    class Meta:
        model = ReportFile

    report = factory.SubFactory(MonthlyReportFactory)
    language = "kk"
    kind = ReportFile.Kind.PDF
    file = factory.Sequence(lambda n: f"private/reports/aa/report-{n}")
    sha256 = "0" * 64
    size = 1


class ReportApprovalFactory(DjangoModelFactory):
    class Meta:
        model = ReportApproval

    report = factory.SubFactory(MonthlyReportFactory)
    approved_by = factory.LazyAttribute(lambda approval: DistrictOfficialFactory(district=approval.report.district))
    comment = "Көрсеткіштер тексерілді."


class ReportBuildFactory(DjangoModelFactory):
    class Meta:
        model = ReportBuild

    district = factory.SubFactory("tests.factories.DistrictFactory")
    scope = factory.LazyAttribute(lambda build: build.district.code if build.district else CITY)
    month = LAST_YEAR.first_day
    requested_by = factory.LazyAttribute(lambda build: DistrictOfficialFactory(district=build.district))


def reports_of(district) -> None:
    """A report of the district with a file, its approval and a rebuild asked for; and the city's report."""
    report = MonthlyReportFactory(district=district)
    ReportFileFactory(report=report)
    ReportApprovalFactory(report=report)
    ReportBuildFactory(district=district, report=report, status=ReportBuild.Status.DONE, steps_done=1)
    MonthlyReportFactory(district=None)
