from celery import shared_task

from courses import messages
from courses.services import groups_advance, offers_expire


@shared_task
def expire_offers() -> int:
    """Every five minutes (beat): seats offered from a waiting list and not confirmed in time pass on."""
    return offers_expire()


@shared_task
def advance_groups() -> dict[str, int]:
    """Daily (beat): groups start running on their first day and finish after their last."""
    return groups_advance()


@shared_task
def tell_booked(booking_id: int) -> None:
    """Enqueued when a booking commits: her confirmation and reminder, or her place on the waiting list."""
    messages.after_booking(booking_id)
