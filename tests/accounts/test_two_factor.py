"""Staff sign in with a password and a code (STAFF_2FA_REQUIRED on, as in production): enrolment after the
first password, the code afterwards, recovery codes, and every code refused with its reason."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import twofactor
from audit.models import AuditEvent
from tests.factories import (
    PASSWORD,
    AdministratorFactory,
    CentreHeadFactory,
    MotherUserFactory,
    RegistrarFactory,
    TOTPDeviceFactory,
    recovery_codes_for,
)
from tests.helpers import sign_in, totp_code

pytestmark = pytest.mark.django_db

CODE_PAGE = "/kk/accounts/two-factor/"
ENROL_PAGE = "/kk/accounts/two-factor/set-up/"
DESK = "/kk/families/today/"
START = timezone.now().replace(microsecond=0)


@pytest.fixture(autouse=True)
def _required(settings):
    settings.STAFF_2FA_REQUIRED = True


@pytest.fixture
def clock():
    """A clock the test moves: codes belong to 30-second windows."""
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def enrolled(almaly):
    registrar = RegistrarFactory(centre=almaly, username="asel")
    return registrar, TOTPDeviceFactory(user=registrar)


def code_step(client, code, language="kk"):
    return client.post(f"/{language}/accounts/two-factor/", {"code": code})


def test_a_staff_member_without_an_app_is_sent_from_her_password_to_enrolment(client, almaly):
    registrar = RegistrarFactory(centre=almaly)
    response = sign_in(client, registrar.username)
    assert response["Location"] == ENROL_PAGE
    assert "_auth_user_id" not in client.session  # nobody is signed in before the second step


def test_until_she_has_an_app_no_page_of_the_portal_opens(client, almaly):
    sign_in(client, RegistrarFactory(centre=almaly).username)
    for path in (DESK, "/kk/families/", "/kk/accounts/profile/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302 and "login" in response["Location"], path


def test_the_enrolment_page_shows_the_qr_code_and_the_secret_as_text(client, almaly):
    sign_in(client, RegistrarFactory(centre=almaly).username)
    page = client.get(ENROL_PAGE).content.decode()
    assert 'src="data:image/svg+xml' in page
    assert twofactor.secret_text(client.session[twofactor.ENROL_KEY]) in page
    assert "Google Authenticator" in page


def test_enrolment_with_a_code_from_another_secret_is_refused_and_sets_nothing_up(client, almaly):
    registrar = RegistrarFactory(centre=almaly)
    sign_in(client, registrar.username, language="ru")
    client.get(ENROL_PAGE.replace("/kk/", "/ru/"))
    other_secret = "3132333435363738393031323334353637383930"
    response = client.post(ENROL_PAGE.replace("/kk/", "/ru/"), {"code": totp_code(other_secret)})
    assert response.status_code == 200
    assert "Этот код не подходит к ключу на этой странице" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=registrar).exists()
    assert "_auth_user_id" not in client.session


def test_enrolment_signs_her_in_and_shows_her_recovery_codes_once(client, almaly, clock):
    registrar = RegistrarFactory(centre=almaly)
    sign_in(client, registrar.username)
    client.get(ENROL_PAGE)
    key = client.session[twofactor.ENROL_KEY]

    response = client.post(ENROL_PAGE, {"code": totp_code(key)})

    assert response["Location"] == "/kk/accounts/two-factor/recovery-codes/"
    assert client.session["_auth_user_id"] == str(registrar.pk)
    device = TOTPDevice.objects.get(user=registrar, confirmed=True)
    assert device.key == key
    page = client.get(response["Location"])
    codes = list(StaticToken.objects.filter(device__user=registrar).values_list("token", flat=True))
    assert len(codes) == twofactor.RECOVERY_CODES
    assert all(code in page.content.decode() for code in codes)
    assert f'href="{DESK}"' in page.content.decode()  # then on to her desk
    assert client.get(response["Location"])["Location"] == "/kk/accounts/profile/"  # shown once
    assert AuditEvent.objects.filter(action="user.two_factor_enrol", actor=registrar).count() == 1


def test_with_an_app_set_up_the_password_leads_to_the_code_and_the_code_to_her_desk(client, enrolled, clock):
    registrar, device = enrolled
    assert sign_in(client, registrar.username)["Location"] == CODE_PAGE
    assert client.get(DESK).status_code == 302  # not signed in yet

    response = code_step(client, totp_code(device))

    assert response["Location"] == DESK
    assert client.session["_auth_user_id"] == str(registrar.pk)
    assert client.get(DESK).status_code == 200


def test_the_code_step_returns_her_to_the_page_she_asked_for(client, enrolled, clock):
    registrar, device = enrolled
    sign_in(client, registrar.username, next_url="/kk/families/")
    assert code_step(client, totp_code(device))["Location"] == "/kk/families/"


@pytest.mark.parametrize(
    ("language", "text"),
    [("kk", "Бұл код қате немесе оның мерзімі өтіп кеткен"), ("ru", "Этот код неверен или уже устарел")],
)
def test_a_wrong_code_gets_a_clear_message_in_her_language_and_signs_nobody_in(client, enrolled, clock, language, text):
    registrar, device = enrolled
    sign_in(client, registrar.username, language=language)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    response = code_step(client, wrong, language=language)
    assert response.status_code == 200
    assert text in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_code_from_an_earlier_window_has_expired(client, enrolled, clock):
    registrar, device = enrolled
    old = totp_code(device, at=START.timestamp() - 120)  # four windows ago: past the one of tolerance
    sign_in(client, registrar.username, language="ru")
    assert "Этот код неверен или уже устарел" in code_step(client, old, language="ru").content.decode()
    assert "_auth_user_id" not in client.session


def test_a_used_code_cannot_be_used_again_in_its_window(client, enrolled, clock):
    registrar, device = enrolled
    code = totp_code(device)
    sign_in(client, registrar.username)
    code_step(client, code)
    client.post("/kk/accounts/logout/")

    clock.shift(5)  # the same 30-second window
    sign_in(client, registrar.username, language="ru")
    replayed = code_step(client, code, language="ru")

    assert "Этот код уже использован. Дождитесь следующего кода" in replayed.content.decode()
    assert "_auth_user_id" not in client.session
    device.refresh_from_db()
    assert device.last_t == int(START.timestamp()) // 30  # django-otp remembers the window it accepted
    clock.shift(30)
    assert code_step(client, totp_code(device))["Location"] == DESK  # the next window's code works


def test_a_recovery_code_works_once(client, enrolled, clock):
    registrar, _device = enrolled
    recovery_codes_for(registrar, ["kx7q2m4p", "d3f5h7j2"])
    sign_in(client, registrar.username)
    assert code_step(client, "KX7Q 2M4P")["Location"] == DESK  # as printed, in capitals, with a space
    client.post("/kk/accounts/logout/")

    clock.shift(60)
    sign_in(client, registrar.username, language="ru")
    again = code_step(client, "kx7q2m4p", language="ru")

    assert "Этот резервный код неверен или уже использован" in again.content.decode()
    assert "_auth_user_id" not in client.session
    assert list(StaticToken.objects.filter(device__user=registrar).values_list("token", flat=True)) == ["d3f5h7j2"]


def test_a_second_try_within_a_second_of_a_wrong_code_is_asked_to_wait(client, enrolled, clock):
    registrar, device = enrolled
    sign_in(client, registrar.username, language="ru")
    code_step(client, "000000" if totp_code(device) != "000000" else "111111", language="ru")
    response = code_step(client, totp_code(device), language="ru")
    assert "Слишком много неверных кодов подряд. Подождите" in response.content.decode()
    clock.shift(2)
    assert code_step(client, totp_code(device))["Location"] == DESK


def test_wrong_codes_count_towards_the_lockout_like_wrong_passwords(client, enrolled, clock, settings):
    registrar, device = enrolled
    wrong = "000000" if totp_code(device) != "000000" else "111111"
    sign_in(client, registrar.username, "wrong")
    sign_in(client, registrar.username, "wrong")
    assert sign_in(client, registrar.username)["Location"] == CODE_PAGE  # a right password forgets nothing
    for _ in range(settings.AXES_FAILURE_LIMIT - 3):
        clock.shift(20)  # past django-otp's own delay after a wrong code
        assert code_step(client, wrong).status_code == 200
    clock.shift(20)
    locked = code_step(client, wrong, language="ru")

    assert locked.status_code == 429
    assert "Вход временно заблокирован" in locked.content.decode()
    assert sign_in(client, registrar.username).status_code == 429  # the password step is locked too
    assert "_auth_user_id" not in client.session


def test_a_whole_sign_in_forgets_the_failures_before_it(client, enrolled, clock, settings):
    registrar, device = enrolled
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, registrar.username, "wrong")
    sign_in(client, registrar.username)
    code_step(client, totp_code(device))
    client.post("/kk/accounts/logout/")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, registrar.username, "wrong")
    assert sign_in(client, registrar.username)["Location"] == CODE_PAGE


def test_the_code_step_waits_only_ten_minutes_after_the_password(client, enrolled, clock):
    registrar, device = enrolled
    sign_in(client, registrar.username, language="ru")
    clock.shift(dt.timedelta(minutes=twofactor.PENDING_MINUTES, seconds=1))
    response = client.post("/ru/accounts/two-factor/", {"code": totp_code(device)}, follow=True)
    assert response.redirect_chain[0][0] == "/ru/accounts/login/"
    assert "Время на ввод кода истекло" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_mother_is_never_asked_for_a_code(client):
    mother = MotherUserFactory()
    response = sign_in(client, mother.username)
    assert response["Location"] == "/kk/mothers/cabinet/"
    assert client.session["_auth_user_id"] == str(mother.pk)


def test_a_staff_session_that_skipped_the_code_step_is_sent_back_to_it(client, enrolled):
    registrar, _device = enrolled
    client.force_login(registrar)  # as a session begun before the setting was turned on
    response = client.get("/kk/families/")
    assert response["Location"] == CODE_PAGE
    assert "_auth_user_id" not in client.session
    assert client.session[twofactor.PENDING_KEY]["next"] == "/kk/families/"


def test_an_htmx_request_of_such_a_session_is_sent_there_as_a_whole_page(client, almaly):
    client.force_login(CentreHeadFactory(centre=almaly))
    response = client.get(DESK, headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == ENROL_PAGE


def test_the_admins_own_sign_in_page_leads_to_the_code_step_too(client, clock):
    administrator = AdministratorFactory(username="admin")
    device = TOTPDeviceFactory(user=administrator)
    client.post("/admin/login/?next=/admin/", {"username": "admin", "password": PASSWORD, "next": "/admin/"})
    response = client.get("/admin/")
    assert response["Location"] == "/en/accounts/two-factor/"
    clock.shift(30)
    assert client.post("/en/accounts/two-factor/", {"code": totp_code(device)})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


class TestWithTheSettingOff:
    """``make run``'s demo: one password, unless she set up an app herself."""

    @pytest.fixture(autouse=True)
    def _not_required(self, settings):
        settings.STAFF_2FA_REQUIRED = False

    def test_a_staff_member_without_an_app_signs_in_with_her_password_alone(self, client, almaly):
        registrar = RegistrarFactory(centre=almaly)
        assert sign_in(client, registrar.username)["Location"] == DESK
        assert client.session["_auth_user_id"] == str(registrar.pk)

    def test_a_staff_member_who_set_up_an_app_is_still_asked_for_its_code(self, client, enrolled, clock):
        registrar, device = enrolled
        assert sign_in(client, registrar.username)["Location"] == CODE_PAGE
        assert code_step(client, totp_code(device))["Location"] == DESK

    def test_she_can_set_up_an_app_from_her_profile(self, client, almaly, clock):
        registrar = RegistrarFactory(centre=almaly)
        client.force_login(registrar)
        assert "/kk/accounts/two-factor/set-up/" in client.get("/kk/accounts/profile/").content.decode()
        client.get(ENROL_PAGE)
        response = client.post(ENROL_PAGE, {"code": totp_code(client.session[twofactor.ENROL_KEY])})
        assert response["Location"] == "/kk/accounts/two-factor/recovery-codes/"
        assert 'href="/kk/accounts/profile/"' in client.get(response["Location"]).content.decode()
        assert TOTPDevice.objects.filter(user=registrar, confirmed=True).count() == 1

    def test_she_can_get_new_recovery_codes_and_the_old_ones_stop_working(self, client, enrolled):
        registrar, _device = enrolled
        recovery_codes_for(registrar, ["kx7q2m4p"])
        client.force_login(registrar)
        response = client.post("/kk/accounts/two-factor/recovery-codes/new/")
        assert response["Location"] == "/kk/accounts/two-factor/recovery-codes/"
        codes = set(StaticToken.objects.filter(device__user=registrar).values_list("token", flat=True))
        assert len(codes) == twofactor.RECOVERY_CODES and "kx7q2m4p" not in codes

    def test_a_mother_has_no_enrolment(self, client):
        client.force_login(MotherUserFactory())
        assert client.get(ENROL_PAGE).status_code == 403
        assert "two-factor" not in client.get("/kk/accounts/profile/").content.decode()


def test_signing_in_twice_with_the_same_password_and_a_new_code_each_time_works(client, enrolled, clock):
    registrar, device = enrolled
    for _ in range(2):
        sign_in(client, registrar.username)
        assert code_step(client, totp_code(device))["Location"] == DESK
        client.post("/kk/accounts/logout/")
        clock.shift(30)
