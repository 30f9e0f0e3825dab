import pytest
from django.urls import reverse
from django.utils import translation

from core.extensions import contributions
from core.scoping import has_role
from tests import factories

pytestmark = pytest.mark.django_db

CENTRE_STAFF = [
    factories.RegistrarFactory,
    factories.SpecialistFactory,
    factories.CentreHeadFactory,
    factories.GrantOfficerFactory,
]
OTHERS = [
    factories.DistrictOfficialFactory,
    factories.CityOfficialFactory,
    factories.AdministratorFactory,
    factories.MotherUserFactory,
]


@pytest.mark.parametrize("factory", CENTRE_STAFF + OTHERS, ids=lambda f: f.__name__)
def test_each_role_sees_the_menu_entries_it_may_open_and_they_open(client, almaly, factory):
    if factory in CENTRE_STAFF:
        user = factory(centre=almaly)
    elif factory is factories.DistrictOfficialFactory:
        user = factory(district=almaly.district)
    else:
        user = factory()
    client.force_login(user)
    menu = client.get("/kk/").content.decode().split("</nav>")[0]

    for item in contributions("menu"):
        with translation.override("kk"):
            url = reverse(item.url_name)
        link = f'href="{url}"'
        if has_role(user, item.roles):
            assert link in menu, item.url_name
            assert client.get(url).status_code == 200, item.url_name
        else:
            assert link not in menu, item.url_name


def test_signed_out_visitors_see_no_staff_menu(client):
    menu = client.get("/kk/").content.decode().split("</nav>")[0]
    for item in contributions("menu"):
        with translation.override("kk"):
            assert f'href="{reverse(item.url_name)}"' not in menu
