"""The grants' background tasks: thin adapters that call a service."""

from celery import shared_task


@shared_task
def remind_visits() -> int:
    """Tells the grant officers of the applications' centres which monitoring visits fall due this week."""
    from grants.services.reminders import visits_remind

    return visits_remind()
