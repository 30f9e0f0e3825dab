import json
import random

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.module_loading import import_string

from core.extensions import contributions


class Command(BaseCommand):
    help = (
        "The pages make bench measures, as JSON on stdout: for every BenchEndpoint an app declares (core.extensions), "
        "its label, the demo user who asks (null: anonymous) and the paths picked from the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=50, help="How many targets (families, names...) each endpoint picks.")
        parser.add_argument("--seed", type=int, default=None, help="Random seed: the same targets on the same data.")

    def handle(self, *args, count, seed, **options):
        endpoints = []
        # In the portal's default language, as a user coming from the home page would have them.
        with translation.override(settings.LANGUAGE_CODE):
            for endpoint in contributions("bench"):
                # One generator per endpoint, so that an app added later does not change the others' picks.
                rng = random.Random(f"{seed}:{endpoint.label}") if seed is not None else random.Random()
                paths = import_string(endpoint.paths)(rng, count)
                endpoints.append(
                    {
                        "label": str(endpoint.label),
                        "username": endpoint.username,
                        "paths": paths,
                        "at_both_sizes": endpoint.at_both_sizes,
                    }
                )
        self.stdout.write(json.dumps(endpoints, ensure_ascii=False))
