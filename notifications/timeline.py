"""Messages to a mother appear on her family's timeline: those sent, and those that could not be
delivered, so that the front desk knows to tell her in person."""

from django.utils.translation import gettext_lazy as _

from families.timeline import Entry, provider
from notifications.models import Channel, Notification

TITLES = {
    (Channel.SMS, Notification.Status.SENT): _("SMS sent: %(what)s"),
    (Channel.EMAIL, Notification.Status.SENT): _("E-mail sent: %(what)s"),
    (Channel.SMS, Notification.Status.FAILED): _("SMS not delivered: %(what)s"),
    (Channel.EMAIL, Notification.Status.FAILED): _("E-mail not delivered: %(what)s"),
}


@provider
def messages(family, user):
    done = Notification.objects.filter(family=family, status__in=[Notification.Status.SENT, Notification.Status.FAILED])
    for notification in done.select_related("template"):
        sent = notification.status == Notification.Status.SENT
        yield Entry(
            at=notification.sent_at if sent else notification.scheduled_for,
            icon=("chat-text" if notification.channel == Channel.SMS else "envelope") if sent else "exclamation-triangle",
            title=TITLES[notification.channel, notification.status] % {"what": notification.template.description},
            detail=notification.body if sent else notification.get_failure_display(),
        )
