from celery import shared_task

from retention.services import retention_apply


@shared_task
def apply_retention() -> dict[str, int]:
    """Monthly (beat): anonymise the families past their period, delete the signed copies past theirs."""
    return retention_apply()
