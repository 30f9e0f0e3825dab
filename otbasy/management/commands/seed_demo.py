from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.module_loading import import_string

from accounts.demo import logins
from core.extensions import DemoStep, demo_steps

# Each app with demo data declares its step in its AppConfig (core.extensions.DemoStep); the steps run
# after the ones they need. Each step manages its own transactions (the families step commits chunk by
# chunk, so a long run keeps its work) and only tops up what is missing, so running again is safe.


class Command(BaseCommand):
    help = "Creates (or refreshes) the demo centres, one user per role and demo families. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--password", default="otbasy-demo", help="Password of every demo user.")
        parser.add_argument(
            "--families",
            type=int,
            default=200,
            help="How many families the registry should hold; only the missing ones are created.",
        )
        parser.add_argument(
            "--skip",
            action="append",
            default=[],
            metavar="APP",
            help="Leave out this app's step (repeat for several): --skip dashboards seeds no roll-ups and no demo "
            "report. Refused for a step another step needs.",
        )
        parser.add_argument(
            "--logins-only",
            action="store_true",
            help="Only print the demo logins (make run prints them again once the worker has started).",
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo creates users with a known password and is refused in production.")
        if options["families"] < 0:
            raise CommandError("--families cannot be negative.")
        translation.activate("en")
        if not options["logins_only"]:
            for _label, step in steps_to_run(set(options["skip"])):
                import_string(step.run)(options=options, out=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password for all: {options['password']}):"))
        for username, role in logins():
            self.stdout.write(f"  {username:<14} {role}")


def steps_to_run(skipped: set[str]) -> list[tuple[str, DemoStep]]:
    """The demo steps but the ``skipped`` apps'; refused when an app has no step, or a step that runs needs a skipped one."""
    steps = demo_steps()
    unknown = skipped - {label for label, _step in steps}
    if unknown:
        raise CommandError(f"--skip: no demo step of {', '.join(sorted(unknown))}.")
    for label, step in steps:
        if label not in skipped and (needed := skipped & set(step.after)):
            raise CommandError(f"--skip {', '.join(sorted(needed))}: the step of {label} needs it.")
    return [(label, step) for label, step in steps if label not in skipped]
