"""A mother signs in with her phone number (typed any common way) or her IIN and her password; wrong
passwords count against her account however she typed her login (django-axes)."""

import pytest

from mothers.models import MotherProfile
from tests.factories import PASSWORD, RegistrarFactory
from tests.helpers import sign_in
from tests.mothers.factories import MotherFamilyFactory, SelfRegisteredFamilyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mother(almaly):
    family = MotherFamilyFactory(phone="+77015550188")
    MotherProfile.objects.create(user=family.mother_account, phone="+77015550188", iin=family.mother.iin, centre=almaly)
    return family.mother_account


@pytest.mark.parametrize("login", ["8 701 555 01 88", "+7 (701) 555-01-88", "87015550188", "7015550188"])
def test_she_signs_in_with_her_phone_typed_any_common_way(client, mother, login):
    response = sign_in(client, login)
    assert response["Location"] == "/kk/mothers/cabinet/"
    assert client.session["_auth_user_id"] == str(mother.pk)


def test_she_signs_in_with_her_iin(client, mother):
    response = sign_in(client, mother.family.mother.iin)
    assert response["Location"] == "/kk/mothers/cabinet/"
    assert client.session["_auth_user_id"] == str(mother.pk)


def test_an_account_that_waits_for_the_desk_signs_in_with_the_iin_it_signed_up_with(client, almaly):
    waiting = SelfRegisteredFamilyFactory()
    user = waiting.mother_account
    waiting.mother_account = None
    waiting.save(update_fields=["mother_account"])
    MotherProfile.objects.create(user=user, phone="+77015550177", iin=waiting.mother.iin, centre=almaly)

    sign_in(client, waiting.mother.iin)

    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_wrong_password_signs_nobody_in(client, mother):
    response = sign_in(client, "8 701 555 01 88", password="not-her-password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_staff_members_phone_is_no_login(client):
    RegistrarFactory(phone="+77015550166")
    sign_in(client, "8 701 555 01 66")
    assert "_auth_user_id" not in client.session


def test_wrong_passwords_typed_with_her_phone_in_different_forms_count_together(client, mother, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for login in ("8 701 555 01 88", "+77015550188", mother.family.mother.iin):
        sign_in(client, login, password="wrong-password")

    locked = sign_in(client, "87015550188", password=PASSWORD)

    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_phone_or_iin_nobody_has_costs_as_many_password_hashes_as_one_somebody_has(client, mother, monkeypatch):
    from django.contrib.auth.hashers import MD5PasswordHasher

    hashed = []
    encode = MD5PasswordHasher.encode
    monkeypatch.setattr(
        MD5PasswordHasher, "encode", lambda self, password, salt: hashed.append(1) or encode(self, password, salt)
    )

    def hashes_for(login: str) -> int:
        hashed.clear()
        sign_in(client, login, password="not-her-password")
        return len(hashed)

    assert hashes_for("8 701 555 01 88") == hashes_for("8 701 555 99 99") > 0
    assert hashes_for(mother.family.mother.iin) == hashes_for("870101400014")
