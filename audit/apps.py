from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from audit import receivers
        from core import files, xlsx

        files.file_served.connect(receivers.file_served, dispatch_uid="audit.file_served")
        xlsx.exported.connect(receivers.exported, dispatch_uid="audit.exported")
