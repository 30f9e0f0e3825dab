"""Retention keeps texts about a family too (the reasons of holds and of a request to be forgotten):
when the family is anonymised, the family's names are taken out of them as out of every other text."""

from django.dispatch import receiver

from families.models import Family
from families.signals import family_anonymising
from retention.models import Anonymisation, RetentionHold


@receiver(family_anonymising, sender=Family, dispatch_uid="retention.forget_reasons")
def forget_reasons(sender, *, family, redact, **kwargs) -> None:
    for hold in RetentionHold.objects.filter(family=family):
        hold.reason = redact(hold.reason)
        hold.save(update_fields=["reason"])
    for record in Anonymisation.objects.filter(family=family):
        record.reason = redact(record.reason)
        record.save(update_fields=["reason"])
