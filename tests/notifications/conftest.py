import pytest

from notifications import sms
from tests.notifications.gateway import FakeGateway


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def gateway():
    server = FakeGateway()
    yield server
    server.close()
