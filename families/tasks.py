from celery import shared_task

from families.services import categories_recompute_all, name_words_forget_unused


@shared_task
def recompute_categories() -> int:
    """Daily (beat): children grow up and thresholds change, so categories are worked out again."""
    return categories_recompute_all()


@shared_task
def forget_unused_name_words() -> int:
    """Nightly (beat): the name words no family holds any more leave the search's vocabulary."""
    return name_words_forget_unused()
