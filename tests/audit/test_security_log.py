"""The security log: failed sign-ins (password and code) and refused requests (403, and 404 for a record
outside the user's scope), without IINs, query strings or anything typed."""

import pytest
from django.contrib.contenttypes.models import ContentType

from accounts.models import User
from audit.models import AppendOnlyError, SecurityEvent
from tests.factories import AdministratorFactory, MotherUserFactory, RegistrarFactory, TOTPDeviceFactory
from tests.families.factories import FamilyFactory
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

Kind = SecurityEvent.Kind


def only_event() -> SecurityEvent:
    (event,) = SecurityEvent.objects.all()
    return event


def test_a_wrong_password_is_logged_under_the_account_whose_login_was_typed(client, settings, almaly):
    settings.PROXY_COUNT = 1
    registrar = RegistrarFactory(centre=almaly)
    client.post(
        "/kk/accounts/login/",
        {"username": registrar.username, "password": "wrong"},
        REMOTE_ADDR="10.0.0.254",
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )
    event = only_event()
    assert (event.kind, event.target_type, event.target_id) == (
        Kind.PASSWORD_FAILED,
        ContentType.objects.get_for_model(User),
        str(registrar.pk),
    )
    assert (event.method, event.path, event.ip_address, event.actor) == ("POST", "/kk/accounts/login/", "203.0.113.5", None)


def test_a_login_of_no_account_is_logged_without_what_was_typed(client):
    sign_in(client, "870412450123", "wrong")  # someone typed an IIN as her login
    event = only_event()
    assert (event.kind, event.target_id, event.target_type) == (Kind.PASSWORD_FAILED, "", None)
    assert "870412450123" not in str(SecurityEvent.objects.values().get())


def test_a_wrong_code_is_logged_as_such(client, settings, almaly):
    settings.STAFF_2FA_REQUIRED = True
    registrar = RegistrarFactory(centre=almaly)
    TOTPDeviceFactory(user=registrar)
    sign_in(client, registrar.username)
    client.post("/kk/accounts/two-factor/", {"code": "12345x"})
    event = only_event()
    assert (event.kind, event.target_id, event.path) == (Kind.CODE_FAILED, str(registrar.pk), "/kk/accounts/two-factor/")


def test_a_refused_request_is_logged_with_its_path_and_no_query_string(client):
    mother = MotherUserFactory()
    client.force_login(mother)
    assert client.get("/kk/families/?q=870412450123").status_code == 403
    event = only_event()
    assert (event.kind, event.actor, event.method, event.path) == (Kind.FORBIDDEN, mother, "GET", "/kk/families/")


def test_a_record_of_another_district_is_logged_when_it_exists(client, almaly, bostandyk):
    family = FamilyFactory(centre=almaly)
    stranger = RegistrarFactory(centre=bostandyk)
    client.force_login(stranger)
    assert client.get(f"/kk/families/{family.pk}/").status_code == 404
    event = only_event()
    assert (event.kind, event.actor, event.path) == (Kind.OUT_OF_SCOPE, stranger, f"/kk/families/{family.pk}/")


def test_a_record_that_does_not_exist_is_an_ordinary_404_and_not_logged(client, almaly):
    client.force_login(RegistrarFactory(centre=almaly))
    assert client.get("/kk/families/999999/").status_code == 404
    assert not SecurityEvent.objects.exists()


def test_a_long_number_in_a_path_is_masked(client):
    client.force_login(MotherUserFactory())
    client.get("/kk/families/870412450123/")
    assert "870412450123" not in only_event().path


def test_the_log_cannot_be_changed(client):
    client.force_login(MotherUserFactory())
    client.get("/kk/families/")
    event = only_event()
    event.path = "/"
    with pytest.raises(AppendOnlyError):
        event.save()


def test_the_administrator_reads_it_in_the_admin_and_can_change_nothing(client):
    client.force_login(MotherUserFactory())
    client.get("/kk/families/")
    client.force_login(AdministratorFactory())
    page = client.get("/admin/audit/securityevent/")
    assert page.status_code == 200 and "/kk/families/" in page.content.decode()
    assert client.get(f"/admin/audit/securityevent/{only_event().pk}/delete/").status_code == 403
