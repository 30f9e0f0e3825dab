"""A worker that died mid-attempt leaves its row "sending" with the attempt started; once the claim's
lease is over the sweeper marks it failed ("interrupted", never sent again) and says so, once."""

import datetime as dt
import uuid
from unittest import mock

import pytest
from django.utils import timezone, translation

from families.timeline import timeline_for
from notifications import services
from notifications.models import Notification
from notifications.services import notifications_sweep
from tests.factories import RegistrarFactory
from tests.families.factories import FamilyFactory
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrar(almaly):
    return RegistrarFactory(centre=almaly)


@pytest.fixture
def family(registrar):
    return FamilyFactory(registrar=registrar, phone="+77015551234")


def interrupted(family, settings) -> Notification:
    """A message whose worker called the gateway and died before it could write down the answer."""
    notification = NotificationFactory(family=family)
    started = timezone.now() - dt.timedelta(minutes=settings.NOTIFICATIONS_CLAIM_MINUTES + 1)
    Notification.objects.filter(pk=notification.pk).update(
        status="sending", claim_token=uuid.uuid4(), claimed_at=started, attempt_started_at=started, attempts=1
    )
    return notification


def messages_on(family, user) -> list[tuple[str, str]]:
    with translation.override("en"):
        return [(entry.title, entry.detail) for entry in timeline_for(family, user) if entry.icon == "exclamation-triangle"]


def test_an_interrupted_send_shows_on_the_familys_timeline_as_not_delivered_once(family, registrar, settings):
    notification = interrupted(family, settings)

    for _ in range(3):  # the sweeper comes by every minute
        assert notifications_sweep() == 0

    notification.refresh_from_db()
    assert (notification.status, notification.failure, notification.attempts) == ("failed", "interrupted", 1)
    assert messages_on(family, registrar) == [
        ("SMS not delivered: Family registered", "sending was interrupted: delivery unknown, not repeated")
    ]


def test_a_message_put_back_and_claimed_again_after_the_sweeper_found_it_interrupted_is_left_to_its_new_claim(
    family, registrar, settings
):
    """The worker was only slow: while the sweeper looked at its old attempt, it got a gateway error and
    put the message back, and another sweep claimed it. The new claim is not an interrupted send."""
    notification = interrupted(family, settings)
    new_claim = uuid.uuid4()
    finish = services._finish

    def claimed_again_first(rows, **values):
        Notification.objects.filter(pk=notification.pk).update(
            status="sending", claim_token=new_claim, claimed_at=timezone.now(), attempt_started_at=None
        )
        return finish(rows, **values)

    with mock.patch.object(services, "_finish", side_effect=claimed_again_first) as finishing:
        services._recover_stale_claims(timezone.now() - dt.timedelta(minutes=settings.NOTIFICATIONS_CLAIM_MINUTES))

    assert finishing.call_count == 1  # the sweeper did find the old attempt
    notification.refresh_from_db()
    assert (notification.status, notification.claim_token, notification.failure) == ("sending", new_claim, "")
    assert services.notification_deliver(notification_id=notification.pk, claim_token=str(new_claim)) == "sent"
    assert messages_on(family, registrar) == []
