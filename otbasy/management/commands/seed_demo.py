from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.module_loading import import_string

from accounts.demo import logins

# Each app that has demo data contributes a `seed(options=..., out=...)`, run in this order.
STEPS = [
    "centres.demo.seed",
    "accounts.demo.seed",
]


class Command(BaseCommand):
    help = "Creates (or refreshes) the demo centres and one user per role. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--password", default="otbasy-demo", help="Password of every demo user.")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo creates users with a known password and is refused in production.")
        translation.activate("en")
        for step in STEPS:
            with transaction.atomic():
                import_string(step)(options=options, out=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password for all: {options['password']}):"))
        for username, role in logins():
            self.stdout.write(f"  {username:<14} {role}")
