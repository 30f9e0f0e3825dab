from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from notifications.models import Channel, Notification


def delivery_log(user) -> QuerySet:
    return Notification.objects.visible_to(user).select_related("template", "centre").prefetch_related("recipient")


@dataclass(frozen=True)
class ChannelSummary:
    channel: str
    label: str
    sent: int
    failed: int
    waiting: int

    @property
    def delivery_rate(self) -> float | None:
        """Sent out of the messages whose fate is known (sent or failed)."""
        done = self.sent + self.failed
        return self.sent / done if done else None


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = dt.datetime(month.year, month.month, 1, tzinfo=tz)
    end = dt.datetime(month.year + (month.month == 12), month.month % 12 + 1, 1, tzinfo=tz)
    return start, end


def monthly_summary(user, month: dt.date) -> list[ChannelSummary]:
    """Per channel: sent, failed and still waiting among the messages scheduled in the month (one query)."""
    start, end = month_bounds(month)
    Status = Notification.Status
    rows = (
        Notification.objects.visible_to(user)
        .filter(scheduled_for__gte=start, scheduled_for__lt=end)
        .values("channel")
        .annotate(
            sent=Count("pk", filter=Q(status=Status.SENT)),
            failed=Count("pk", filter=Q(status=Status.FAILED)),
            waiting=Count("pk", filter=Q(status__in=[Status.PENDING, Status.SENDING])),
        )
    )
    counts = {row["channel"]: row for row in rows}
    return [
        ChannelSummary(
            channel=channel,
            label=str(label),
            sent=counts.get(channel, {}).get("sent", 0),
            failed=counts.get(channel, {}).get("failed", 0),
            waiting=counts.get(channel, {}).get("waiting", 0),
        )
        for channel, label in Channel.choices
    ]
