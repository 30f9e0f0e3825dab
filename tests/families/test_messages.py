"""What the registry tells the mother through the outbox: each in her language, once, and only when
the change it is about was saved."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from core.errors import DomainError
from families.models import Agency, Appeal
from families.services import appeal_move, referral_create
from notifications import sms
from notifications.models import Notification
from tests.families.factories import AppealFactory, FamilyFactory
from tests.families.registration import child_data, details, mother_data, register

pytestmark = pytest.mark.django_db


def test_a_registered_mother_gets_a_welcome_sms_in_her_language(registrar, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        family = register(registrar, family_details=details(language="ru", phone="+77011234567"))

    [message] = sms.outbox
    assert message.to == "+77011234567"
    assert message.text.startswith(f"{family.mother.first_name}, вы зарегистрированы в центре «Бақытты отбасы»")


def test_a_registration_that_is_refused_sends_nothing(registrar, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError):
        born = mother_data().birth_date - dt.timedelta(days=1)  # a child born before her mother
        register(registrar, children=[child_data(5, birth_date=born)])
    assert not Notification.objects.exists() and sms.outbox == []


def test_a_mother_who_wants_no_news_is_not_welcomed_by_sms(registrar, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(registrar, family_details=details(optional_messages=False))
    assert sms.outbox == []


def test_the_end_of_an_appeal_is_told_even_to_a_mother_who_wants_no_news(registrar, django_capture_on_commit_callbacks):
    family = FamilyFactory(registrar=registrar, language="kk", optional_messages=False)
    appeal = AppealFactory(family=family, kind="kindergarten", status=Appeal.Status.IN_PROGRESS)

    with django_capture_on_commit_callbacks(execute=True):
        appeal_move(actor=registrar, appeal=appeal, to_status=Appeal.Status.RESOLVED, comment="Орын берілді")

    [message] = sms.outbox
    assert message.text.startswith(f"{family.mother.first_name}, «балабақшадан орын» өтінішіңіз шешілді.")


def test_the_kind_of_appeal_is_named_in_the_mothers_language_whatever_the_staff_reads(
    registrar, django_capture_on_commit_callbacks
):
    family = FamilyFactory(registrar=registrar, language="ru")
    appeal = AppealFactory(family=family, kind="psychological", status=Appeal.Status.IN_PROGRESS)

    with translation.override("kk"), django_capture_on_commit_callbacks(execute=True):
        appeal_move(actor=registrar, appeal=appeal, to_status=Appeal.Status.DECLINED, comment="Маман жоқ")

    [message] = sms.outbox
    assert "«психологическая помощь»" in message.text and "психологиялық" not in message.text
    assert message.text.startswith(f"{family.mother.first_name}, к сожалению, ваше обращение")


def test_a_referral_tells_her_where_it_went_and_by_when(registrar, django_capture_on_commit_callbacks):
    family = FamilyFactory(registrar=registrar, language="ru", notify_by="email", email="asel@example.kz")
    appeal = AppealFactory(family=family, kind="housing", status=Appeal.Status.IN_PROGRESS)
    agency = Agency.objects.first()
    due = timezone.localdate() + dt.timedelta(days=10)

    with django_capture_on_commit_callbacks(execute=True):
        referral_create(actor=registrar, appeal=appeal, agency=agency, expected_outcome="Ответ по очереди", due_on=due)

    notification = Notification.objects.get()
    assert (notification.template.key, notification.channel, notification.status) == ("appeal_referred", "email", "sent")
    assert agency.name_ru in notification.body and due.strftime("%d.%m.%Y") in notification.body
