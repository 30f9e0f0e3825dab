"""Withdrawing and moving a message that has not begun to go (a cancelled or moved appointment's
reminder): at each point of a message's life, what cancel and reschedule answer and what then leaves."""

import datetime as dt
from contextlib import contextmanager
from unittest import mock

import pytest
import time_machine
from django.utils import timezone

from families.messages import recipient_for
from families.models import TimelineEntry
from notifications import sms
from notifications.models import Notification
from notifications.services import (
    notification_cancel,
    notification_deliver,
    notification_reschedule,
    notifications_sweep,
    notify,
)
from tests.factories import RegistrarFactory
from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db
CONTEXT = {"name": "Әсел", "centre": "Алмалы", "centre_phone": "8 727 272 02 02"}
KEY = "reminder:1"


@pytest.fixture
def family(almaly):
    return FamilyFactory(registrar=RegistrarFactory(centre=almaly), phone="+77015551234")


def queue(family, *, send_at=None) -> Notification:
    """A reminder to the mother, queued in the event's transaction. The test's transaction never
    commits, so nothing is handed to a worker unless the test says so."""
    return notify(
        key="family_registered",
        recipient=recipient_for(family),
        centre=family.centre,
        context=CONTEXT,
        idempotency_key=KEY,
        send_at=send_at,
    )


def row(notification) -> Notification:
    return Notification.objects.get(pk=notification.pk)


def messages_on_timeline(family) -> list[str]:
    kinds = ["families.sms_sent", "families.sms_failed", "families.email_sent", "families.email_failed"]
    return list(TimelineEntry.objects.filter(family=family, kind__in=kinds).values_list("kind", flat=True))


class RefusingBackend(sms.BaseBackend):
    def send(self, to, text):
        raise sms.PermanentError("number blocked")


@contextmanager
def while_sending(action):
    """Runs ``action`` while the gateway has the message in hand (its attempt has begun); yields the
    answers ``action`` gave."""
    answers = []

    class Backend(sms.LocmemBackend):
        def send(self, to, text):
            answers.append(action())
            return super().send(to, text)

    with mock.patch.object(sms, "backend", Backend):
        yield answers


def sweep_and_hold(capture) -> str:
    """A sweep claims the due message; its task waits in the broker (never run). Returns the claim."""
    with capture():
        assert notifications_sweep() == 1
    claim = Notification.objects.values_list("status", "claim_token", "attempt_started_at").get()
    assert claim[0] == "sending" and claim[2] is None
    return str(claim[1])


def test_a_pending_message_that_is_cancelled_is_never_sent(family, settled, django_capture_on_commit_callbacks):
    notification = queue(family)

    assert notification_cancel(idempotency_key=KEY) == "cancelled"

    with django_capture_on_commit_callbacks(execute=True):
        assert notifications_sweep() == 0
    assert notification_deliver(notification_id=notification.pk) is None  # the task notify() queued
    assert (row(notification).status, row(notification).attempts, sms.outbox) == ("cancelled", 0, [])
    assert settled == ["cancelled"]
    assert messages_on_timeline(family) == []  # a withdrawn reminder is no event for her


def test_a_message_claimed_by_a_sweep_but_not_yet_attempted_is_cancelled_and_its_task_finds_nothing_to_do(
    family, settled, django_capture_on_commit_callbacks
):
    notification = queue(family)
    claim = sweep_and_hold(django_capture_on_commit_callbacks)

    assert notification_cancel(idempotency_key=KEY) == "cancelled"

    assert notification_deliver(notification_id=notification.pk, claim_token=claim) is None
    cancelled = row(notification)
    assert (cancelled.status, cancelled.attempts, cancelled.claim_token, sms.outbox) == ("cancelled", 0, None, [])
    assert settled == ["cancelled"] and messages_on_timeline(family) == []


def test_a_message_whose_attempt_has_begun_is_not_cancelled_and_is_sent(family, settled):
    notification = queue(family)

    with while_sending(lambda: notification_cancel(idempotency_key=KEY)) as answers:
        assert notification_deliver(notification_id=notification.pk) == "sent"

    assert answers == ["sending"]
    assert row(notification).status == "sent" and len(sms.outbox) == 1
    assert settled == ["sent"] and messages_on_timeline(family) == ["families.sms_sent"]


def test_a_message_cancelled_during_an_attempt_that_then_fails_is_not_tried_again(
    family, settled, django_capture_on_commit_callbacks
):
    notification = queue(family)
    answers = []

    class FailingBackend(sms.BaseBackend):
        def send(self, to, text):
            answers.append(notification_cancel(idempotency_key=KEY))
            raise sms.TransientError("HTTP 503")

    with mock.patch.object(sms, "backend", FailingBackend):
        assert notification_deliver(notification_id=notification.pk) == "cancelled"
    with time_machine.travel(timezone.now() + dt.timedelta(hours=2)), django_capture_on_commit_callbacks(execute=True):
        assert notifications_sweep() == 0

    assert answers == ["sending"]
    assert (row(notification).status, sms.outbox) == ("cancelled", [])
    assert settled == ["cancelled"] and messages_on_timeline(family) == []


def test_cancelling_a_sent_message_says_it_was_sent_and_changes_nothing(family, settled):
    notification = queue(family)
    notification_deliver(notification_id=notification.pk)

    assert notification_cancel(idempotency_key=KEY) == "sent"

    assert row(notification).status == "sent" and settled == ["sent"]
    assert messages_on_timeline(family) == ["families.sms_sent"]


def test_cancelling_a_failed_message_says_it_failed(family, settled, monkeypatch):
    notification = queue(family)
    monkeypatch.setattr(sms, "backend", RefusingBackend)
    notification_deliver(notification_id=notification.pk)

    assert notification_cancel(idempotency_key=KEY) == "failed"
    assert row(notification).status == "failed" and settled == ["failed"]


def test_cancelling_twice_says_cancelled_both_times_and_settles_once(family, settled):
    queue(family)
    assert [notification_cancel(idempotency_key=KEY) for _ in range(2)] == ["cancelled", "cancelled"]
    assert settled == ["cancelled"]


def test_cancelling_an_unknown_key_answers_none(family, settled):
    queue(family)
    assert notification_cancel(idempotency_key="reminder:2") is None
    assert Notification.objects.get().status == "pending" and settled == []


def test_a_moved_message_goes_at_the_new_time_with_its_context_updated_and_not_before(
    family, settled, django_capture_on_commit_callbacks
):
    now = timezone.now()
    first, moved = now + dt.timedelta(hours=1), now + dt.timedelta(days=2)
    notification = queue(family, send_at=first)

    answer = notification_reschedule(idempotency_key=KEY, send_at=moved, context={"centre_phone": "8 727 300 00 00"})

    assert answer == "pending"
    assert (row(notification).scheduled_for, row(notification).context) == (moved, {**CONTEXT, "centre_phone": "8 727 300 00 00"})
    for moment in (first + dt.timedelta(minutes=1), moved - dt.timedelta(seconds=1)):
        with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
            assert notifications_sweep() == 0
    assert sms.outbox == [] and settled == []  # moving a message settles nothing
    with time_machine.travel(moved + dt.timedelta(seconds=1), tick=False), django_capture_on_commit_callbacks(execute=True):
        assert notifications_sweep() == 1
    [message] = sms.outbox
    assert message.text.startswith("Әсел,") and message.text.endswith("Тел.: 8 727 300 00 00")
    assert row(notification).status == "sent" and settled == ["sent"]


def test_a_message_moved_to_a_time_already_past_goes_once_the_move_commits(family, django_capture_on_commit_callbacks):
    notification = queue(family, send_at=timezone.now() + dt.timedelta(days=1))

    with django_capture_on_commit_callbacks(execute=True):
        assert notification_reschedule(idempotency_key=KEY, send_at=timezone.now()) == "pending"

    assert row(notification).status == "sent" and len(sms.outbox) == 1


def test_the_task_queued_for_the_old_time_does_nothing_once_the_message_is_moved_later(
    family, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        notification = queue(family)  # due now: notify() hands it to a worker on commit
    notification_reschedule(idempotency_key=KEY, send_at=timezone.now() + dt.timedelta(days=1))

    for callback in callbacks:
        callback()  # the worker gets the task only now

    assert (row(notification).status, row(notification).attempts, sms.outbox) == ("pending", 0, [])


def test_a_message_claimed_by_a_sweep_but_not_yet_attempted_goes_back_to_pending_at_the_new_time(
    family, settled, django_capture_on_commit_callbacks
):
    notification = queue(family)
    claim = sweep_and_hold(django_capture_on_commit_callbacks)
    moved = timezone.now() + dt.timedelta(days=1)

    assert notification_reschedule(idempotency_key=KEY, send_at=moved) == "pending"

    back = row(notification)
    assert (back.status, back.scheduled_for, back.claim_token, back.claimed_at) == ("pending", moved, None, None)
    assert notification_deliver(notification_id=notification.pk, claim_token=claim) is None  # the claimed task
    assert (row(notification).attempts, sms.outbox) == (0, [])
    with time_machine.travel(moved + dt.timedelta(seconds=1), tick=False), django_capture_on_commit_callbacks(execute=True):
        assert notifications_sweep() == 1
    assert row(notification).status == "sent" and len(sms.outbox) == 1 and settled == ["sent"]


def test_a_message_whose_attempt_has_begun_is_not_moved(family, settled):
    notification = queue(family)
    scheduled = notification.scheduled_for
    later = timezone.now() + dt.timedelta(days=1)

    with while_sending(lambda: notification_reschedule(idempotency_key=KEY, send_at=later, context={"name": "Дана"})) as answers:
        assert notification_deliver(notification_id=notification.pk) == "sent"

    assert answers == ["sending"]
    sent = row(notification)
    assert (sent.status, sent.scheduled_for, sent.context) == ("sent", scheduled, CONTEXT)
    assert len(sms.outbox) == 1 and sms.outbox[0].text.startswith("Әсел,") and settled == ["sent"]


@pytest.mark.parametrize("status", ["sent", "cancelled"])
def test_a_message_that_has_ended_is_not_moved(family, settled, status):
    notification = queue(family)
    if status == "sent":
        notification_deliver(notification_id=notification.pk)
    else:
        notification_cancel(idempotency_key=KEY)
    scheduled = row(notification).scheduled_for

    assert notification_reschedule(idempotency_key=KEY, send_at=timezone.now() + dt.timedelta(days=1)) == status

    assert (row(notification).status, row(notification).scheduled_for) == (status, scheduled)
    assert settled == [status]


def test_moving_an_unknown_key_answers_none(family):
    queue(family)
    assert notification_reschedule(idempotency_key="reminder:2", send_at=timezone.now()) is None
