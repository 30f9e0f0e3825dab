"""What the registry does when other apps act: messages to a mother go into her family's timeline."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.dispatch import receiver

from core.i18n import in_languages
from families.models import Family
from families.timeline import timeline_add
from notifications.models import Channel, Notification
from notifications.signals import notification_settled

# The timeline shows messages sent, and those that could not be delivered (so that the front desk
# knows to tell her in person); a cancelled reminder is no event for her.
_KINDS = {
    (Channel.SMS, Notification.Status.SENT): "families.sms_sent",
    (Channel.EMAIL, Notification.Status.SENT): "families.email_sent",
    (Channel.SMS, Notification.Status.FAILED): "families.sms_failed",
    (Channel.EMAIL, Notification.Status.FAILED): "families.email_failed",
}


@receiver(notification_settled, dispatch_uid="families.message_on_timeline")
def message_on_timeline(sender, notification: Notification, **kwargs) -> None:
    kind = _KINDS.get((notification.channel, notification.status))
    if kind is None or notification.recipient_type_id != ContentType.objects.get_for_model(Family).pk:
        return
    sent = notification.status == Notification.Status.SENT
    template = notification.template
    params = {"what": in_languages(lambda: template.description)}
    if sent:
        params["body"] = notification.body
    else:
        params["failure"] = in_languages(notification.get_failure_display)
    timeline_add(
        family=notification.recipient_id,
        kind=kind,
        params=params,
        at=notification.sent_at if sent else None,
        about=notification,
    )
