"""Sign-up with IIN, phone (confirmed by an SMS code sent through the outbox to the bare number) and
password: linked to the family the registry holds when IIN and phone match, else a family of her own
"not yet verified" (without the IIN when it is on another file: the desk links her); wrong, expired and
replaced codes; too many requests and attempts; a phone another account uses; nothing tells a stranger
what is registered."""

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from families.models import Family, Person
from mothers.models import MotherProfile, SmsCode
from notifications import sms
from notifications.models import Notification
from tests.families.factories import FamilyFactory, PersonFactory, valid_iin, years_ago
from tests.mothers.factories import MotherFamilyFactory
from tests.mothers.signing_up import PASSWORD, PHONE, last_code, sign_up_data

pytestmark = pytest.mark.django_db


def begin(client, centre, language="kk", **overrides):
    return client.post(f"/{language}/mothers/sign-up/", sign_up_data(centre, **overrides))


def confirm(client, code, language="kk"):
    return client.post(f"/{language}/mothers/sign-up/code/", {"code": code})


def test_the_sign_up_page_shows_the_consent_text_she_agrees_to_in_her_language(client, almaly):
    page = client.get("/ru/mothers/sign-up/").content.decode()
    assert 'data-testid="consent-text"' in page
    assert "Согласие на обработку персональных данных" in page


def test_a_code_goes_by_sms_through_the_outbox_to_the_bare_number_she_typed(client, almaly):
    response = begin(client, almaly)

    assert response.status_code == 302 and response["Location"] == "/kk/mothers/sign-up/code/"
    notification = Notification.objects.get()
    assert (notification.template.key, notification.to, notification.centre_id) == ("mother_sign_up_code", PHONE, None)
    # A bare number, filed under the code: nobody on record yet.
    assert (notification.recipient_type.model, notification.recipient_id) == ("smscode", SmsCode.objects.get().pk)
    assert [message.to for message in sms.outbox] == [PHONE]
    assert "тіркелу коды" in sms.outbox[0].text
    assert User.objects.filter(role="mother").count() == 0  # nothing until the code is typed
    code = SmsCode.objects.get()
    assert last_code() not in code.digest  # only a keyed digest is kept


def test_an_unknown_mother_gets_a_family_of_her_own_not_yet_verified_and_lands_in_her_cabinet(client, almaly):
    data = sign_up_data(almaly)
    client.post("/kk/mothers/sign-up/", data)

    response = confirm(client, last_code())

    assert response.status_code == 302 and response["Location"] == "/kk/mothers/cabinet/"
    user = User.objects.get(role="mother")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.check_password(PASSWORD) and user.language == "kk"
    assert MotherProfile.objects.get(user=user).phone == PHONE
    family = Family.objects.get(mother_account=user)
    assert family.self_registered and not family.is_verified
    assert (family.mother.iin, family.mother.first_name, str(family.phone)) == (data["iin"], "Әйгерім", PHONE)
    assert family.consents.get().language == "kk"
    assert AuditEvent.objects.filter(action="mother.sign_up", actor=user).exists()
    assert 'data-testid="not-verified"' in client.get("/kk/mothers/cabinet/").content.decode()


def test_a_mother_the_registry_holds_by_iin_and_phone_is_linked_to_her_family(client, almaly):
    family = FamilyFactory(phone=PHONE)
    begin(client, almaly, iin=family.mother.iin)

    confirm(client, last_code())

    family.refresh_from_db()
    assert family.mother_account is not None and family.mother_account.role == "mother"
    assert Family.objects.count() == 1 and family.is_verified


def test_a_second_phone_on_record_matches_too(client, almaly):
    family = FamilyFactory(phone="+77015550100", phone_extra=PHONE)
    begin(client, almaly, iin=family.mother.iin)
    confirm(client, last_code())
    family.refresh_from_db()
    assert family.mother_account is not None


def test_an_iin_on_record_with_another_phone_gets_a_family_of_her_own_without_it_that_waits_for_the_desk(client, almaly):
    family = FamilyFactory(phone="+77015550100")
    begin(client, almaly, iin=family.mother.iin)

    response = confirm(client, last_code())

    assert response["Location"] == "/kk/mothers/cabinet/"
    family.refresh_from_db()
    assert family.mother_account is None
    profile = MotherProfile.objects.get()
    assert profile.iin == family.mother.iin
    sign_up = Family.objects.get(mother_account=profile.user)
    assert sign_up.self_registered and not sign_up.is_verified and sign_up.mother.iin is None
    assert Person.objects.filter(iin=family.mother.iin).get() == family.mother  # the registry's person untouched


def _notice(client) -> str:
    page = client.get("/kk/mothers/cabinet/").content.decode()
    return re.search(r'data-testid="not-verified">(.*?)</div>', page, re.S).group(1)


def test_her_cabinet_says_the_same_whether_the_registry_knew_her_iin_or_not(client, new_client, almaly):
    on_record = FamilyFactory(phone="+77015550100")
    begin(client, almaly, iin=on_record.mother.iin)
    confirm(client, last_code())
    stranger = new_client()
    stranger.post("/kk/mothers/sign-up/", sign_up_data(almaly, phone="8 701 555 77 66"))
    stranger.post("/kk/mothers/sign-up/code/", {"code": last_code("+77015557766")})

    assert _notice(client) == _notice(stranger)
    assert almaly.name_kk in _notice(client)


def test_a_childs_iin_gets_a_family_without_it_and_waits_for_the_desk(client, almaly):
    child = PersonFactory(sex="m")
    begin(client, almaly, iin=child.iin)
    confirm(client, last_code())
    assert MotherProfile.objects.get().iin == child.iin
    assert Family.objects.get().mother.iin is None and Person.objects.filter(iin=child.iin).get() == child


def _her_data(client) -> str:
    page = client.get("/kk/mothers/cabinet/my-data/").content.decode()
    return re.search(r"<main.*?</main>", page, re.S).group(0)


def test_everything_she_sees_and_may_do_is_the_same_whether_the_registry_knew_her_iin_or_not(client, new_client, almaly):
    """A stranger typing a registered mother's IIN with her own phone learns nothing from her account:
    the same kind of family, the same page of her data with the IIN she typed, the same courses open."""
    from courses.selectors import booking_problem
    from tests.courses.factories import GroupFactory

    on_record = FamilyFactory(phone="+77015550100", mother__iin=valid_iin(years_ago(34), "f"))  # born the same day
    begin(client, almaly, iin=on_record.mother.iin)
    confirm(client, last_code())
    stranger, data = new_client(), sign_up_data(almaly, phone="8 701 555 77 66")
    new_iin = data["iin"]
    stranger.post("/kk/mothers/sign-up/", data)
    stranger.post("/kk/mothers/sign-up/code/", {"code": last_code("+77015557766")})
    group = GroupFactory(centre=almaly)

    known, unknown = (Family.objects.get(mother_account__mother_profile__iin=iin) for iin in (on_record.mother.iin, new_iin))

    assert _her_data(client).replace(on_record.mother.iin, "IIN").replace("8 701 555 01 88", "PHONE") == _her_data(
        stranger
    ).replace(new_iin, "IIN").replace("8 701 555 77 66", "PHONE")
    assert on_record.mother.iin in _her_data(client)
    assert booking_problem(known, group) is None and booking_problem(unknown, group) is None


def test_a_wrong_code_is_refused_in_her_language_and_nothing_is_made(client, almaly):
    begin(client, almaly, language="ru")
    code = last_code()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"

    response = confirm(client, wrong, language="ru")

    assert response.status_code == 400
    assert "Код неверный или больше не действует" in response.content.decode()
    assert not User.objects.filter(role="mother").exists()
    # The right one still works.
    assert confirm(client, code, language="ru")["Location"] == "/ru/mothers/cabinet/"


def test_an_expired_code_is_refused(client, almaly):
    begin(client, almaly)
    code = last_code()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=11)):
        response = confirm(client, code)
    assert response.status_code == 400
    assert not User.objects.filter(role="mother").exists()


def test_a_code_asked_for_again_replaces_the_first(client, almaly):
    begin(client, almaly)
    first = last_code()
    client.post("/kk/mothers/sign-up/code/again/")
    second = last_code()
    assert len(sms.outbox) == 2
    if first != second:
        assert confirm(client, first).status_code == 400
    assert confirm(client, second).status_code == 302


def test_a_phone_another_account_uses_is_refused_only_after_the_code_proves_she_holds_it(client, almaly):
    other = MotherFamilyFactory()
    MotherProfile.objects.create(user=other.mother_account, phone=PHONE, iin=other.mother.iin, centre=almaly)
    first_step = begin(client, almaly, language="ru")
    assert first_step.status_code == 302  # the first step answers as for anybody
    assert [message.to for message in sms.outbox] == [PHONE]

    response = confirm(client, last_code(), language="ru")

    assert response.status_code == 400
    assert "уже используется другой учётной записью" in response.content.decode()
    assert MotherProfile.objects.count() == 1
    assert not Family.objects.filter(self_registered=True).exists()


def _code_page(client, response, phone: str) -> str:
    """The page the first step leads to, without what differs anyway: the number she typed, the CSRF token."""
    page = client.get(response["Location"]).content.decode().replace(phone, "PHONE")
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", page)


def test_the_first_step_answers_the_same_for_a_registered_iin_and_phone_as_for_new_ones(client, new_client, almaly):
    registered = MotherFamilyFactory(phone=PHONE)
    MotherProfile.objects.create(user=registered.mother_account, phone=PHONE, iin=registered.mother.iin, centre=almaly)
    known = begin(client, almaly, iin=registered.mother.iin)
    stranger = new_client()
    unknown = stranger.post("/kk/mothers/sign-up/", sign_up_data(almaly, phone="8 701 555 77 66"))

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert _code_page(client, known, "8 701 555 01 88") == _code_page(stranger, unknown, "8 701 555 77 66")
    assert sorted(message.to for message in sms.outbox) == [PHONE, "+77015557766"]


def test_too_many_code_requests_for_one_number_are_refused_with_the_wait(client, almaly, settings):
    settings.MOTHERS_CODE_REQUESTS_PER_NUMBER = (2, 15 * 60)
    assert begin(client, almaly).status_code == 302
    assert client.post("/kk/mothers/sign-up/code/again/").status_code == 302

    refused = client.post("/ru/mothers/sign-up/code/again/")

    assert refused.status_code == 429
    assert "Слишком много запросов кода" in refused.content.decode()
    assert len(sms.outbox) == 2


def test_too_many_code_requests_from_one_address_are_refused_whatever_the_numbers(client, almaly, settings):
    settings.MOTHERS_CODE_REQUESTS_PER_CLIENT = (3, 60 * 60)
    for number in ("8 701 555 00 01", "8 701 555 00 02", "8 701 555 00 03"):
        assert begin(client, almaly, phone=number).status_code == 302

    refused = begin(client, almaly, phone="8 701 555 00 04")

    assert refused.status_code == 429
    assert len(sms.outbox) == 3
    assert "Серікқызы" in refused.content.decode()  # nothing she typed is lost


def test_too_many_wrong_codes_are_refused_even_the_right_one_then(client, almaly, settings):
    settings.MOTHERS_CODE_ATTEMPTS_PER_NUMBER = (3, 15 * 60)
    begin(client, almaly)
    code = last_code()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(3):
        assert confirm(client, wrong).status_code == 400

    refused = confirm(client, code)

    assert refused.status_code == 429
    assert not User.objects.filter(role="mother").exists()


def test_bad_input_on_the_first_step_keeps_what_she_typed_and_sends_nothing(client, almaly):
    response = begin(client, almaly, language="ru", iin="123456789012", password2="другой-пароль")

    assert response.status_code == 400
    page = response.content.decode()
    assert "контрольная цифра" in page or "не совпадает" in page
    assert "Серікқызы" in page
    assert sms.outbox == [] and SmsCode.objects.count() == 0


def test_the_code_page_without_a_sign_up_begun_goes_back_to_the_first_step(client):
    assert client.get("/kk/mothers/sign-up/code/")["Location"] == "/kk/mothers/sign-up/"


def test_a_number_signed_up_elsewhere_at_the_same_moment_is_refused_by_the_database_with_the_same_message(
    client, almaly, monkeypatch
):
    from mothers.services import accounts

    begin(client, almaly, language="ru")
    code = last_code()
    # The other sign-up commits between this one's check and its insert: the check saw nothing.
    other = MotherFamilyFactory()
    MotherProfile.objects.create(user=other.mother_account, phone=PHONE, iin=other.mother.iin, centre=almaly)
    monkeypatch.setattr(accounts, "_phone_in_use", lambda phone, besides=None: False)

    response = confirm(client, code, language="ru")

    assert response.status_code == 400
    assert "уже используется другой учётной записью" in response.content.decode()
    assert User.objects.filter(role="mother").count() == 1 and MotherProfile.objects.count() == 1
