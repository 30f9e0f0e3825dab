"""A service never waits forever for a row that a stuck transaction holds (issue 9, item 15): after
LOCK_TIMEOUT_MS it refuses with "try again" in the user's language, and the page says so — no 500, no
hung worker. Real row locks on PostgreSQL, held by another connection."""

import threading

import pytest
from django.db import connection, transaction
from django.utils import translation

from core.errors import DomainError
from core.locking import BUSY
from families.models import Appeal
from families.services import appeal_move
from tests.factories import RegistrarFactory
from tests.families.factories import AppealFactory, FamilyFactory

pytestmark = pytest.mark.django_db(transaction=True)


class StuckTransaction:
    """Another connection that locks a row and keeps it until released."""

    def __init__(self, model, pk):
        self.locked, self.release = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold, args=(model, pk))

    def _hold(self, model, pk):
        try:
            with transaction.atomic():
                model.objects.select_for_update().get(pk=pk)
                self.locked.set()
                self.release.wait(timeout=30)
        finally:
            connection.close()

    def __enter__(self):
        self.thread.start()
        assert self.locked.wait(timeout=10)
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join(timeout=30)


@pytest.fixture
def appeal(reference_data, almaly, settings):
    settings.LOCK_TIMEOUT_MS = 300
    return AppealFactory(family=FamilyFactory(registrar=RegistrarFactory(centre=almaly)), status="in_progress")


def test_a_service_behind_a_stuck_transaction_gives_up_and_asks_to_try_again(appeal):
    with StuckTransaction(Appeal, appeal.pk), translation.override("en"), pytest.raises(DomainError) as refused:
        appeal_move(actor=appeal.opened_by, appeal=appeal, to_status="resolved", comment="Done")

    assert str(refused.value.message) == str(BUSY)
    appeal.refresh_from_db()
    assert appeal.status == "in_progress" and appeal.steps.count() == 1


def test_the_modal_form_shows_the_refusal_in_the_users_language_and_keeps_what_she_typed(client, appeal):
    client.force_login(appeal.opened_by)
    with StuckTransaction(Appeal, appeal.pk):
        response = client.post(
            f"/ru/families/appeals/{appeal.pk}/move/",
            {"to_status": "resolved", "comment": "Место в садике дали"},
            headers={"HX-Request": "true"},
        )

    page = response.content.decode()
    assert response.status_code == 400
    with translation.override("ru"):
        assert str(BUSY) in page
    assert "Место в садике дали" in page


def test_once_the_other_transaction_ends_the_same_request_goes_through(appeal):
    with StuckTransaction(Appeal, appeal.pk):
        pass
    appeal_move(actor=appeal.opened_by, appeal=appeal, to_status="resolved", comment="Done")
    appeal.refresh_from_db()
    assert appeal.status == "resolved"
