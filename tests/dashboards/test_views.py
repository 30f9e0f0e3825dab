"""The dashboards as officials and the centre head see them: their own place only, numbers only,
small numbers concealed, the families behind a figure for the centre head, a fixed query count."""

import pytest
from bs4 import BeautifulSoup

from core.months import Month
from dashboards.services import rollups_refresh
from tests.dashboards.conftest import NOVEMBER, almaty
from tests.factories import CentreHeadFactory, CityOfficialFactory, DistrictOfficialFactory
from tests.families.factories import FamilyFactory, VisitFactory
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def families(registrar, count, **kwargs):
    return [FamilyFactory(registrar=registrar, created_at=almaty(NOVEMBER, 5), **kwargs) for _ in range(count)]


def now_cell(response, code):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one(f'[data-testid=comparison] tr[data-indicator="{code}"] [data-testid=now]').get_text(strip=True)


@pytest.fixture
def seeded(almaly_registrar, bostandyk_registrar):
    families(almaly_registrar, 7, is_large=True)
    families(bostandyk_registrar, 3, is_large=True)
    rollups_refresh(months=[NOVEMBER])


def test_the_district_official_sees_her_district_s_figures_and_no_name(client, seeded, almaly):
    official = DistrictOfficialFactory(district=almaly.district)
    sign_in(client, official.username)
    response = client.get("/kk/dashboards/", {"month": str(NOVEMBER)})
    assert response.status_code == 200
    assert now_cell(response, "families.large") == "7"
    assert "Нұрланова" not in response.content.decode()  # the mothers' last name (tests.families.factories)
    assert b'data-testid="as-of"' in response.content


def test_a_district_official_asking_for_another_district_still_sees_her_own(client, seeded, bostandyk):
    official = DistrictOfficialFactory(district=bostandyk.district)
    sign_in(client, official.username)
    response = client.get("/kk/dashboards/", {"month": str(NOVEMBER), "district": "almaly"})
    assert now_cell(response, "families.large") == "<5"  # Bostandyk's three, concealed


def test_the_city_official_sees_every_district_side_by_side_with_a_rank_and_the_total_concealed_with_one_small_district(
    client, seeded
):
    sign_in(client, CityOfficialFactory().username)
    response = client.get("/ru/dashboards/city/", {"month": str(NOVEMBER), "sort": "families.large", "descending": "on"})
    rows = BeautifulSoup(response.content, "html.parser").select("[data-testid=districts] tbody tr")
    ranks = [(row.select_one("td").get_text(strip=True), row.select_one("th").get_text(strip=True)) for row in rows]
    assert ranks[0] == ("1", "Алмалинский район")
    assert ("—", "Бостандыкский район") in ranks  # concealed: no rank
    total = BeautifulSoup(response.content, "html.parser").select("[data-testid=districts] tfoot td")
    large = [indicator.code for indicator in response.context["board"].indicators].index("families.large")
    assert total[large + 1].get_text(strip=True) == "×"  # 10 - 7 would give Bostandyk's 3 back


def test_the_centre_head_sees_her_centre_and_the_families_behind_a_figure(client, seeded, almaly, almaly_registrar):
    head = CentreHeadFactory(centre=almaly)
    sign_in(client, head.username)
    response = client.get("/kk/dashboards/", {"month": str(NOVEMBER)})
    assert now_cell(response, "families.large") == "7"
    listed = client.get("/kk/dashboards/figures/families.large/families/", {"month": str(NOVEMBER)})
    assert listed.status_code == 200
    assert len(BeautifulSoup(listed.content, "html.parser").select("tbody tr a")) == 7


def test_a_month_to_come_or_a_wrong_one_is_refused_with_a_message_and_the_page_still_shows(client, seeded, almaly):
    sign_in(client, DistrictOfficialFactory(district=almaly.district).username)
    for month in ("2999-01", "қараша"):
        response = client.get("/kk/dashboards/", {"month": month})
        assert response.status_code == 400
        assert b"invalid-feedback" in response.content


@pytest.mark.parametrize("count", [1, 25])
def test_the_city_dashboard_costs_the_same_queries_for_one_family_or_many(
    client, almaly_registrar, django_assert_num_queries, count
):
    families(almaly_registrar, count, is_large=True)
    for _ in range(count):
        VisitFactory(family__registrar=almaly_registrar, arrived_at=almaty(NOVEMBER, 6))
    rollups_refresh(months=[NOVEMBER])
    client.force_login(CityOfficialFactory())
    client.get("/ru/dashboards/city/")  # the first request of a session notes when she was last seen
    # the user, the centres, the figures (13 months), the time they are as of, and the grants'
    # ledger (the budgets with their sums approved and paid out)
    with django_assert_num_queries(5):
        client.get("/ru/dashboards/city/", {"month": str(NOVEMBER)})
    # the same board again before the next refresh: the user, as of (the board kept in the cache)
    with django_assert_num_queries(2):
        client.get("/ru/dashboards/city/", {"month": str(NOVEMBER)})


@pytest.mark.parametrize("count", [1, 25])
def test_the_district_dashboard_costs_the_same_queries_for_one_family_or_many(
    client, almaly, almaly_registrar, django_assert_num_queries, count
):
    families(almaly_registrar, count, is_large=True)
    rollups_refresh(months=[NOVEMBER])
    client.force_login(DistrictOfficialFactory(district=almaly.district))
    client.get("/kk/dashboards/")
    # the user, her district, its centres (the filter's choices and the figures'), the figures, as of,
    # and the grants' ledger (the budgets with her district's allocations and their sums approved and paid)
    with django_assert_num_queries(7):
        client.get("/kk/dashboards/", {"month": str(NOVEMBER)})


def test_the_officials_land_on_their_figures(client, almaly):
    official = DistrictOfficialFactory(district=almaly.district)
    response = sign_in(client, official.username)
    assert response["Location"] == "/kk/dashboards/"


def test_the_current_month_is_shown_by_default(client, seeded, almaly):
    sign_in(client, DistrictOfficialFactory(district=almaly.district).username)
    assert client.get("/kk/dashboards/").context["board"].month == Month.current()


def test_a_board_is_kept_between_refreshes_and_the_next_refresh_shows_the_new_figures(client, seeded, almaly, almaly_registrar):
    sign_in(client, DistrictOfficialFactory(district=almaly.district).username)
    assert now_cell(client.get("/kk/dashboards/", {"month": str(NOVEMBER)}), "families.large") == "7"
    families(almaly_registrar, 2, is_large=True)

    kept = client.get("/kk/dashboards/", {"month": str(NOVEMBER)}, headers={"HX-Request": "true"})
    rollups_refresh(months=[NOVEMBER])
    refreshed = client.get("/kk/dashboards/", {"month": str(NOVEMBER)})

    assert kept.status_code == 200 and b"<html" not in kept.content  # the partial alone, for htmx
    assert now_cell(kept, "families.large") == "7"  # the roll-ups had not counted them yet either
    assert now_cell(refreshed, "families.large") == "9"


def test_officials_of_two_districts_never_get_each_other_s_kept_board(client, seeded, almaly, bostandyk):
    client.force_login(DistrictOfficialFactory(district=almaly.district))
    assert now_cell(client.get("/kk/dashboards/", {"month": str(NOVEMBER)}), "families.large") == "7"
    client.force_login(DistrictOfficialFactory(district=bostandyk.district))

    response = client.get("/kk/dashboards/", {"month": str(NOVEMBER)})

    assert now_cell(response, "families.large") == "<5"
