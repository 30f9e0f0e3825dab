import time

import pytest
from django.core.cache import cache

from otbasy.tasks import HEARTBEAT_KEY, worker_heartbeat


def wait_for(predicate, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    return None


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_process_takes_a_task_from_redis_and_runs_it(start_worker, not_eager):
    worker = start_worker()
    assert cache.get(HEARTBEAT_KEY) is None

    worker_heartbeat.delay()

    assert wait_for(lambda: cache.get(HEARTBEAT_KEY)), "".join(worker.output)
    assert "otbasy.tasks.worker_heartbeat" in "".join(worker.output)
