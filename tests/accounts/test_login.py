import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from audit.models import AuditEvent
from tests.factories import PASSWORD, MotherUserFactory, RegistrarFactory
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def test_signing_in_opens_the_portal_in_the_language_the_user_chose(client):
    registrar = RegistrarFactory(language="ru")
    response = sign_in(client, registrar.username, PASSWORD, language="kk", next_url="/kk/centres/")
    assert response.status_code == 302
    assert response["Location"] == "/ru/centres/"
    assert client.cookies["otbasy_language"].value == "ru"


def test_signing_in_is_recorded_in_the_audit_trail(client):
    registrar = RegistrarFactory()
    sign_in(client, registrar.username, PASSWORD)
    assert AuditEvent.objects.filter(action="auth.login", actor=registrar).count() == 1


@pytest.mark.parametrize(("language", "text"), [("kk", "Қате логин немесе құпиясөз"), ("ru", "Неверный логин или пароль")])
def test_a_wrong_password_gets_a_clear_message_in_the_users_language(client, language, text):
    registrar = RegistrarFactory()
    response = sign_in(client, registrar.username, "wrong", language=language)
    assert response.status_code == 200
    assert text in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_username_typed_is_kept_after_a_wrong_password(client):
    response = sign_in(client, "registrar-almaly", "wrong")
    assert 'value="registrar-almaly"' in response.content.decode()


def test_repeated_wrong_passwords_lock_the_account_on_this_device(client, settings):
    registrar = RegistrarFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, registrar.username, "wrong")

    locked = sign_in(client, registrar.username, PASSWORD, language="ru")

    assert locked.status_code == 429
    assert "Вход временно заблокирован" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lockout_does_not_lock_the_same_account_at_another_desk(client, settings):
    registrar = RegistrarFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/kk/accounts/login/", {"username": registrar.username, "password": "wrong"}, REMOTE_ADDR="10.0.0.1")
    response = client.post("/kk/accounts/login/", {"username": registrar.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 302


def test_staff_are_signed_out_after_the_idle_timeout(client, settings):
    registrar = RegistrarFactory()
    client.force_login(registrar)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert client.get("/kk/centres/").status_code == 200
    with time_machine.travel(start + settings.STAFF_IDLE_TIMEOUT - dt.timedelta(minutes=1), tick=False):
        assert client.get("/kk/centres/").status_code == 200
    with time_machine.travel(start + settings.STAFF_IDLE_TIMEOUT * 2, tick=False):
        response = client.get("/kk/centres/")
    assert response.status_code == 302
    assert response["Location"].startswith("/kk/accounts/login/?next=/kk/centres/")
    assert "_auth_user_id" not in client.session


def test_activity_keeps_a_staff_session_alive(client, settings):
    client.force_login(RegistrarFactory())
    start = timezone.now()
    step = settings.STAFF_IDLE_TIMEOUT * 0.6
    for n in range(4):  # four requests, each within the timeout of the one before
        with time_machine.travel(start + step * n, tick=False):
            assert client.get("/kk/centres/").status_code == 200


def test_mothers_are_not_signed_out_for_being_idle(client, settings):
    client.force_login(MotherUserFactory())
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get("/kk/accounts/profile/")
    with time_machine.travel(start + settings.STAFF_IDLE_TIMEOUT * 3, tick=False):
        assert client.get("/kk/accounts/profile/").status_code == 200


def test_the_password_reset_email_is_in_the_language_the_user_chose(client):
    RegistrarFactory(email="asel@example.kz", language="ru")
    response = client.post("/kk/accounts/password/reset/", {"email": "asel@example.kz"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Бақытты отбасы: выбор нового пароля"
    assert "/ru/accounts/password/reset/" in message.body


def test_the_link_in_the_reset_email_sets_a_new_password_once(client):
    user = RegistrarFactory(email="asel@example.kz", language="ru")
    client.post("/ru/accounts/password/reset/", {"email": "asel@example.kz"})
    link = re.search(r"/ru/accounts/password/reset/\S+/", mail.outbox[0].body).group(0)

    form_page = client.get(link, follow=True)  # Django swaps the token for a session key first
    new_password = "Новый-пароль-2026"
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})

    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)
    assert "Эта ссылка уже использована или устарела" in client.get(link, follow=True).content.decode()  # it works once


def test_asking_to_reset_an_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post("/kk/accounts/password/reset/", {"email": "nobody@example.kz"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_user_can_change_her_password(client):
    registrar = RegistrarFactory()
    client.force_login(registrar)
    response = client.post(
        "/kk/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "Жаңа-құпия-сөз-2026", "new_password2": "Жаңа-құпия-сөз-2026"},
    )
    assert response.status_code == 302
    registrar.refresh_from_db()
    assert registrar.check_password("Жаңа-құпия-сөз-2026")


def test_signing_out_needs_a_post(client):
    client.force_login(RegistrarFactory())
    assert client.get("/kk/accounts/logout/").status_code == 405
    assert client.post("/kk/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session
