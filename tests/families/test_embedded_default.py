"""The registry on the embedded default (SQLite), as ``make run`` migrates and seeds it: misspelt names
are found there too, and the demo has a day to show. Each test asks a real SQLite database through
``manage.py shell``; the suite's own database is PostgreSQL's."""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.helpers import clean_environment


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> dict:
    env = clean_environment() | {"OTBASY_DATA_DIR": str(tmp_path_factory.mktemp("embedded"))}
    for command in (["migrate", "--noinput", "-v0"], ["seed_demo", "--families", "200"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    return env


def ask(env: dict, code: str):
    """What ``code`` (Python run by ``manage.py shell`` on the embedded database) prints as JSON last."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


MISSPELT_SEARCHES = """
import json
from django.db import connection
from accounts.models import User
from families.bench import misspell
from families.models import Family
from families.search import search_key
from families.selectors import family_search, name_matches

registrar = User.objects.get(username="registrar")
seen = Family.objects.visible_to(registrar)
results = []
for family in seen.select_related("mother").order_by("pk"):
    typed = misspell(family.mother.last_name)
    if name_matches(seen, search_key(typed)).exists():
        continue  # the misspelling folds away, or is part of another name (Орозова of Морозова): found as typed, no guess
    found = list(family_search(seen, typed))
    results.append([typed, family in found, bool(found) and found[0].search_name.split()[0] == family.search_name.split()[0]])
print(json.dumps({"vendor": connection.vendor, "results": results}))
"""


def test_on_the_embedded_default_a_misspelt_last_name_finds_her_and_her_namesakes_first(embedded):
    answer = ask(embedded, MISSPELT_SEARCHES)

    assert answer["vendor"] == "sqlite"
    results = answer["results"]
    assert len(results) >= 5, results  # enough of the registrar's mothers whose misspelling needs a guess
    assert all(found for _typed, found, _first in results), results
    assert all(first for _typed, _found, first in results), results


DIGIT_SEARCHES = """
import json
from accounts.models import User
from families.models import Family
from families.selectors import family_search

registrar = User.objects.get(username="registrar")
seen = Family.objects.visible_to(registrar)
family = seen.select_related("mother").order_by("pk").first()
child = family.children.select_related("person").first()
print(json.dumps({
    "mother": family in family_search(seen, family.mother.iin[2:9]),
    "child": child is None or family in family_search(seen, child.person.iin[-6:]),
    "phone": family in family_search(seen, str(family.phone)[-7:]),
    "short": family_search(seen, "12").count(),
    "all": seen.count(),
}))
"""


def test_on_the_embedded_default_part_of_an_iin_or_phone_finds_the_family(embedded):
    answer = ask(embedded, DIGIT_SEARCHES)

    assert answer["mother"] and answer["child"] and answer["phone"]
    assert answer["short"] == 0 < answer["all"]


DEMO_DAY = """
import json
from django.utils import timezone
from accounts.models import User
from families.models import CategoryChange, TimelineEntry, Visit
from notifications.models import Notification

registrar = User.objects.get(username="registrar")
today = Visit.objects.filter(centre=registrar.centre, arrived_at__date=timezone.localdate())
print(json.dumps({
    "today": today.count(),
    "waiting": today.filter(status="waiting").count(),
    "messages": sorted(set(Notification.objects.values_list("channel", "status"))),
    "pending": Notification.objects.filter(status="pending").count(),
    "changes": CategoryChange.objects.count(),
    "on timelines": TimelineEntry.objects.filter(kind__startswith="families.category_").count(),
}))
"""


def test_on_the_embedded_default_the_demo_has_a_queue_messages_and_category_changes(embedded):
    answer = ask(embedded, DEMO_DAY)

    assert answer["today"] >= 3 and answer["waiting"] >= 1
    assert answer["messages"] == [["email", "failed"], ["email", "sent"], ["sms", "failed"], ["sms", "sent"]]
    assert answer["pending"] == 0  # nothing for make run's worker to send
    assert answer["changes"] == answer["on timelines"] > 0


KEPT_COUNTERS = """
import json
from django.db.models import Count, Q, Sum
from courses.models import Booking, Group
from grants.models import APPROVED_STATUSES, Application, Budget

groups = Group.objects.annotate(holding=Count("bookings", filter=Q(bookings__status__in=Booking.HOLDING)))
spent = dict(
    Application.objects.filter(status__in=APPROVED_STATUSES).values_list("budget").annotate(Sum("approved_amount"))
)
applications = Application.objects.annotate(paid=Sum("tranches__amount"))
print(json.dumps({
    "seats": [[group.seats_taken, group.holding] for group in groups],
    "budgets": [[int(budget.approved), int(spent.get(budget.pk, 0))] for budget in Budget.objects.all()],
    "payouts": [[int(application.disbursed), int(application.paid or 0)] for application in applications],
}))
"""


def test_on_the_embedded_default_the_database_keeps_the_seat_budget_and_payout_counters(embedded):
    # SQLite rebuilds a table for most column changes, and a rebuilt table loses its triggers
    # (core.schema.OnPostgreSQL): the demo's counters show they survived every migration.
    answer = ask(embedded, KEPT_COUNTERS)

    for name in ("seats", "budgets", "payouts"):
        kept, counted = zip(*answer[name], strict=True)
        assert list(kept) == list(counted), name
        assert sum(counted) > 0, name
