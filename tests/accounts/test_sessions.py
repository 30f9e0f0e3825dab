"""Session hygiene: a user's sessions are known (``UserSession``), and end when she is deactivated, when
her password changes (all but the one she changed it in), and when she signs out everywhere."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import UserSession
from audit.models import AuditEvent
from tests.factories import PASSWORD, MotherUserFactory, RegistrarFactory
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

PAGE = "/kk/accounts/profile/"
NEW_PASSWORD = "Жаңа-құпия-сөз-2026"


def signed_in_on(user, desks: int = 2) -> list[Client]:
    """``user`` signed in on ``desks`` browsers, each through the sign-in page."""
    clients = [Client() for _ in range(desks)]
    for client in clients:
        sign_in(client, user.username)
        assert client.get(PAGE).status_code == 200
    return clients


def signed_out(client) -> bool:
    response = client.get(PAGE)
    return response.status_code == 302 and response["Location"].startswith("/kk/accounts/login/")


def test_each_sign_in_is_remembered_and_each_sign_out_forgotten(almaly):
    registrar = RegistrarFactory(centre=almaly)
    first, second = signed_in_on(registrar)
    assert set(UserSession.objects.filter(user=registrar).values_list("session_key", flat=True)) == {
        first.session.session_key,
        second.session.session_key,
    }
    first.post("/kk/accounts/logout/")
    assert UserSession.objects.filter(user=registrar).count() == 1


def test_deactivating_a_user_ends_her_sessions_at_once(almaly):
    registrar = RegistrarFactory(centre=almaly)
    desks = signed_in_on(registrar)
    registrar.is_active = False
    registrar.save()
    assert all(signed_out(desk) for desk in desks)
    assert not Session.objects.filter(session_key__in=[desk.cookies["sessionid"].value for desk in desks]).exists()
    assert not UserSession.objects.filter(user=registrar).exists()


def test_changing_her_password_ends_her_other_sessions_and_keeps_this_one(almaly):
    registrar = RegistrarFactory(centre=almaly)
    here, elsewhere = signed_in_on(registrar)
    response = here.post(
        "/kk/accounts/password/", {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert here.get(PAGE).status_code == 200
    assert signed_out(elsewhere)
    assert list(UserSession.objects.filter(user=registrar).values_list("session_key", flat=True)) == [here.session.session_key]


def test_a_new_password_from_a_reset_link_ends_every_session(client, almaly):
    registrar = RegistrarFactory(centre=almaly, email="asel@example.kz")
    (desk,) = signed_in_on(registrar, desks=1)
    client.post("/kk/accounts/password/reset/", {"email": "asel@example.kz"})
    link = re.search(r"/kk/accounts/password/reset/\S+/", mail.outbox[0].body).group(0)
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert signed_out(desk)
    assert not UserSession.objects.filter(user=registrar).exists()


def test_signing_out_everywhere_ends_every_session_of_hers_and_no_one_elses(almaly):
    registrar = RegistrarFactory(centre=almaly)
    here, elsewhere = signed_in_on(registrar)
    (colleague,) = signed_in_on(RegistrarFactory(centre=almaly), desks=1)

    response = here.post("/kk/accounts/sign-out-everywhere/", follow=True)

    assert response.redirect_chain[-1][0] == "/kk/accounts/login/"
    assert "Сіз барлық құрылғыдан, соның ішінде осы құрылғыдан да шықтыңыз." in response.content.decode()
    assert signed_out(here) and signed_out(elsewhere)
    assert colleague.get(PAGE).status_code == 200
    assert AuditEvent.objects.get(action="user.sign_out_everywhere").data == {"sessions": 2}


def test_the_profile_page_offers_to_sign_out_everywhere(client):
    client.force_login(MotherUserFactory())
    page = client.get(PAGE).content.decode()
    assert 'action="/kk/accounts/sign-out-everywhere/"' in page


def test_a_mothers_session_has_no_absolute_lifetime(client, settings):
    settings.STAFF_SESSION_LIFETIME = dt.timedelta(hours=2)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(MotherUserFactory())
    for hours in (1, 2, 3):
        with time_machine.travel(start + dt.timedelta(hours=hours), tick=False):
            assert client.get(PAGE).status_code == 200


def test_signing_in_again_starts_the_absolute_lifetime_again(client, settings, almaly):
    settings.STAFF_SESSION_LIFETIME = dt.timedelta(hours=2)
    registrar = RegistrarFactory(centre=almaly)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(client, registrar.username)
    with time_machine.travel(start + dt.timedelta(hours=2, minutes=1), tick=False):
        assert signed_out(client)
        sign_in(client, registrar.username)
    with time_machine.travel(start + dt.timedelta(hours=3), tick=False):
        assert client.get(PAGE).status_code == 200


def test_a_session_that_ended_on_its_own_is_forgotten_at_her_next_sign_in(almaly):
    registrar = RegistrarFactory(centre=almaly)
    (abandoned,) = signed_in_on(registrar, desks=1)
    Session.objects.filter(session_key=abandoned.session.session_key).delete()  # expired; clearsessions ran
    (desk,) = signed_in_on(registrar, desks=1)
    assert list(UserSession.objects.filter(user=registrar).values_list("session_key", flat=True)) == [desk.session.session_key]
