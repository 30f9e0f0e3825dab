"""The apps' ledgers on the boards, in the exports and in the monthly report: the grants' budget used per
programme for the city and a district, none on a centre's board, and an archived report that keeps the
money as it was."""

import datetime as dt
from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from core.months import Month
from dashboards import documents, selectors
from dashboards.models import StaleMonth
from dashboards.services import report_build, rollups_refresh
from grants.models import Application, Budget, Status
from tests.factories import CentreHeadFactory, CityOfficialFactory, DistrictOfficialFactory
from tests.grants import conftest as grants_fixtures
from tests.grants.factories import ProgrammeFactory, brought_to, budget_for, eligible_family
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db
# The grants' fixtures: the uploads in a scratch folder, an open round with an Almaly allocation.
_media, round_ = grants_fixtures._media, grants_fixtures.round_


def ledger_rows(response) -> list[list[str]]:
    table = BeautifulSoup(response.content, "html.parser").select_one("[data-testid=ledger]")
    text = [[cell.get_text(" ", strip=True) for cell in row.select("th, td")] for row in table.select("tbody tr")]
    return [[cell.replace("\xa0", " ").replace("\u202f", " ") for cell in row] for row in text]


def test_the_city_official_sees_each_programme_s_budget_and_the_district_official_her_allocation(client, round_, almaly):
    brought_to(Status.APPROVED, round_, eligible_family(registrar__centre=almaly))
    rollups_refresh(months=[Month.current()])
    sign_in(client, CityOfficialFactory().username, language="ru")
    [city] = ledger_rows(client.get("/ru/dashboards/city/"))
    assert city == [str(round_.programme), "10 000 000 ₸", "400 000 ₸", "0 ₸", "9 600 000 ₸", "4,0 %"]

    client.logout()
    sign_in(client, DistrictOfficialFactory(district=almaly.district).username)
    [district] = ledger_rows(client.get("/kk/dashboards/"))
    assert district[1:] == ["5 000 000 ₸", "400 000 ₸", "0 ₸", "4 600 000 ₸", "8,0 %"]


def test_a_centre_s_board_has_no_ledger(client, round_, almaly):
    sign_in(client, CentreHeadFactory(centre=almaly).username)
    response = client.get("/kk/dashboards/")
    assert response.status_code == 200 and b'data-testid="ledger"' not in response.content


def test_a_new_approval_shows_on_the_kept_board_after_the_next_refresh(client, round_, almaly):
    rollups_refresh(months=[Month.current()])
    sign_in(client, CityOfficialFactory().username, language="ru")
    assert ledger_rows(client.get("/ru/dashboards/city/"))[0][2] == "0 ₸"
    brought_to(Status.APPROVED, round_, eligible_family(registrar__centre=almaly))
    assert ledger_rows(client.get("/ru/dashboards/city/"))[0][2] == "0 ₸"  # the board as of the last refresh
    rollups_refresh()
    assert ledger_rows(client.get("/ru/dashboards/city/"))[0][2] == "400 000 ₸"


def test_a_budget_changed_without_a_stale_month_shows_after_the_next_refresh(client, round_):
    # A budget is no indicator's source: nothing marks a month stale, yet every refresh moves the
    # board's "as of", and with it the key of the board kept in the cache.
    rollups_refresh(months=[Month.current()])
    sign_in(client, CityOfficialFactory().username, language="ru")
    assert ledger_rows(client.get("/ru/dashboards/city/"))[0][1] == "10 000 000 ₸"
    Budget.objects.update(amount=12_000_000)
    assert not StaleMonth.objects.exists()
    assert ledger_rows(client.get("/ru/dashboards/city/"))[0][1] == "10 000 000 ₸"
    rollups_refresh()
    assert ledger_rows(client.get("/ru/dashboards/city/"))[0][1] == "12 000 000 ₸"


def test_the_board_s_pdf_has_the_ledger_s_title_and_amounts(round_, almaly):
    brought_to(Status.APPROVED, round_, eligible_family(registrar__centre=almaly))
    with translation.override("ru"):
        board = selectors.dashboard(selectors.Place(almaly.district), Month.current())
        pdf = PdfReader(BytesIO(documents.pdf_bytes(board)))
    text = " ".join(page.extract_text() for page in pdf.pages).replace("\xa0", " ").replace("\u202f", " ")
    assert "Использование бюджета по программам" in text
    assert "5 000 000 ₸" in text and "4 600 000 ₸" in text  # her district's allocation and what remains of it


def test_the_export_has_a_sheet_of_the_ledger_with_amounts_as_numbers(round_, almaly):
    brought_to(Status.APPROVED, round_, eligible_family(registrar__centre=almaly))
    with translation.override("ru"):
        board = selectors.dashboard(selectors.Place(), Month.current())
        sheet = load_workbook(BytesIO(documents.xlsx_bytes(board))).worksheets[-1]
    assert "Использование бюджета по программам".startswith(sheet.title)  # Excel keeps 31 letters of a name
    assert [cell.value for cell in sheet[1]][:3] == ["Программа", "Бюджет, ₸", "Одобрено, ₸"]
    assert [cell.value for cell in sheet[2]][1:3] == [10_000_000, 400_000]


def test_an_archived_report_keeps_the_money_as_it_was_when_a_later_approval_comes(round_, almaly):
    month = Month.current().shifted(-1)
    Budget.objects.update(year=month.year)  # the round's budget is the year of the month reported
    first = brought_to(Status.APPROVED, round_, eligible_family(registrar__centre=almaly))
    inside = month.end - dt.timedelta(hours=1)
    Application.objects.filter(pk=first.pk).update(decided_at=inside)
    rollups_refresh(months=[month])

    report = report_build(scope="city", month=month, announce=False)
    assert report.figures["ledgers"]["grants.budget"][round_.programme.code] == [10_000_000, 400_000, 0, 9_600_000, 4.0]

    late = brought_to(Status.APPROVED, round_, eligible_family(registrar__centre=almaly))
    Application.objects.filter(pk=late.pk).update(decided_at=inside)
    report.refresh_from_db()
    assert report.figures["ledgers"]["grants.budget"][round_.programme.code][1] == 400_000
    again = report_build(scope="city", month=month, announce=False)
    assert again.version == report.version + 1
    assert again.figures["ledgers"]["grants.budget"][round_.programme.code][1] == 800_000


@pytest.mark.parametrize("programmes", [1, 3])
def test_the_boards_cost_one_query_for_the_ledger_whatever_the_number_of_programmes(
    client, round_, almaly, django_assert_num_queries, programmes
):
    for index in range(1, programmes):
        budget_for(ProgrammeFactory(code=f"programme-{index}"), districts=[almaly.district])
    brought_to(Status.APPROVED, round_, eligible_family(registrar__centre=almaly))
    assert Budget.objects.count() == programmes
    rollups_refresh(months=[Month.current()])
    client.force_login(CityOfficialFactory())
    client.get("/ru/dashboards/city/")  # the first request of a session notes when she was last seen
    # the user, the centres, the figures, as of, the ledger (as in tests/dashboards/test_views.py)
    with django_assert_num_queries(5):
        response = client.get("/ru/dashboards/city/", {"month": str(Month.current())})
    assert len(ledger_rows(response)) == programmes

    client.force_login(DistrictOfficialFactory(district=almaly.district))
    client.get("/kk/dashboards/")
    # the user, her district, its centres twice, the figures, as of, the ledger
    with django_assert_num_queries(7):
        response = client.get("/kk/dashboards/", {"month": str(Month.current())})
    assert len(ledger_rows(response)) == programmes
