from django.apps import apps
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from core import extensions
from core.schedules import DefaultSchedule


class CoreConfig(extensions.PortalAppConfig):
    name = "core"
    verbose_name = _("Portal core")
    schedules = [
        DefaultSchedule(
            name="Forget the tokens of old forms",
            task="core.tasks.forget_old_submissions",
            crontab={"minute": "40", "hour": "3", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
        ),
    ]

    def ready(self) -> None:
        from core import schedules

        # Every app's permission rules register themselves when its permissions module is imported.
        autodiscover_modules("permissions")
        # post_migrate is only sent for apps with models; the schedules live in django_celery_beat's.
        post_migrate.connect(
            schedules.install_default_schedules,
            sender=apps.get_app_config("django_celery_beat"),
            dispatch_uid="core.install_default_schedules",
        )
