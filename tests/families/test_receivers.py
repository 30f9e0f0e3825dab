import pytest
from django.utils import translation

from families.timeline import timeline_for
from notifications import sms
from notifications.services import notification_deliver
from tests.factories import RegistrarFactory
from tests.families.factories import FamilyFactory
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db


class RefusingBackend(sms.BaseBackend):
    def send(self, to, text):
        raise sms.PermanentError("number blocked")


def messages_on(family, user):
    with translation.override("en"):
        return sorted(
            (entry.title, entry.detail)
            for entry in timeline_for(family, user)
            if entry.icon in ("chat-text", "exclamation-triangle")
        )


def test_the_timeline_shows_messages_sent_and_those_that_could_not_be_delivered(almaly, monkeypatch):
    registrar = RegistrarFactory(centre=almaly)
    family = FamilyFactory(registrar=registrar, mother__first_name="Әсел")
    sent = NotificationFactory(family=family)
    refused = NotificationFactory(family=family)
    NotificationFactory(family=family)  # still waiting: not history yet

    notification_deliver(notification_id=sent.pk)
    monkeypatch.setattr(sms, "backend", RefusingBackend)
    notification_deliver(notification_id=refused.pk)

    assert messages_on(family, registrar) == [
        ("SMS not delivered: Family registered", "the gateway refused the message"),
        ("SMS sent: Family registered", sms.outbox[0].text),
    ]


def test_a_message_to_a_member_of_staff_goes_on_no_familys_timeline(almaly):
    registrar = RegistrarFactory(centre=almaly, email="", phone="+77015550000")
    family = FamilyFactory(registrar=registrar)
    notification_deliver(notification_id=NotificationFactory(user=registrar).pk)

    assert len(sms.outbox) == 1 and messages_on(family, registrar) == []
