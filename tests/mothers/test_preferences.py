"""Her settings: the language and how the centre writes to her, and a new phone number confirmed by a
code sent to it (refused, after the code, when another account uses it)."""

import pytest

from audit.models import AccessEvent
from mothers.models import MotherProfile
from notifications import sms
from tests.factories import MotherUserFactory
from tests.mothers.factories import MotherFamilyFactory
from tests.mothers.signing_up import PHONE, last_code

pytestmark = pytest.mark.django_db
NEW = "+77015550155"


@pytest.fixture
def mother(client, almaly):
    family = MotherFamilyFactory(phone=PHONE)
    MotherProfile.objects.create(user=family.mother_account, phone=PHONE, iin=family.mother.iin, centre=almaly)
    client.force_login(family.mother_account)
    return family.mother_account


def test_she_chooses_russian_and_email_and_no_news_and_the_page_comes_back_in_russian(client, mother):
    response = client.post(
        "/kk/mothers/cabinet/settings/",
        {"language": "ru", "notify_by": "email", "email": "aigerim@example.kz", "optional_messages": ""},
    )

    assert response["Location"] == "/ru/mothers/cabinet/settings/"
    mother.refresh_from_db()
    family = mother.family
    family.refresh_from_db()
    assert mother.language == "ru"
    assert (family.language, family.notify_by, family.email, family.optional_messages) == (
        "ru",
        "email",
        "aigerim@example.kz",
        False,
    )
    assert AccessEvent.objects.filter(what="family.set_preferences", actor=mother, target_id=str(family.pk)).exists()


def test_messages_by_email_without_an_address_are_refused_in_her_language_and_nothing_changes(client, mother):
    response = client.post("/ru/mothers/cabinet/settings/", {"language": "ru", "notify_by": "email", "email": ""})

    assert response.status_code == 400
    assert "укажите её адрес" in response.content.decode()
    mother.refresh_from_db()
    assert mother.language == "kk" and mother.family.notify_by == "sms"


def test_a_mother_without_a_family_chooses_only_her_language(client):
    user = MotherUserFactory()
    client.force_login(user)
    page = client.get("/kk/mothers/cabinet/settings/").content.decode()
    assert 'name="language"' in page and 'name="notify_by"' not in page
    assert client.post("/kk/mothers/cabinet/settings/", {"language": "ru"}).status_code == 302
    user.refresh_from_db()
    assert user.language == "ru"


def test_a_new_phone_is_hers_once_the_code_sent_to_it_is_typed(client, mother):
    assert (
        client.post("/kk/mothers/cabinet/phone/", {"phone": "8 701 555 01 55"})["Location"] == "/kk/mothers/cabinet/phone/code/"
    )
    assert [message.to for message in sms.outbox] == [NEW]

    response = client.post("/kk/mothers/cabinet/phone/code/", {"code": last_code(NEW)})

    assert response["Location"] == "/kk/mothers/cabinet/settings/"
    assert str(MotherProfile.objects.get(user=mother).phone) == NEW
    family = mother.family
    family.refresh_from_db()
    assert str(family.phone) == NEW  # the centre writes to it too
    client.logout()
    assert (
        client.post("/kk/accounts/login/", {"username": "8 701 555 01 55", "password": "correct-horse-battery"}).status_code
        == 302
    )


def test_a_wrong_code_keeps_her_old_number(client, mother):
    client.post("/ru/mothers/cabinet/phone/", {"phone": "8 701 555 01 55"})
    code = last_code(NEW)
    response = client.post("/ru/mothers/cabinet/phone/code/", {"code": f"{(int(code) + 1) % 1_000_000:06d}"})
    assert response.status_code == 400
    assert "Код неверный" in response.content.decode()
    assert str(MotherProfile.objects.get(user=mother).phone) == PHONE


def test_a_phone_another_account_uses_is_refused_after_the_code_and_nothing_changes(client, mother, almaly):
    other = MotherFamilyFactory()
    MotherProfile.objects.create(user=other.mother_account, phone=NEW, iin=other.mother.iin, centre=almaly)
    assert client.post("/ru/mothers/cabinet/phone/", {"phone": "8 701 555 01 55"}).status_code == 302

    response = client.post("/ru/mothers/cabinet/phone/code/", {"code": last_code(NEW)})

    assert response.status_code == 400
    assert "уже используется другой учётной записью" in response.content.decode()
    assert str(MotherProfile.objects.get(user=mother).phone) == PHONE
    mother.family.refresh_from_db()
    assert str(mother.family.phone) == PHONE


def test_her_own_number_again_is_refused_without_an_sms(client, mother):
    response = client.post("/ru/mothers/cabinet/phone/", {"phone": "8 701 555 01 88"})
    assert response.status_code == 400
    assert sms.outbox == []


def test_too_many_codes_for_a_new_number_are_refused(client, mother, settings):
    settings.MOTHERS_CODE_REQUESTS_PER_NUMBER = (1, 15 * 60)
    client.post("/ru/mothers/cabinet/phone/", {"phone": "8 701 555 01 55"})
    refused = client.post("/ru/mothers/cabinet/phone/code/again/")
    assert refused.status_code == 429
    assert len(sms.outbox) == 1
