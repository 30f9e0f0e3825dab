from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core import extensions
from core.extensions import Desk
from core.roles import Role
from core.schedules import DefaultSchedule


class OtbasyConfig(extensions.PortalAppConfig):
    name = "otbasy"
    verbose_name = _("Portal")
    schedules = [DefaultSchedule(name="Worker heartbeat", task="otbasy.tasks.worker_heartbeat", every_seconds=60)]
    # Administrators keep the reference data, the users and the message wording: all in the admin.
    desks = [Desk("admin:index", frozenset({Role.ADMINISTRATOR}))]

    def ready(self) -> None:
        if settings.EMBEDDED:
            # The embedded default keeps its database, cache and task queue in files under DATA_DIR.
            for folder in (settings.DATA_DIR, settings.BROKER_FOLDER / "control", settings.MEDIA_ROOT):
                folder.mkdir(parents=True, exist_ok=True)
