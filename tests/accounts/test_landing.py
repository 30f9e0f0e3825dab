"""After signing in, each role lands on the page its work starts from (issue 9, item 20); a page the
sign-in was asked for (``next``) still wins."""

import pytest

from tests import factories
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

DESKS = [
    (factories.RegistrarFactory, "/kk/families/today/"),
    (factories.CentreHeadFactory, "/kk/families/today/"),
    # Her appointments of the day (consultations' desk).
    (factories.SpecialistFactory, "/kk/consultations/my-day/"),
    (factories.GrantOfficerFactory, "/kk/families/"),
    # Officials' dashboards do not exist yet: the centres of their district (or of the city).
    (factories.DistrictOfficialFactory, "/kk/centres/"),
    (factories.CityOfficialFactory, "/kk/centres/"),
    (factories.AdministratorFactory, "/admin/"),
    # Her cabinet (mothers app).
    (factories.MotherUserFactory, "/kk/mothers/cabinet/"),
]


@pytest.mark.parametrize(("factory", "desk"), DESKS, ids=[factory.__name__ for factory, _ in DESKS])
def test_each_role_lands_on_its_desk_after_signing_in(client, factory, desk):
    user = factory(language="kk")
    response = sign_in(client, user.username)
    assert response.status_code == 302
    assert response["Location"] == desk


@pytest.mark.parametrize(("factory", "desk"), DESKS, ids=[factory.__name__ for factory, _ in DESKS])
def test_a_signed_in_user_who_opens_the_sign_in_page_is_sent_to_her_desk(client, factory, desk):
    client.force_login(factory(language="kk"))
    response = client.get("/kk/accounts/login/")
    assert response.status_code == 302
    assert response["Location"] == desk


def test_the_page_the_sign_in_was_asked_for_wins_over_the_desk(client):
    registrar = factories.RegistrarFactory(language="kk")
    response = sign_in(client, registrar.username, next_url="/kk/centres/")
    assert response["Location"] == "/kk/centres/"


def test_the_desk_opens_in_the_language_the_user_chose(client):
    head = factories.CentreHeadFactory(language="ru")
    response = sign_in(client, head.username, language="kk")
    assert response["Location"] == "/ru/families/today/"
