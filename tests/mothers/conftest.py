import pytest
from django.test import Client


class CommittingClient(Client):
    """A test client whose requests run what they queued for after their commit (the outbox sends the
    SMS), as a real request does: the test's transaction never commits, so Django would hold them."""

    capture = None

    def request(self, **request):
        with self.capture(execute=True):
            return super().request(**request)


@pytest.fixture
def new_client(django_capture_on_commit_callbacks):
    def make() -> CommittingClient:
        made = CommittingClient()
        made.capture = django_capture_on_commit_callbacks
        return made

    return make


@pytest.fixture
def client(new_client):
    return new_client()
