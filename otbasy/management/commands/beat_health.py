"""The health check of the `beat` container: has celery beat sent a periodic task lately?

django-celery-beat's database scheduler stamps ``last_run_at`` on each task it sends and saves the
stamps every few minutes, and the default schedules send something every minute, so a beat that
has stamped nothing for longer than ``--max-age`` is stuck or gone."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Max
from django.utils import timezone
from django_celery_beat.models import PeriodicTask


class Command(BaseCommand):
    help = "Exits with an error unless celery beat has sent a periodic task within --max-age seconds."

    def add_arguments(self, parser):
        parser.add_argument("--max-age", type=int, default=420, help="seconds (default: %(default)s)")

    def handle(self, *args, max_age: int, **options):
        last = PeriodicTask.objects.filter(enabled=True).aggregate(last=Max("last_run_at"))["last"]
        if last is None or timezone.now() - last > dt.timedelta(seconds=max_age):
            raise CommandError(f"celery beat has sent no periodic task since {last or 'it was installed'}")
        self.stdout.write(f"celery beat sent a periodic task at {last:%Y-%m-%d %H:%M:%S %z}")
