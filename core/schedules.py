"""Periodic tasks live in django-celery-beat's tables so that administrators can edit them.

Each app declares its default schedules in its ``PortalAppConfig.schedules``; after ``migrate`` the
missing ones are created, and an existing row (perhaps edited in the admin) is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DefaultSchedule:
    name: str
    task: str
    crontab: dict | None = None  # minute, hour, day_of_month, month_of_year, day_of_week
    every_seconds: int | None = None


def install_default_schedules(**kwargs) -> None:
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

    from core.extensions import contributions

    for default in contributions("schedules"):
        if PeriodicTask.objects.filter(name=default.name).exists():
            continue
        if default.crontab is not None:
            crontab, _ = CrontabSchedule.objects.get_or_create(**default.crontab, timezone="Asia/Almaty")
            PeriodicTask.objects.create(name=default.name, task=default.task, crontab=crontab)
        else:
            interval, _ = IntervalSchedule.objects.get_or_create(every=default.every_seconds, period=IntervalSchedule.SECONDS)
            PeriodicTask.objects.create(name=default.name, task=default.task, interval=interval)
