"""A new password by SMS code, asked for with her phone number or IIN: the pages answer the same for a
number or IIN nobody has, never show the number the code went to, and limit requests and attempts."""

import re

import pytest

from accounts.models import UserSession
from mothers.models import MotherProfile
from notifications import sms
from tests.helpers import sign_in
from tests.mothers.factories import MotherFamilyFactory
from tests.mothers.signing_up import PHONE, last_code

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Жаңа-құпиясөз-2027"


@pytest.fixture
def mother(almaly):
    family = MotherFamilyFactory(phone=PHONE)
    MotherProfile.objects.create(user=family.mother_account, phone=PHONE, iin=family.mother.iin, centre=almaly)
    return family.mother_account


def ask(client, login, language="ru"):
    return client.post(f"/{language}/mothers/password/", {"login": login})


def reset(client, code, language="ru", password=NEW_PASSWORD):
    return client.post(f"/{language}/mothers/password/code/", {"code": code, "password1": password, "password2": password})


@pytest.mark.parametrize("login", ["8 701 555 01 88", "iin"])
def test_a_code_goes_to_her_phone_and_sets_a_new_password(client, mother, login):
    login = mother.family.mother.iin if login == "iin" else login
    assert ask(client, login)["Location"] == "/ru/mothers/password/code/"
    assert "код для нового пароля" in sms.outbox[-1].text

    response = reset(client, last_code())

    assert response["Location"] == "/ru/accounts/login/"
    mother.refresh_from_db()
    assert mother.check_password(NEW_PASSWORD)
    # The portal opens in her own language (Kazakh), whatever page she signed in from.
    assert sign_in(client, "8 701 555 01 88", password=NEW_PASSWORD, language="ru")["Location"] == "/kk/mothers/cabinet/"


def test_her_other_sessions_end_with_a_new_password(client, new_client, mother):
    elsewhere = new_client()
    elsewhere.force_login(mother)
    assert UserSession.objects.filter(user=mother).count() == 1
    ask(client, "8 701 555 01 88")
    reset(client, last_code())
    assert not UserSession.objects.filter(user=mother).exists()
    assert elsewhere.get("/kk/mothers/cabinet/").status_code == 302


def _page(client, response) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", client.get(response["Location"]).content.decode())


def test_a_number_or_iin_nobody_has_gets_the_same_pages_and_no_sms(client, new_client, mother):
    known = ask(client, "8 701 555 01 88")
    stranger = new_client()
    unknown = ask(stranger, "8 701 555 99 99")

    assert known["Location"] == unknown["Location"]
    assert _page(client, known) == _page(stranger, unknown)
    assert "555 01 88" not in _page(client, known)  # the number the code went to is never shown
    assert [message.to for message in sms.outbox] == [PHONE]

    refused = reset(stranger, "123456")
    assert refused.status_code == 400
    assert "Код неверный или больше не действует" in refused.content.decode()


def test_a_wrong_code_changes_nothing_and_keeps_her_on_the_page(client, mother):
    ask(client, "8 701 555 01 88")
    code = last_code()

    response = reset(client, f"{(int(code) + 1) % 1_000_000:06d}")

    assert response.status_code == 400
    mother.refresh_from_db()
    assert not mother.check_password(NEW_PASSWORD)


def test_a_weak_new_password_is_refused_before_the_code_is_spent(client, mother):
    ask(client, "8 701 555 01 88")
    code = last_code()
    assert reset(client, code, password="12345678").status_code == 400
    assert reset(client, code)["Location"] == "/ru/accounts/login/"


def test_too_many_code_requests_for_one_iin_are_refused(client, mother, settings):
    settings.MOTHERS_CODE_REQUESTS_PER_NUMBER = (2, 15 * 60)
    iin = mother.family.mother.iin
    ask(client, iin)
    ask(client, f"{iin[:6]} {iin[6:]}")  # the same IIN typed another way counts too

    refused = ask(client, iin)

    assert refused.status_code == 429
    assert "Слишком много запросов кода" in refused.content.decode()
    assert len(sms.outbox) == 2


def test_too_many_wrong_codes_are_refused(client, mother, settings):
    settings.MOTHERS_CODE_ATTEMPTS_PER_NUMBER = (2, 15 * 60)
    ask(client, "8 701 555 01 88")
    code = last_code()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    reset(client, wrong), reset(client, wrong)

    refused = reset(client, code)

    assert refused.status_code == 429
    assert "Слишком много неверных кодов" in refused.content.decode()
    mother.refresh_from_db()
    assert not mother.check_password(NEW_PASSWORD)


def test_her_iin_and_her_number_typed_in_turn_do_not_buy_more_codes(client, mother, settings):
    settings.MOTHERS_CODE_REQUESTS_PER_NUMBER = (2, 15 * 60)
    iin = mother.family.mother.iin
    for login in (iin, "8 701 555 01 88", iin, "8 701 555 01 88"):
        response = ask(client, login)
        assert response.status_code == 302  # the page says the same: nothing tells what was sent

    assert len(sms.outbox) == 2


def test_a_new_password_by_sms_lifts_the_lock_of_her_wrong_passwords(client, mother, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        sign_in(client, "8 701 555 01 88", password="forgotten-password")
    assert sign_in(client, "8 701 555 01 88", password="forgotten-password").status_code == 429

    ask(client, "8 701 555 01 88")
    reset(client, last_code())

    assert sign_in(client, "8 701 555 01 88", password=NEW_PASSWORD)["Location"] == "/kk/mothers/cabinet/"
