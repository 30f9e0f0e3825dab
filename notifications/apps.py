from django.utils.translation import gettext_lazy as _

from core import extensions
from core.extensions import MenuItem
from core.roles import Role
from core.schedules import DefaultSchedule


class NotificationsConfig(extensions.PortalAppConfig):
    name = "notifications"
    verbose_name = _("Notifications")
    url_prefix = "messages/"
    menu = [MenuItem(_("Messages"), "notifications:log", frozenset({Role.CENTRE_HEAD}), "chat-dots", order=50)]
    schedules = [
        DefaultSchedule(name="Send due notifications", task="notifications.tasks.sweep_notifications", every_seconds=60),
    ]
    reference_data = ["notifications.migrations.0002_message_templates.create_templates"]
