"""Messages follow their recipient: when her record is erased (retention deletes families), her
messages, with the numbers and texts in them, go too — and nobody else's."""

import pytest
from django.contrib.contenttypes.models import ContentType

from accounts.models import User
from notifications.models import Notification
from notifications.services import notifications_forget
from tests.factories import RegistrarFactory
from tests.families.factories import FamilyFactory
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrar(almaly):
    return RegistrarFactory(centre=almaly, email="")


@pytest.fixture
def families(registrar):
    return FamilyFactory(registrar=registrar), FamilyFactory(registrar=registrar)


def others(registrar, family):
    """Messages that are not the family's: another family's, a member of staff's whose id is the
    family's id, and a sign-up code to a bare number."""
    neighbour = FamilyFactory(registrar=registrar)
    return [
        NotificationFactory(family=neighbour),
        NotificationFactory(recipient_type=ContentType.objects.get_for_model(User), recipient_id=family.pk, recipient_name="x"),
        NotificationFactory(),
    ]


def keys(notifications) -> set[str]:
    return {notification.idempotency_key for notification in notifications}


def test_deleting_a_family_deletes_her_messages_and_nobody_elses(registrar, families):
    family, _ = families
    hers = [NotificationFactory(family=family), NotificationFactory(family=family, status="failed")]
    kept = others(registrar, family)

    family.delete()

    assert not Notification.objects.filter(idempotency_key__in=keys(hers)).exists()
    assert set(Notification.objects.values_list("idempotency_key", flat=True)) == keys(kept)


def test_a_familys_messages_can_be_read_from_the_family(families):
    family, neighbour = families
    hers = NotificationFactory(family=family)
    NotificationFactory(family=neighbour)

    assert list(family.notifications.all()) == [hers]
    assert list(Notification.objects.filter(family=family)) == [hers]


def test_forgetting_a_record_deletes_its_messages_only_and_says_how_many(registrar, families):
    family, _ = families
    NotificationFactory(family=family)
    NotificationFactory(family=family)
    kept = others(registrar, family)

    assert notifications_forget(family) == 2

    assert set(Notification.objects.values_list("idempotency_key", flat=True)) == keys(kept)
    assert notifications_forget(family) == 0


def test_forgetting_a_member_of_staff_deletes_the_messages_to_her(registrar, families):
    family, _ = families
    NotificationFactory(user=registrar)
    kept = NotificationFactory(family=family)

    assert notifications_forget(registrar) == 1
    assert list(Notification.objects.all()) == [kept]
