import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from core.errors import DomainError
from families.messages import recipient_for
from notifications import sms
from notifications.models import MessageTemplate, Notification
from notifications.services import notification_deliver, notification_retry, notifications_sweep, notify
from tests.factories import CentreHeadFactory, RegistrarFactory
from tests.families.factories import FamilyFactory
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db
CONTEXT = {"name": "Әсел", "centre": "Алмалы", "centre_phone": "8 727 272 02 02"}


@pytest.fixture
def family(almaly):
    return FamilyFactory(registrar=RegistrarFactory(centre=almaly), mother__first_name="Әсел", phone="+77015551234")


def notify_registered(family, key="family_registered", idempotency_key="event:1"):
    return notify(
        key=key, recipient=recipient_for(family), centre=family.centre, context=CONTEXT, idempotency_key=idempotency_key
    )


def test_a_notification_is_sent_once_the_events_transaction_commits(family, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notification = notify_registered(family)
        assert sms.outbox == []  # nothing leaves before the commit

    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert [(m.to, m.text) for m in sms.outbox] == [("+77015551234", notification.body)]
    assert notification.body.startswith("Әсел, сіз «Бақытты отбасы» орталығында тіркелдіңіз")
    assert notification.provider_message_id == "locmem-1"


def test_when_the_events_transaction_rolls_back_there_is_no_row_and_nothing_is_sent(family, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        notify_registered(family)
        raise RuntimeError("the event failed")
    assert not Notification.objects.exists()
    assert sms.outbox == []


def test_the_same_event_never_makes_two_notifications(family, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = notify_registered(family)
        second = notify_registered(family)
    assert first.pk == second.pk
    assert Notification.objects.count() == 1 and len(sms.outbox) == 1


def test_the_message_is_in_the_mothers_language(family, django_capture_on_commit_callbacks):
    family.language = "ru"
    with django_capture_on_commit_callbacks(execute=True):
        notify_registered(family)
    assert sms.outbox[0].text.startswith("Әсел, вы зарегистрированы в центре «Бақытты отбасы»")


def test_a_mother_who_chose_email_gets_an_email(family, django_capture_on_commit_callbacks):
    family.notify_by, family.email, family.language = "email", "asel@example.kz", "ru"
    family.save()
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify_registered(family)
    assert notification.channel == "email" and sms.outbox == []
    assert [(m.to, m.subject) for m in mail.outbox] == [(["asel@example.kz"], "Добро пожаловать в центр «Бақытты отбасы»")]


def test_an_opted_out_mother_gets_essential_messages_only(family, django_capture_on_commit_callbacks):
    family.optional_messages = False
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_registered(family) is None
        essential = notify(
            key="appeal_resolved",
            recipient=recipient_for(family),
            centre=family.centre,
            context={**CONTEXT, "kind": "балабақша"},
            idempotency_key="event:2",
        )
    assert essential.status == "pending"
    assert [m.text[:20] for m in sms.outbox] == [essential.template.render("sms_text", "kk", essential.context)[:20]]


def test_a_message_scheduled_for_later_waits_for_the_sweeper(family, django_capture_on_commit_callbacks):
    later = timezone.now() + dt.timedelta(hours=20)
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            key="family_registered",
            recipient=recipient_for(family),
            centre=family.centre,
            context=CONTEXT,
            idempotency_key="event:3",
            send_at=later,
        )
    assert notifications_sweep() == 0 and sms.outbox == []
    with time_machine.travel(later + dt.timedelta(seconds=1), tick=False), django_capture_on_commit_callbacks(execute=True):
        assert notifications_sweep() == 1
    assert Notification.objects.get().status == "sent" and len(sms.outbox) == 1


def test_a_second_delivery_of_the_same_task_sends_nothing(family):
    notification = NotificationFactory(family=family)
    assert notification_deliver(notification_id=notification.pk) == "sent"
    assert notification_deliver(notification_id=notification.pk) is None
    assert len(sms.outbox) == 1


def test_a_gateway_error_is_retried_later_with_a_growing_delay_then_fails(family, settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    notification = NotificationFactory(family=family)
    delays = []
    with (
        mock.patch.object(sms.LocmemBackend, "send", side_effect=sms.TransientError("HTTP 503")),
        mock.patch("notifications.services.random.uniform", return_value=1.0),  # the jitter's middle
        time_machine.travel(timezone.now(), tick=False) as clock,
    ):
        for _ in range(3):
            status = notification_deliver(notification_id=notification.pk)
            notification.refresh_from_db()
            delays.append(notification.scheduled_for - timezone.now())
            clock.move_to(notification.scheduled_for)
    assert status == "failed"
    assert (notification.status, notification.attempts, notification.failure) == ("failed", 3, "gateway")
    assert notification.last_error == "HTTP 503"
    assert delays[:2] == [dt.timedelta(seconds=60), dt.timedelta(seconds=120)]


def test_a_refusal_by_the_gateway_fails_at_once(family):
    notification = NotificationFactory(family=family)
    with mock.patch.object(sms.LocmemBackend, "send", side_effect=sms.PermanentError("SMSC error 7: invalid number")):
        assert notification_deliver(notification_id=notification.pk) == "failed"
    notification.refresh_from_db()
    assert (notification.attempts, notification.failure) == (1, "rejected")


def test_a_message_without_an_address_fails_and_says_why(almaly):
    notification = NotificationFactory(user=RegistrarFactory(centre=almaly, email="", phone=""), to="")
    assert notification_deliver(notification_id=notification.pk) == "failed"
    assert Notification.objects.get().failure == "no_address"


def test_the_sweeper_takes_back_a_lost_claim_and_fails_an_interrupted_send(family, settings, django_capture_on_commit_callbacks):
    lost = NotificationFactory(family=family)
    interrupted = NotificationFactory(family=family)
    Notification.objects.filter(pk=lost.pk).update(
        status="sending", claim_token="11111111-1111-1111-1111-111111111111", claimed_at=timezone.now()
    )
    Notification.objects.filter(pk=interrupted.pk).update(
        status="sending",
        claim_token="22222222-2222-2222-2222-222222222222",
        claimed_at=timezone.now(),
        attempt_started_at=timezone.now(),
        attempts=1,
    )
    later = timezone.now() + dt.timedelta(minutes=settings.NOTIFICATIONS_CLAIM_MINUTES + 1)
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert notifications_sweep() == 1  # the lost one, sent again

    lost.refresh_from_db()
    interrupted.refresh_from_db()
    assert lost.status == "sent" and len(sms.outbox) == 1
    assert (interrupted.status, interrupted.failure) == ("failed", "interrupted")


def test_staff_can_send_a_failed_message_again(family, almaly, django_capture_on_commit_callbacks):
    head = CentreHeadFactory(centre=almaly)
    notification = NotificationFactory(family=family, centre=almaly, status="failed", attempts=5, failure="gateway")
    with django_capture_on_commit_callbacks(execute=True):
        notification_retry(actor=head, notification=notification)
    notification.refresh_from_db()
    assert (notification.status, notification.attempts, notification.failure) == ("sent", 1, "")
    assert AuditEvent.objects.filter(action="notification.retry", actor=head).exists()


def test_only_a_failed_message_can_be_sent_again(family, almaly):
    notification = NotificationFactory(family=family, status="sent", sent_at=timezone.now())
    with pytest.raises(DomainError):
        notification_retry(actor=CentreHeadFactory(centre=almaly), notification=notification)


def test_a_reminder_queued_before_she_opted_out_is_dropped_not_sent(family):
    notification = NotificationFactory(family=family)  # family_registered: not essential
    family.optional_messages = False
    family.save()
    assert notification_deliver(notification_id=notification.pk) == "cancelled"
    assert Notification.objects.get().status == "cancelled" and sms.outbox == []


def test_a_message_goes_to_the_number_she_has_when_it_falls_due(family):
    notification = NotificationFactory(family=family, to="+77015551234")
    family.phone = "+77770001122"
    family.save()
    notification_deliver(notification_id=notification.pk)
    assert [m.to for m in sms.outbox] == ["+77770001122"]
    assert Notification.objects.get().to == "+77770001122"


def test_an_email_that_is_not_essential_ends_with_a_link_to_stop_reminders(family, settings):
    settings.PORTAL_URL = "https://otbasy.almaty.kz"
    family.notify_by, family.email, family.language = "email", "asel@example.kz", "ru"
    family.save()
    notification_deliver(notification_id=NotificationFactory(family=family, channel="email", language="ru").pk)

    [message] = mail.outbox
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link.startswith("https://otbasy.almaty.kz/ru/families/stop-messages/")
    assert message.body.endswith(
        f"Вы получаете напоминания и новости центра «Бақытты отбасы». Чтобы отказаться от них, откройте {link}"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_an_essential_email_has_no_link_to_stop_it(family):
    family.notify_by, family.email = "email", "asel@example.kz"
    family.save()
    essential = NotificationFactory(
        family=family, channel="email", essential=True, template=MessageTemplate.objects.get(key="appeal_resolved")
    )
    notification_deliver(notification_id=essential.pk)
    [message] = mail.outbox
    assert "List-Unsubscribe" not in message.extra_headers and "/messages/stop/" not in message.body
