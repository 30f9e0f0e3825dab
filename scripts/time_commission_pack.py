"""Times the grants' commission pack (PDF and XLSX) for a round of 500 ranked applications.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/otbasy_scratch python scripts/time_commission_pack.py

Migrates the database it is given, seeds the demo's reference data if missing, writes 500 scored
applications into one round inside a transaction, builds the pack as the ranking page would, prints
the times, and rolls everything back. No assertion: a measurement to report."""

import os
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "otbasy.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

APPLICATIONS = 500


def scored_round(officer, reviewer):
    """This year's round at the decision stage, topped up to 500 scored applications (rejected rows: one
    family may have many, and the pack ranks every reviewed application)."""
    from grants import selectors
    from grants.models import Application, Review, Round

    round_ = Round.objects.filter(stage=Round.Stage.DECISION).order_by("pk").first()
    template = round_.applications.first()
    rows = [
        Application(
            round=round_,
            programme=round_.programme,
            budget=round_.budget,
            family_id=template.family_id,
            district_id=template.district_id,
            status="rejected",
            cap=round_.programme.cap,
            business_idea=f"Кәсіп {index}",
            sector="trade",
            requested_amount=Decimal(100_000 + index),
            created_by=officer,
            submitted_at=timezone.now(),
        )
        for index in range(max(0, APPLICATIONS - round_.applications.filter(status__in=selectors.RANKED).count()))
    ]
    made = Application.objects.bulk_create(rows, batch_size=1000)
    now = timezone.now()
    Review.objects.bulk_create(
        Review(
            application=a,
            reviewer=reviewer,
            assigned_by=officer,
            declared_at=now,
            submitted_at=now,
            total=Decimal(50 + a.pk % 50),
        )
        for a in made
    )
    return round_


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def main() -> None:
    call_command("migrate", verbosity=0)
    from accounts.models import User
    from core.roles import Role
    from core.xlsx import export
    from grants import pack, selectors
    from grants.models import Round

    if not Round.objects.filter(stage=Round.Stage.DECISION).exists():
        call_command("seed_demo", families=600, verbosity=0)
    with transaction.atomic():
        officer = User.objects.filter(role=Role.GRANT_OFFICER).order_by("pk").first()
        round_ = scored_round(officer, User.objects.filter(role=Role.GRANT_REVIEWER).order_by("pk").first())
        ranked, query = timed(selectors.ranking, User(role=Role.COMMISSION_MEMBER, pk=0, is_active=True), round_)
        pdf, pdf_seconds = timed(pack.pack_pdf, round_, ranked)
        xlsx, xlsx_seconds = timed(lambda: export(pack.pack_sheet(round_, ranked)).content)
        print(
            f"{len(ranked)} ranked applications: ranking query {query:.2f} s; "
            f"PDF {pdf_seconds:.2f} s ({len(pdf) // 1024} KiB); XLSX {xlsx_seconds:.2f} s ({len(xlsx) // 1024} KiB)"
        )
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
