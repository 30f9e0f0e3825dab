import pytest

from notifications.signals import notification_settled
from tests.notifications.gateway import FakeGateway


@pytest.fixture
def gateway():
    server = FakeGateway()
    yield server
    server.close()


@pytest.fixture
def settled():
    """The messages the outbox announces as ended (``notification_settled``), in order: their statuses."""
    statuses: list[str] = []

    def receiver(sender, notification, **kwargs):
        statuses.append(notification.status)

    notification_settled.connect(receiver, weak=False, dispatch_uid="tests.settled")
    yield statuses
    notification_settled.disconnect(dispatch_uid="tests.settled")
