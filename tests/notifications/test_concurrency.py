"""Two sweepers at the same moment (two beat processes, or a sweep that overran into the next minute),
each on its own PostgreSQL connection. Each reads the due rows and waits until the other has read them
too before claiming them; the row lock decides. A control run without the lock shows the race."""

import threading
from unittest import mock

import pytest
from django.db import connection
from django.db.models import QuerySet

from notifications import services
from notifications.models import Notification
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
