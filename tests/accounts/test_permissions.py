import pytest
from django.http import Http404
from django.test import RequestFactory

from accounts.models import User
from centres.models import Centre
from core.roles import Role
from core.scoping import get_visible_or_404, role_required, scope_for
from tests.factories import (
    AdministratorFactory,
    CentreHeadFactory,
    CityOfficialFactory,
    DistrictOfficialFactory,
    MotherUserFactory,
    RegistrarFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_centres(almaly, bostandyk):
    return almaly, bostandyk


def visible_centres(user) -> set:
    return set(Centre.objects.visible_to(user))


def test_centre_staff_see_their_own_district_only(two_centres):
    almaly, bostandyk = two_centres
    assert visible_centres(RegistrarFactory(centre=almaly)) == {almaly}


def test_a_district_official_sees_her_district_only(two_centres):
    almaly, bostandyk = two_centres
    assert visible_centres(DistrictOfficialFactory(district=bostandyk.district)) == {bostandyk}


@pytest.mark.parametrize("factory", [CityOfficialFactory, AdministratorFactory])
def test_city_officials_and_administrators_see_every_district(two_centres, factory):
    assert visible_centres(factory()) == set(two_centres)


def test_a_mother_sees_no_district_records(two_centres):
    assert visible_centres(MotherUserFactory()) == set()


def test_an_anonymous_visitor_sees_nothing(two_centres):
    from django.contrib.auth.models import AnonymousUser

    assert visible_centres(AnonymousUser()) == set()


def test_a_deactivated_account_sees_nothing(two_centres):
    assert visible_centres(RegistrarFactory(centre=two_centres[0], is_active=False)) == set()


def test_fetching_an_object_outside_the_scope_is_a_404_like_a_missing_one(two_centres):
    almaly, bostandyk = two_centres
    registrar = RegistrarFactory(centre=almaly)
    assert get_visible_or_404(Centre, registrar, pk=almaly.pk) == almaly
    with pytest.raises(Http404):
        get_visible_or_404(Centre, registrar, pk=bostandyk.pk)
    with pytest.raises(Http404):
        get_visible_or_404(Centre, registrar, pk=999_999)


def test_a_mother_sees_only_her_own_account_among_users(two_centres):
    mother = MotherUserFactory()
    RegistrarFactory(centre=two_centres[0])
    assert list(User.objects.visible_to(mother)) == [mother]


def test_a_centre_head_sees_the_accounts_of_her_district(two_centres):
    almaly, bostandyk = two_centres
    head = CentreHeadFactory(centre=almaly)
    colleague = RegistrarFactory(centre=almaly)
    official = DistrictOfficialFactory(district=almaly.district)
    RegistrarFactory(centre=bostandyk)
    assert set(User.objects.visible_to(head)) == {head, colleague, official}


def test_the_scope_is_computed_once_per_user_object(two_centres, django_assert_num_queries):
    registrar = User.objects.get(pk=RegistrarFactory(centre=two_centres[0]).pk)
    with django_assert_num_queries(1):  # the centre, to learn its district
        scope_for(registrar)
        scope_for(registrar)


def test_role_required_sends_an_anonymous_visitor_to_the_login_page():
    view = role_required(Role.REGISTRAR)(lambda request: "ok")
    request = RequestFactory().get("/kk/centres/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = view(request)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_role_required_refuses_other_roles_with_403(two_centres):
    from django.core.exceptions import PermissionDenied

    view = role_required(Role.REGISTRAR)(lambda request: "ok")
    request = RequestFactory().get("/kk/centres/")
    request.user = MotherUserFactory()
    with pytest.raises(PermissionDenied):
        view(request)
    request.user = RegistrarFactory(centre=two_centres[0])
    assert view(request) == "ok"
