"""What the registry does when other apps act (messages to a mother go into her family's timeline), and
when its thresholds change (each process forgets the ones it kept)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.i18n import in_languages
from families.models import CategoryThresholds, Family, TimelineEntry
from families.models.thresholds import forget_thresholds
from families.timeline import message_entry
from notifications.models import Notification
from notifications.signals import notification_settled


@receiver(notification_settled, dispatch_uid="families.message_on_timeline")
def message_on_timeline(sender, notification: Notification, **kwargs) -> None:
    if notification.recipient_type_id != ContentType.objects.get_for_model(Family).pk:
        return
    template = notification.template
    fields = message_entry(notification, what=in_languages(lambda: template.description))
    if fields is not None:
        TimelineEntry.objects.create(**fields)


post_save.connect(forget_thresholds, sender=CategoryThresholds, dispatch_uid="families.forget_thresholds_saved")
post_delete.connect(forget_thresholds, sender=CategoryThresholds, dispatch_uid="families.forget_thresholds_deleted")
