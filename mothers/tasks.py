import datetime as dt

from celery import shared_task
from django.utils import timezone

from mothers.services import codes_forget


@shared_task
def forget_old_codes() -> int:
    """Daily: codes that expired more than a day ago go, with their messages."""
    return codes_forget(expired_before=timezone.now() - dt.timedelta(days=1))
