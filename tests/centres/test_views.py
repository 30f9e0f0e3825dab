import pytest

from tests.factories import (
    CentreFactory,
    CityOfficialFactory,
    DistrictFactory,
    DistrictOfficialFactory,
    MotherUserFactory,
    RegistrarFactory,
)

pytestmark = pytest.mark.django_db

CODES = ["alatau", "almaly", "auezov", "bostandyk", "zhetysu", "medeu", "nauryzbay", "turksib"]


def test_a_registrar_sees_her_centre_and_not_the_others(client, almaly, bostandyk):
    client.force_login(RegistrarFactory(centre=almaly))
    page = client.get("/kk/centres/").content.decode()
    assert almaly.name_kk in page
    assert bostandyk.name_kk not in page


def test_a_centre_page_outside_the_district_is_a_404(client, almaly, bostandyk):
    client.force_login(RegistrarFactory(centre=almaly))
    assert client.get(f"/kk/centres/{almaly.pk}/").status_code == 200
    assert client.get(f"/kk/centres/{bostandyk.pk}/").status_code == 404


def test_a_district_official_sees_the_centre_of_her_district(client, almaly, bostandyk):
    client.force_login(DistrictOfficialFactory(district=bostandyk.district))
    assert client.get(f"/ru/centres/{bostandyk.pk}/").status_code == 200
    assert client.get(f"/ru/centres/{almaly.pk}/").status_code == 404


def test_a_mother_cannot_open_the_staff_pages(client, almaly):
    client.force_login(MotherUserFactory())
    assert client.get("/kk/centres/").status_code == 403
    assert client.get(f"/kk/centres/{almaly.pk}/").status_code == 403


def test_the_centre_page_lists_its_active_staff(client, almaly):
    registrar = RegistrarFactory(centre=almaly, last_name="Нұрланова")
    RegistrarFactory(centre=almaly, last_name="Кеткен", is_active=False)
    client.force_login(registrar)
    page = client.get(f"/kk/centres/{almaly.pk}/").content.decode()
    assert "Нұрланова" in page
    assert "Кеткен" not in page


@pytest.mark.parametrize("count", [1, 8])
def test_the_centre_list_costs_the_same_queries_for_one_centre_or_eight(client, django_assert_num_queries, count):
    for code in CODES[:count]:
        CentreFactory(district=DistrictFactory(code=code))
    client.force_login(CityOfficialFactory())
    client.get("/kk/centres/")  # warm the session
    with django_assert_num_queries(3):  # the user, centres with staff counts, district choices
        response = client.get("/kk/centres/")
    assert len(response.context["centres"]) == count


def test_the_centre_list_filters_by_name_in_either_language(client, almaly, bostandyk):
    client.force_login(CityOfficialFactory())
    response = client.get("/kk/centres/", {"q": bostandyk.name_ru[-6:]})
    assert list(response.context["centres"]) == [bostandyk]


def test_an_htmx_request_gets_only_the_rows_of_the_centre_list(client, almaly):
    client.force_login(CityOfficialFactory())
    partial = client.get("/kk/centres/", headers={"hx-request": "true"}).content.decode()
    full = client.get("/kk/centres/").content.decode()
    assert partial.lstrip().startswith('<div id="centre-rows"')
    assert "<html" not in partial
    assert almaly.name_kk in partial
    assert "<html" in full and 'id="centre-rows"' in full


def test_an_unknown_district_in_the_filter_is_a_message_not_an_error(client, almaly):
    client.force_login(CityOfficialFactory())
    response = client.get("/ru/centres/", {"district": "not-a-number"})
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_centre_phones_are_written_the_portals_way(client, almaly):
    almaly.phone = "+77272720202"
    almaly.save()
    client.force_login(RegistrarFactory(centre=almaly))
    for path in ("/kk/centres/", f"/kk/centres/{almaly.pk}/", "/kk/"):
        page = client.get(path).content.decode()
        assert "8 727 272 02 02" in page and "8 (727)" not in page, path


@pytest.mark.parametrize(("language", "badge"), [("kk", "жабық"), ("ru", "закрыт")])
def test_a_centre_that_no_longer_receives_visitors_is_marked_closed(client, almaly, language, badge):
    almaly.is_active = False
    almaly.save()
    client.force_login(RegistrarFactory(centre=almaly))
    page = client.get(f"/{language}/centres/").content.decode()
    assert f'<span class="badge text-bg-secondary">{badge}</span>' in page
