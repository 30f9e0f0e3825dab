import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from core.months import Month
from dashboards.services import report_build, rollups_refresh
from tests.dashboards.conftest import almaty
from tests.factories import CityOfficialFactory, DistrictOfficialFactory, RegistrarFactory
from tests.families.factories import FamilyFactory
from tests.helpers import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_district_official_reads_a_chart_as_a_table_approves_the_report_and_the_city_official_sees_it(
    page, almaly, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    last_month = Month.current().shifted(-1)
    registrar = RegistrarFactory(centre=almaly)
    for _ in range(6):
        FamilyFactory(registrar=registrar, created_at=almaty(last_month, 10), is_large=True)
    rollups_refresh(months=[last_month, Month.current()])
    report_build(scope="almaly", month=last_month)
    DistrictOfficialFactory(district=almaly.district, username="akim", language="kk", last_name="Оспанова", first_name="Динара")
    CityOfficialFactory(username="city", language="kk")

    sign_in_browser(page, "akim", landing=r"/kk/dashboards/$")
    expect(page.get_by_role("heading", name=re.compile("Көрсеткіштер"))).to_be_visible()
    chart = page.locator("figure", has_text="Көп балалы отбасылар").first
    chart.get_by_text("Кесте түрінде көрсету").click()
    row = chart.get_by_role("row", name=re.compile(re.escape(last_month.label)))
    expect(row).to_contain_text("6")

    page.get_by_role("link", name="Есептер").first.click()
    page.get_by_role("link", name=re.compile(last_month.label)).click()
    page.get_by_role("link", name="Есепті бекіту").click()
    page.get_by_label("Түсініктеме").fill("Деректер орталықпен салыстырылды")
    page.locator("#modal").get_by_role("button", name="Бекіту").click()
    expect(page.get_by_test_id("approval")).to_contain_text("бекітілді")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Қазақша — Excel")).click()
    with open(download.value.path(), "rb") as saved:
        workbook = load_workbook(io.BytesIO(saved.read()))
    assert workbook.sheetnames[0] == "Ай"

    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Шығу").click()
    sign_in_browser(page, "city", landing=r"/kk/dashboards/city/$")
    page.get_by_role("link", name="Есептер").first.click()  # last month's, by default
    reports = page.get_by_test_id("reports")
    expect(reports).to_contain_text("бекітілді")
    expect(reports).to_contain_text("Оспанова")
