"""Periodic tasks live in django-celery-beat's tables so that administrators can edit them.

Apps declare their default schedules here; after ``migrate`` the missing ones are created, and an
existing row (perhaps edited in the admin) is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DefaultSchedule:
    name: str
    task: str
    crontab: dict | None = None  # minute, hour, day_of_month, month_of_year, day_of_week
    every_seconds: int | None = None


DEFAULT_SCHEDULES: list[DefaultSchedule] = [
    DefaultSchedule(name="Worker heartbeat", task="otbasy.tasks.worker_heartbeat", every_seconds=60),
    DefaultSchedule(name="Send due notifications", task="notifications.tasks.sweep_notifications", every_seconds=60),
    # After midnight in Almaty, so that a child who turned 18 today counts as an adult today.
    DefaultSchedule(
        name="Recompute family categories",
        task="families.tasks.recompute_categories",
        crontab={"minute": "15", "hour": "0", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
    ),
]


def install_default_schedules(**kwargs) -> None:
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

    for default in DEFAULT_SCHEDULES:
        if PeriodicTask.objects.filter(name=default.name).exists():
            continue
        if default.crontab is not None:
            crontab, _ = CrontabSchedule.objects.get_or_create(**default.crontab, timezone="Asia/Almaty")
            PeriodicTask.objects.create(name=default.name, task=default.task, crontab=crontab)
        else:
            interval, _ = IntervalSchedule.objects.get_or_create(every=default.every_seconds, period=IntervalSchedule.SECONDS)
            PeriodicTask.objects.create(name=default.name, task=default.task, interval=interval)
