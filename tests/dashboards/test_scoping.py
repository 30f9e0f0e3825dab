"""Who sees which archived report: figures, not files (no name, IIN or note in them), so they are
reference data officials may read (``personal = False``), but of their own district only: a district
official sees her district's reports, their files, approvals and rebuilds, not another district's and
not the city's; the city official and administrators see every one."""

import pytest

from dashboards.models import MonthlyReport, ReportApproval, ReportBuild, ReportFile
from tests.dashboards.factories import reports_of
from tests.factories import AdministratorFactory, CityOfficialFactory, DistrictOfficialFactory

pytestmark = pytest.mark.django_db

MODELS = [MonthlyReport, ReportFile, ReportApproval, ReportBuild]


def district_of_each_visible(model, user) -> list:
    field = "report__district" if model in (ReportFile, ReportApproval) else "district"
    return list(model.objects.visible_to(user).values_list(f"{field}__code", flat=True))


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_a_district_official_sees_her_district_s_reports_only_not_another_s_nor_the_city_s(almaly, bostandyk, model):
    reports_of(almaly.district)
    reports_of(bostandyk.district)
    assert MonthlyReport.objects.filter(district=None).count() == 2  # each call adds a city report
    assert district_of_each_visible(model, DistrictOfficialFactory(district=almaly.district)) == ["almaly"]


@pytest.mark.parametrize("viewer", [CityOfficialFactory, AdministratorFactory], ids=["city official", "administrator"])
def test_the_city_official_and_administrators_see_every_report(almaly, bostandyk, viewer):
    reports_of(almaly.district)
    reports_of(bostandyk.district)
    user = viewer()
    for model in MODELS:
        assert model.objects.visible_to(user).count() == model.objects.count() > 0, model
