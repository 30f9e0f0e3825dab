from celery import shared_task

from families.services import categories_recompute_all


@shared_task
def recompute_categories() -> int:
    """Daily (beat): children grow up and thresholds change, so categories are worked out again."""
    return categories_recompute_all()
