import os

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "otbasy.settings")

app = Celery("otbasy")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@after_setup_logger.connect
@after_setup_task_logger.connect
def _no_personal_numbers(logger, **kwargs) -> None:
    """The worker sets up its own log handlers; they keep IINs and phone numbers out too."""
    from otbasy.logfilters import NoPersonalNumbers

    for handler in logger.handlers:
        handler.addFilter(NoPersonalNumbers())
