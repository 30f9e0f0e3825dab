"""The outbox against a real Redis and real worker processes."""

import datetime as dt
import json
import time

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from families.messages import recipient_for
from notifications.models import Notification
from notifications.services import notifications_sweep, notify
from tests.conftest import use_broker
from tests.factories import RegistrarFactory
from tests.families.factories import FamilyFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
CONTEXT = {"name": "Әсел", "centre": "Алмалы", "centre_phone": "8 727 272 02 02"}


def wait_for(predicate, timeout: float = 30, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(every)
    return None


def status_of(notification) -> str:
    return Notification.objects.values_list("status", flat=True).get(pk=notification.pk)


@pytest.fixture
def family(reference_data, almaly):
    return FamilyFactory(registrar=RegistrarFactory(centre=almaly), phone="+77015551234")


def event(family, key="event:1"):
    """Something happens to the family, and in the same transaction a message is queued."""
    with transaction.atomic():
        family.address = "Абай даңғылы, 2"
        family.save(update_fields=["address"])
        return notify(
            key="family_registered", recipient=recipient_for(family), centre=family.centre, context=CONTEXT, idempotency_key=key
        )


def smsc_env(gateway, **extra) -> dict:
    return {
        "SMS_BACKEND": "smsc",
        "SMSC_URL": f"{gateway.url}/sys/send.php",
        "SMSC_LOGIN": "l",
        "SMSC_PASSWORD": "p",
        "NOTIFICATIONS_RETRY_SECONDS": "0",
        **extra,
    }


def sweep_until(notification, final: str, worker, *, sweeps: int) -> None:
    """Plays beat: sweeps each time a failed attempt has put the message back as pending, at most
    ``sweeps`` times, and fails unless the message then reaches ``final``."""

    def after_attempt(number: int):
        status, attempts = Notification.objects.values_list("status", "attempts").get(pk=notification.pk)
        return status if attempts >= number and status in ("pending", final) else None

    for attempt in range(1, sweeps + 2):
        status = wait_for(lambda number=attempt: after_attempt(number), timeout=30)
        assert status, "".join(worker.output)
        if status == final or attempt > sweeps:
            break
        notifications_sweep()
    assert status == final, "".join(worker.output)


def test_with_redis_down_the_event_still_succeeds_and_the_sweeper_sends_it_exactly_once_when_redis_is_back(
    family, disposable_redis, start_worker, not_eager, tmp_path
):
    sent_file = tmp_path / "sms.jsonl"
    use_broker(not_eager, disposable_redis.url)
    worker = start_worker(disposable_redis.url, SMS_BACKEND="file", SMS_FILE_PATH=str(sent_file))
    disposable_redis.stop()

    notification = event(family)

    family.refresh_from_db()
    assert family.address == "Абай даңғылы, 2"  # the event happened
    assert status_of(notification) == "pending"  # and its message waits in the table

    disposable_redis.start()
    assert notifications_sweep() == 1
    assert wait_for(lambda: status_of(notification) == "sent"), "".join(worker.output)
    assert notifications_sweep() == 0  # nothing left to send
    time.sleep(1)
    lines = [json.loads(line) for line in sent_file.read_text(encoding="utf-8").splitlines()]
    assert [(line["to"], line["text"][:5]) for line in lines] == [("+77015551234", "Әсел,")]


def test_a_worker_that_dies_while_sending_never_sends_the_message_twice(
    family, disposable_redis, start_worker, not_eager, gateway, settings
):
    use_broker(not_eager, disposable_redis.url)
    env = smsc_env(gateway, CELERY_VISIBILITY_TIMEOUT="2")
    first = start_worker(disposable_redis.url, **env)
    gateway.hold.set()  # the gateway takes the message and hangs before answering

    notification = event(family)
    assert gateway.received.wait(timeout=30), "".join(first.output)
    first.kill()  # dies with the task taken from Redis and not acknowledged (acks_late)
    gateway.release()

    second = start_worker(disposable_redis.url, **env)
    # Redis hands the unacknowledged task to the new worker once its visibility timeout is over.
    assert wait_for(lambda: "succeeded" in "".join(second.output), timeout=60), "".join(second.output)
    assert len(gateway.requests) == 1
    assert status_of(notification) == "sending"  # delivery unknown: not repeated

    later = timezone.now() + dt.timedelta(minutes=settings.NOTIFICATIONS_CLAIM_MINUTES + 1)
    with time_machine.travel(later, tick=False):
        notifications_sweep()
    notification.refresh_from_db()
    assert (notification.status, notification.failure) == ("failed", "interrupted")
    assert len(gateway.requests) == 1


def test_a_gateway_that_fails_three_times_then_answers_sends_on_the_fourth_try(family, start_worker, not_eager, gateway):
    gateway.answer((503, {}), (500, {}), (502, {}), (200, {"id": 99, "cnt": 1}))
    worker = start_worker(**smsc_env(gateway))

    notification = event(family)
    sweep_until(notification, "sent", worker, sweeps=3)

    notification.refresh_from_db()
    assert (notification.attempts, notification.provider_message_id) == (4, "99")
    assert len(gateway.requests) == 4


def test_a_gateway_that_always_fails_leaves_the_message_failed_after_the_last_attempt(family, start_worker, not_eager, gateway):
    gateway.default = (500, {})
    worker = start_worker(**smsc_env(gateway, NOTIFICATIONS_MAX_ATTEMPTS="3"))

    notification = event(family)
    sweep_until(notification, "failed", worker, sweeps=2)

    notification.refresh_from_db()
    assert (notification.attempts, notification.failure, notification.last_error) == (3, "gateway", "HTTP 500")
    assert len(gateway.requests) == 3
