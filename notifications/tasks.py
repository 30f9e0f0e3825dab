from celery import shared_task

from notifications.services import notification_deliver, notifications_sweep


@shared_task
def send_notification(notification_id: int, claim_token: str | None = None) -> str | None:
    return notification_deliver(notification_id=notification_id, claim_token=claim_token)


@shared_task
def sweep_notifications() -> int:
    """Beat, every minute: sends what is due (scheduled messages, retries, anything the broker missed)."""
    return notifications_sweep()
