"""``manage.py build_monthly_reports [--month 2026-11]``: what the beat task does on the 1st (last
month's report of the city and of each district, each once), by hand, with the time it took and what
it read and wrote."""

import time

from django.core.management.base import BaseCommand, CommandError

from core.months import Month
from dashboards.models import Figure
from dashboards.services import monthly_reports_build


class Command(BaseCommand):
    help = "Builds the monthly reports of a month that have none yet (the beat task's work), and times it."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="the month, as 2026-11 (default: last month)")

    def handle(self, *args, **options):
        try:
            month = Month.parse(options["month"]) if options["month"] else Month.current().shifted(-1)
        except ValueError as error:
            raise CommandError(str(error)) from None
        started = time.monotonic()
        built = monthly_reports_build(month=month)
        elapsed = time.monotonic() - started
        for report in built:
            files = ", ".join(f"{f.language}.{f.kind} {f.size} B" for f in report.files.all())
            self.stdout.write(f"{report.scope} {report.period} v{report.version}: {files}")
        months = [m.first_day for m in month.shifted(-12).until(month)]
        rows = Figure.objects.filter(month__in=months).count()
        self.stdout.write(f"{len(built)} reports built in {elapsed:.1f} s, from {rows} roll-up rows of {len(months)} months")
