import pytest

from tests.notifications.gateway import FakeGateway


@pytest.fixture
def gateway():
    server = FakeGateway()
    yield server
    server.close()
