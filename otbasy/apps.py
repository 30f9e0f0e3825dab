from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OtbasyConfig(AppConfig):
    name = "otbasy"
    verbose_name = _("Portal")

    def ready(self) -> None:
        if settings.EMBEDDED:
            # The embedded default keeps its database, cache and task queue in files under DATA_DIR.
            for folder in (settings.DATA_DIR, settings.BROKER_FOLDER / "control", settings.MEDIA_ROOT):
                folder.mkdir(parents=True, exist_ok=True)
        from django.apps import apps

        from otbasy import schedules

        # post_migrate is only sent for apps with models; the schedules live in django_celery_beat's.
        post_migrate.connect(schedules.install_default_schedules, sender=apps.get_app_config("django_celery_beat"))
