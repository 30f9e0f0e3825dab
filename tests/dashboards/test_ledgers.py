"""The apps' ledgers on the boards, in the exports and in the monthly report: the grants' budget used per
programme for the city and a district, none on a centre's board, and an archived report that keeps the
money as it was."""

import datetime as dt
from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from core.months import Month
from dashboards import documents, selectors
from dashboards.services import report_build, rollups_refresh
from grants.models import Application, Budget, Status
from tests.factories import CentreHeadFactory, CityOfficialFactory, DistrictOfficialFactory
from tests.grants import conftest as grants_fixtures
from tests.grants.factories import brought_to, eligible_family
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


def test_the_export_has_a_sheet_of_the_ledger_with_amounts_as_numbers(round_, almaly):
    from django.utils import translation

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


def test_the_ledger_costs_the_same_queries_for_one_programme_or_three(round_, almaly, django_assert_num_queries):
    from tests.grants.factories import ProgrammeFactory, budget_for

    def asked() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            board = selectors.dashboard(selectors.Place(almaly.district), Month.current())
        assert len(board.ledgers[0].rows) == Budget.objects.count()
        return len(queries)

    one = asked()
    for _ in range(2):
        budget_for(ProgrammeFactory(), districts=[almaly.district])
    assert asked() == one
