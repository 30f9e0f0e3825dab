import factory
from django.contrib.contenttypes.models import ContentType
from factory.django import DjangoModelFactory

from notifications.models import MessageTemplate, Notification


def _recipient(notification):
    return notification.family or notification.user


class NotificationFactory(DjangoModelFactory):
    """A message in the outbox; ``family=`` or ``user=`` names its recipient's record."""

    class Meta:
        model = Notification

    class Params:
        family = None
        user = None

    template = factory.LazyFunction(lambda: MessageTemplate.objects.get(key="family_registered"))
    channel = "sms"
    to = "+77015551234"
    language = "kk"
    context = factory.LazyFunction(lambda: {"name": "Әсел", "centre_phone": "8 727 272 02 02", "centre": "Алмалы"})
    idempotency_key = factory.Sequence(lambda n: f"test:{n}")
    recipient_type = factory.LazyAttribute(lambda n: ContentType.objects.get_for_model(_recipient(n)) if _recipient(n) else None)
    recipient_id = factory.LazyAttribute(lambda n: _recipient(n).pk if _recipient(n) else None)
    recipient_name = factory.LazyAttribute(lambda n: str(_recipient(n)) if _recipient(n) else "")
    centre = factory.LazyAttribute(lambda n: n.family.centre if n.family else getattr(n.user, "centre", None))
