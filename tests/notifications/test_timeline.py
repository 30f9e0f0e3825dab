import pytest
from django.utils import timezone, translation

from families.timeline import timeline_for
from tests.factories import RegistrarFactory
from tests.families.factories import FamilyFactory
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_the_timeline_shows_messages_sent_and_those_that_could_not_be_delivered(almaly):
    registrar = RegistrarFactory(centre=almaly)
    family = FamilyFactory(registrar=registrar)
    NotificationFactory(family=family, status="sent", sent_at=timezone.now(), body="Әсел, сіз тіркелдіңіз")
    NotificationFactory(family=family, status="failed", failure="gateway")
    NotificationFactory(family=family)  # still waiting: not history yet

    with translation.override("en"):
        entries = [
            (str(e.title), str(e.detail))
            for e in timeline_for(family, registrar)
            if e.icon in ("chat-text", "exclamation-triangle")
        ]

    assert sorted(entries) == [
        ("SMS not delivered: Family registered", "the gateway did not answer after every try"),
        ("SMS sent: Family registered", "Әсел, сіз тіркелдіңіз"),
    ]
