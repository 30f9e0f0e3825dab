import factory
from factory.django import DjangoModelFactory

from notifications.models import MessageTemplate, Notification


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    template = factory.LazyFunction(lambda: MessageTemplate.objects.get(key="family_registered"))
    channel = "sms"
    to = "+77015551234"
    language = "kk"
    context = factory.LazyFunction(lambda: {"name": "Әсел", "centre_phone": "8 727 272 02 02", "centre": "Алмалы"})
    idempotency_key = factory.Sequence(lambda n: f"test:{n}")
