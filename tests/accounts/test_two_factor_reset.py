"""An administrator resets a staff member's two-factor sign-in (a lost phone) from the admin's user list:
an audit row, her sessions end, she is told through the outbox, and she sets up a new app next time."""

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.services import user_two_factor_reset
from audit.models import AuditEvent
from core.errors import DomainError
from notifications.models import Notification
from tests.factories import AdministratorFactory, RegistrarFactory, TOTPDeviceFactory, recovery_codes_for
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

USERS = "/admin/accounts/user/"


@pytest.fixture
def administrator(client):
    administrator = AdministratorFactory()
    client.force_login(administrator)
    return administrator


@pytest.fixture
def asel(almaly):
    registrar = RegistrarFactory(centre=almaly, username="asel", first_name="Әсел", email="asel@example.kz", language="ru")
    TOTPDeviceFactory(user=registrar)
    recovery_codes_for(registrar)
    return registrar


def reset_from_the_admin(client, *users):
    return client.post(
        USERS, {"action": "reset_two_factor", "_selected_action": [user.pk for user in users], "index": 0}, follow=True
    )


def test_the_admin_resets_her_app_and_recovery_codes(client, administrator, asel):
    response = reset_from_the_admin(client, asel)
    assert "Two-factor sign-in of" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=asel).exists()
    assert not StaticDevice.objects.filter(user=asel).exists()
    event = AuditEvent.objects.get(action="user.two_factor_reset")
    assert (event.actor, event.target_id, event.data) == (administrator, str(asel.pk), {"devices": 2})


def test_she_is_told_by_e_mail_in_her_language(client, administrator, asel):
    reset_from_the_admin(client, asel)
    notification = Notification.objects.get(template__key="two_factor_reset")
    assert (notification.to, notification.language, notification.essential) == ("asel@example.kz", "ru", True)
    assert notification.context == {"name": "Әсел", "login": "asel"}
    assert notification.template.render("email_body", "ru", notification.context).startswith("Әсел, здравствуйте!")


def test_her_open_sessions_end(client, administrator, asel):
    desk = Client()
    desk.force_login(asel)
    assert desk.get("/kk/families/").status_code == 200
    reset_from_the_admin(client, asel)
    assert desk.get("/kk/families/")["Location"].startswith("/kk/accounts/login/")


def test_she_sets_up_a_new_app_at_her_next_sign_in(client, administrator, asel, settings):
    reset_from_the_admin(client, asel)
    settings.STAFF_2FA_REQUIRED = True
    assert sign_in(Client(), "asel")["Location"] == "/kk/accounts/two-factor/set-up/"


def test_an_administrator_cannot_reset_herself_and_nothing_changes(client, administrator):
    TOTPDeviceFactory(user=administrator)
    response = reset_from_the_admin(client, administrator)
    assert "You cannot reset your own two-factor sign-in. Ask another administrator to do it." in response.content.decode()
    assert TOTPDevice.objects.filter(user=administrator).exists()
    assert client.get("/admin/").status_code == 200  # still signed in
    assert not AuditEvent.objects.filter(action="user.two_factor_reset").exists()
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("kk", "Өзіңіздің екі факторлы кіруіңізді өшіре алмайсыз. Мұны басқа әкімшіден сұраңыз."),
        ("ru", "Нельзя сбросить собственный двухфакторный вход. Попросите об этом другого администратора."),
    ],
)
def test_the_refusal_to_reset_herself_is_said_in_kazakh_and_russian(administrator, language, text):
    from django.utils import translation

    with translation.override(language), pytest.raises(DomainError) as refusal:
        user_two_factor_reset(actor=administrator, user=administrator)
    assert str(refusal.value.message) == text


def test_a_member_of_staff_with_nothing_to_reset_is_said_so(client, administrator, almaly):
    registrar = RegistrarFactory(centre=almaly)
    response = reset_from_the_admin(client, registrar)
    assert "has no two-factor sign-in to reset" in response.content.decode()
    assert not Notification.objects.exists()


def test_only_an_administrator_may_reset(asel, almaly):
    with pytest.raises(DomainError):
        user_two_factor_reset(actor=RegistrarFactory(centre=almaly), user=asel)
    assert TOTPDevice.objects.filter(user=asel).exists()


def test_the_user_page_says_whether_she_has_set_it_up(client, administrator, asel):
    assert "Set up on" in client.get(f"{USERS}{asel.pk}/change/").content.decode()
    assert "Not set up" in client.get(f"{USERS}{administrator.pk}/change/").content.decode()
