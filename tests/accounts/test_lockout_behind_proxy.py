"""Lockout behind docker-compose's TLS proxy (PROXY_COUNT=1): every request reaches gunicorn from the
proxy's address, and the proxy appends the address it saw to X-Forwarded-For."""

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tests.factories import PASSWORD, RegistrarFactory, TOTPDeviceFactory
from tests.helpers import totp_code

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.254"
DESK_A, DESK_B, ATTACKER = "203.0.113.5", "198.51.100.9", "192.0.2.66"


@pytest.fixture(autouse=True)
def _one_proxy(settings):
    settings.PROXY_COUNT = 1


def through_proxy(client, username, password, *, sent_by, forwarded_for=None):
    """A sign-in as the proxy forwards it: it appends ``sent_by`` to what the client sent, if anything."""
    chain = f"{forwarded_for}, {sent_by}" if forwarded_for else sent_by
    return client.post(
        "/kk/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=chain
    )


def test_wrong_passwords_from_one_client_lock_that_client(client, settings):
    registrar = RegistrarFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        through_proxy(client, registrar.username, "wrong", sent_by=DESK_A)
    assert through_proxy(client, registrar.username, PASSWORD, sent_by=DESK_A).status_code == 429


def test_another_client_of_the_same_login_can_still_sign_in(client, settings):
    registrar = RegistrarFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        through_proxy(client, registrar.username, "wrong", sent_by=DESK_A)
    response = through_proxy(client, registrar.username, PASSWORD, sent_by=DESK_B)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(registrar.pk)


def test_a_forged_forwarded_for_entry_does_not_let_an_attacker_choose_whom_to_lock(client, settings):
    registrar = RegistrarFactory()
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        through_proxy(attacker, registrar.username, "wrong", sent_by=ATTACKER, forwarded_for=DESK_B)

    assert through_proxy(attacker, registrar.username, PASSWORD, sent_by=ATTACKER, forwarded_for=DESK_B).status_code == 429
    assert through_proxy(client, registrar.username, PASSWORD, sent_by=DESK_B).status_code == 302


def test_wrong_codes_lock_the_client_they_came_from_and_no_other(client, settings):
    settings.STAFF_2FA_REQUIRED = True
    registrar = RegistrarFactory()
    device = TOTPDeviceFactory(user=registrar)
    wrong = "000000" if totp_code(device) != "000000" else "111111"
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        through_proxy(client, registrar.username, PASSWORD, sent_by=DESK_A)
        for _ in range(settings.AXES_FAILURE_LIMIT):
            clock.shift(20)  # past django-otp's own delay after a wrong code
            answer = client.post("/kk/accounts/two-factor/", {"code": wrong}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=DESK_A)
        assert answer.status_code == 429
        assert through_proxy(client, registrar.username, PASSWORD, sent_by=DESK_A).status_code == 429

        desk_b = Client()
        assert through_proxy(desk_b, registrar.username, PASSWORD, sent_by=DESK_B)["Location"] == "/kk/accounts/two-factor/"
        clock.shift(30)
        signed_in = desk_b.post(
            "/kk/accounts/two-factor/", {"code": totp_code(device)}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=DESK_B
        )
        assert signed_in.status_code == 302
        assert desk_b.session["_auth_user_id"] == str(registrar.pk)
