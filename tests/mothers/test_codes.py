"""SMS codes themselves: a keyed digest, one use, a lifetime, the latest one only."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from core.errors import DomainError
from mothers.models import SmsCode
from mothers.services import code_send, code_use
from tests.mothers.signing_up import PHONE, last_code

pytestmark = pytest.mark.django_db
SIGN_UP = SmsCode.Purpose.SIGN_UP


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def send_one() -> str:
        with django_capture_on_commit_callbacks(execute=True):
            code_send(phone=PHONE, purpose=SIGN_UP, language="ru")
        return last_code()

    return send_one


def test_a_code_works_once(send):
    code = send()
    code_use(phone=PHONE, purpose=SIGN_UP, code=code)
    with pytest.raises(DomainError):
        code_use(phone=PHONE, purpose=SIGN_UP, code=code)


def test_a_code_typed_with_spaces_still_works(send):
    code = send()
    assert code_use(phone=PHONE, purpose=SIGN_UP, code=f" {code[:3]} {code[3:]} ").used_at is not None


def test_a_code_works_for_its_minutes_only(send, settings):
    settings.MOTHERS_CODE_MINUTES = 10
    code = send()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=10, seconds=1)), pytest.raises(DomainError):
        code_use(phone=PHONE, purpose=SIGN_UP, code=code)


def test_a_code_for_one_purpose_or_number_or_account_does_not_serve_another(send, django_user_model):
    code = send()
    with pytest.raises(DomainError):
        code_use(phone=PHONE, purpose=SmsCode.Purpose.RESET, code=code)
    with pytest.raises(DomainError):
        code_use(phone="+77015550199", purpose=SIGN_UP, code=code)
    with pytest.raises(DomainError):
        code_use(phone=PHONE, purpose=SIGN_UP, code=code, user=django_user_model.objects.create(username="someone"))


def test_a_new_code_ends_the_earlier_ones(send):
    first = send()
    second = send()
    assert SmsCode.objects.filter(used_at__isnull=True).count() == 1
    if first != second:
        with pytest.raises(DomainError):
            code_use(phone=PHONE, purpose=SIGN_UP, code=first)
    code_use(phone=PHONE, purpose=SIGN_UP, code=second)


def test_the_sms_says_the_code_and_its_minutes_in_the_language_asked(send, settings):
    settings.MOTHERS_CODE_MINUTES = 10
    code = send()
    from notifications import sms

    assert sms.outbox[-1].text == f"Бақытты отбасы: код для регистрации {code}. Он действует 10 минут. Никому его не сообщайте."


def test_a_code_and_its_message_go_a_day_after_it_expired(send):
    from mothers.tasks import forget_old_codes
    from notifications.models import Notification

    send()
    assert Notification.objects.filter(sms_code__isnull=False).count() == 1
    assert forget_old_codes.delay().get() == 0  # not yet
    with time_machine.travel(timezone.now() + dt.timedelta(days=1, minutes=11)):
        assert forget_old_codes.delay().get() == 1
    assert not SmsCode.objects.exists() and not Notification.objects.exists()


def test_her_codes_profile_and_their_messages_go_when_her_family_is_anonymised(client, almaly):
    from accounts.models import User
    from families.services import family_anonymise
    from mothers.models import MotherProfile
    from notifications.models import Notification
    from tests.mothers.signing_up import sign_up_data

    client.post("/kk/mothers/sign-up/", sign_up_data(almaly))
    client.post("/kk/mothers/sign-up/code/", {"code": last_code()})
    user = User.objects.get(role="mother")
    assert SmsCode.objects.get().user == user

    family_anonymise(actor=None, family=user.family, reason="forget")

    assert not SmsCode.objects.exists() and not Notification.objects.exists()
    assert not MotherProfile.objects.exists()
