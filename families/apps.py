from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamiliesConfig(AppConfig):
    name = "families"
    verbose_name = _("Family registry")

    def ready(self) -> None:
        from families import timeline  # noqa: F401  (registers the registry's own timeline entries)
