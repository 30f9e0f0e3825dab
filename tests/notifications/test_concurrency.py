"""Races against the sweeper, each party in its own thread on its own PostgreSQL connection, with a
control run without the protection that shows each race is real.

Two sweepers at the same moment (two beat processes, or a sweep that overran into the next minute): each
reads the due rows and waits until the other has read them too before claiming them; the row lock
decides. A cancel racing the sweeper: the conditional update decides (see below)."""

import datetime as dt
import functools
import threading
import time
import uuid
from collections import Counter
from unittest import mock

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from families.models import TimelineEntry
from notifications import services, sms
from notifications.models import Notification
from tests.factories import RegistrarFactory
from tests.families.factories import FamilyFactory
from tests.notifications.factories import NotificationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's"),
]


def sweep_at_once(sweepers: int = 2) -> tuple[list[int], list[int]]:
    """Runs the sweepers in threads; returns what each claimed and every id handed to the broker."""
    barrier = threading.Barrier(sweepers, timeout=20)
    read = services._due_ids

    def read_then_wait(now, batch):
        ids = read(now, batch)
        barrier.wait()
        return ids

    claimed: list = [None] * sweepers
    enqueued: list[int] = []

    def sweep(index):
        try:
            claimed[index] = services.notifications_sweep()
        finally:
            connection.close()

    with (
        mock.patch.object(services, "_due_ids", side_effect=read_then_wait),
        mock.patch.object(services, "_enqueue", side_effect=lambda pk, token=None: enqueued.append(pk) or True),
    ):
        threads = [threading.Thread(target=sweep, args=(i,)) for i in range(sweepers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    return claimed, enqueued


@pytest.fixture
def due(reference_data):
    return sorted(NotificationFactory().pk for _ in range(5))


def test_two_sweepers_at_once_hand_each_due_message_to_the_broker_once(due):
    claimed, enqueued = sweep_at_once()

    assert sum(claimed) == 5  # one sweeper took them all, or they shared them out
    assert sorted(enqueued) == due
    assert set(Notification.objects.values_list("status", flat=True)) == {"sending"}


def test_without_the_row_lock_two_sweepers_at_once_both_claim_every_message(due):
    """The control: the same sweep, its SELECT without FOR UPDATE SKIP LOCKED."""
    with mock.patch.object(QuerySet, "select_for_update", lambda self, **kwargs: self):
        claimed, enqueued = sweep_at_once()

    assert claimed == [5, 5]
    assert sorted(enqueued) == sorted(due * 2)


# A cancel racing the sweeper: one thread sweeps and delivers every due message (tasks are eager in the
# test profile, so delivery runs in the sweeping thread), another cancels each of them at the same time.
# Either the cancel wins and the message never reaches the gateway, or its attempt had begun and the
# cancel says so — never both.


class SlowGateway(sms.BaseBackend):
    """Takes a moment over each message and records every one handed to it. With ``hold_first`` it keeps
    the first message until ``let_go`` is set: its attempt has begun and has not ended."""

    def __init__(self, *, hold_first: bool) -> None:
        self.handed: list[str] = []
        self.first_in_hand = threading.Event()
        self.let_go = threading.Event()
        if not hold_first:
            self.let_go.set()
        self._lock = threading.Lock()

    def send(self, to: str, text: str) -> str:
        with self._lock:
            self.handed.append(to)
            first = len(self.handed) == 1
        if first:
            self.first_in_hand.set()
            self.let_go.wait(timeout=30)
        time.sleep(0.002)  # widens each attempt; nothing is ordered by it
        return f"slow-{to}"


def run_in_threads(*targets) -> None:
    """Runs each target in its own thread, on its own database connection; fails on any error."""
    errors: list[BaseException] = []

    def run(target):
        try:
            target()
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(target,)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads) and errors == []


def cancel_while_sweeping(cancel, gateway: SlowGateway, *, meet_an_attempt: bool) -> dict[str, str | None]:
    """Sweeps and delivers in one thread while the other cancels (or moves) every key with ``cancel``, a
    barrier letting both go; returns each key's answer. With ``meet_an_attempt`` the cancels begin once
    the first message is in the gateway's hands, and the gateway keeps it until its cancel has answered
    (so that one cancel surely meets an attempt under way); the rest are cancelled from the last, towards
    the sweeper sending from the first, so the two meet somewhere in the middle."""
    keys = list(Notification.objects.order_by("scheduled_for").values_list("idempotency_key", flat=True))
    start = threading.Barrier(2, timeout=30)
    answers: dict[str, str | None] = {}

    def sweeper():
        start.wait()
        services.notifications_sweep()

    def canceller():
        start.wait()
        rest = keys
        if meet_an_attempt:
            try:
                assert gateway.first_in_hand.wait(timeout=30)
                answers[keys[0]] = cancel(idempotency_key=keys[0])
            finally:
                gateway.let_go.set()
            rest = keys[1:]
        for key in reversed(rest):
            answers[key] = cancel(idempotency_key=key)

    with mock.patch.object(sms, "backend", lambda: gateway):
        run_in_threads(sweeper, canceller)
    return answers


def naive_cancel(*, idempotency_key: str) -> str | None:
    """A cancel without the protection: whatever has not ended is cancelled, its attempt begun or not."""
    rows = Notification.objects.filter(idempotency_key=idempotency_key)
    if rows.filter(status__in=["pending", "sending"]).update(status="cancelled"):
        return "cancelled"
    return rows.values_list("status", flat=True).first()


@pytest.fixture
def reminders(reference_data):
    """Thirty due reminders to bare phone numbers, due one second apart (the sweeper sends the oldest first)."""
    now = timezone.now()
    return {
        f"reminder:{n}": NotificationFactory(
            idempotency_key=f"reminder:{n}", to=f"+7701000{n:04d}", scheduled_for=now - dt.timedelta(seconds=60 - n)
        ).to
        for n in range(30)
    }


def outcomes(reminders, answers, gateway) -> list[tuple[str | None, int, str]]:
    """For each message: what its cancel (or move) answered, how many times the gateway got it, its status."""
    handed = Counter(gateway.handed)
    status = dict(Notification.objects.values_list("idempotency_key", "status"))
    return [(answers[key], handed[to], status[key]) for key, to in reminders.items()]


@pytest.mark.parametrize("meet_an_attempt", [True, False], ids=["cancels-meet-an-attempt", "cancels-race-the-claim"])
def test_a_cancel_racing_the_sweeper_either_wins_or_the_message_is_sent_once_never_both(reminders, meet_an_attempt):
    gateway = SlowGateway(hold_first=meet_an_attempt)

    answers = cancel_while_sweeping(services.notification_cancel, gateway, meet_an_attempt=meet_an_attempt)

    for answer, handed, status in outcomes(reminders, answers, gateway):
        if answer == "cancelled":
            assert (handed, status) == (0, "cancelled")
        else:
            assert (answer, handed, status) in {("sending", 1, "sent"), ("sent", 1, "sent")}
    if meet_an_attempt:
        assert answers["reminder:0"] == "sending"  # the one in the gateway's hands went


def test_without_the_protection_a_cancel_racing_the_sweeper_reports_cancelled_a_message_that_is_sent(reminders):
    """The control: the same race, with a cancel that ignores whether the message's attempt began."""
    gateway = SlowGateway(hold_first=True)

    answers = cancel_while_sweeping(naive_cancel, gateway, meet_an_attempt=True)

    both = [outcome for outcome in outcomes(reminders, answers, gateway) if outcome[0] == "cancelled" and outcome[1]]
    assert both  # reported cancelled, and handed to the gateway all the same
    assert ("cancelled", 1, "sent") in both


def test_a_move_racing_the_sweeper_either_wins_or_the_message_is_sent_once_at_its_old_time(reminders):
    gateway = SlowGateway(hold_first=True)
    later = timezone.now() + dt.timedelta(days=1)

    answers = cancel_while_sweeping(
        functools.partial(services.notification_reschedule, send_at=later), gateway, meet_an_attempt=True
    )

    scheduled = dict(Notification.objects.values_list("idempotency_key", "scheduled_for"))
    for (answer, handed, status), key in zip(outcomes(reminders, answers, gateway), reminders, strict=True):
        if answer == "pending":
            assert (handed, status, scheduled[key]) == (0, "pending", later)
        else:
            assert (answer, handed, status) in {("sending", 1, "sent"), ("sent", 1, "sent")} and scheduled[key] < later
    assert answers["reminder:0"] == "sending"


def test_two_sweepers_that_find_the_same_interrupted_send_at_once_put_it_on_the_timeline_once(reference_data, almaly, settings):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    started = timezone.now() - dt.timedelta(minutes=settings.NOTIFICATIONS_CLAIM_MINUTES + 1)
    notification = NotificationFactory(
        family=family, status="sending", claim_token=uuid.uuid4(), claimed_at=started, attempt_started_at=started, attempts=1
    )
    both_found_it = threading.Barrier(2, timeout=30)
    finish = services._finish

    def finish_together(rows, **values):
        both_found_it.wait()
        return finish(rows, **values)

    with mock.patch.object(services, "_finish", side_effect=finish_together):
        run_in_threads(services.notifications_sweep, services.notifications_sweep)

    notification.refresh_from_db()
    assert (notification.status, notification.failure) == ("failed", "interrupted")
    assert list(TimelineEntry.objects.filter(family=family).values_list("kind", flat=True)) == ["families.sms_failed"]
