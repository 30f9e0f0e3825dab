from celery import shared_task

from core import submissions


@shared_task
def forget_old_submissions() -> int:
    """Every night: the tokens of forms saved a month ago are of no more use."""
    return submissions.forget_old_submissions()
