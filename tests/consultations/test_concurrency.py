"""Two registrars book the same specialist's slot at the same moment, over real HTTP requests to a
threaded server on PostgreSQL: both find the slot free in the plan before either books. The booking
service's lock makes the second wait and then see the first, and refuse with the friendly message; a
control run without the lock and without the exclusion constraints shows the double booking."""

from urllib.parse import urlencode

import pytest
from django.db import connection

from consultations.models import Appointment
from consultations.services import booking
from core.roles import Specialty
from tests.consultations.factories import at, specialist_at, working_day
from tests.factories import RegistrarFactory
from tests.families.desks import Desk, at_once
from tests.families.factories import FamilyFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and exclusion constraints: PostgreSQL"),
]
MIGRATION = "consultations.migrations.0002_no_double_booking"


@pytest.fixture
def race(live_server, reference_data, almaly):
    """Two desks, two mothers, one psychologist, one slot."""
    desks = [Desk(live_server, RegistrarFactory(centre=almaly, username=f"desk{i}")) for i in (1, 2)]
    psychologist = specialist_at(almaly, Specialty.PSYCHOLOGIST)
    families = [FamilyFactory(registrar=RegistrarFactory(centre=almaly)) for _ in desks]
    starts_at = at(working_day(), 10)
    slot = {"specialist": psychologist.pk, "centre": almaly.pk, "starts_at": starts_at.isoformat()}

    def book(desk, family):
        path = f"/ru/consultations/book/?{urlencode({**slot, 'family': family.pk})}"
        return desk.submit(path, {**slot, "family": family.pk, "channel": "in_person"})

    calls = [lambda desk=desk, family=family: book(desk, family) for desk, family in zip(desks, families, strict=True)]
    return calls, psychologist


def test_two_registrars_booking_the_same_slot_at_once_book_it_once(race):
    calls, psychologist = race

    results = at_once(calls, meeting_after=(booking, "planned_slot"))

    assert sorted(status for status, _ in results) == [302, 400]
    refused = next(body for status, body in results if status == 400)
    assert "Выберите другое время" in refused
    assert Appointment.objects.filter(specialist=psychologist).count() == 1


def test_without_the_lock_and_the_constraints_the_same_race_books_her_twice(race, monkeypatch):
    """The control: the check alone, run by both before either inserts, lets both through."""
    calls, psychologist = race
    module = __import__(MIGRATION, fromlist=["CONSTRAINTS", "forwards"])
    with connection.schema_editor() as editor:
        module.backwards(None, editor)
    monkeypatch.setattr(booking, "_lock", lambda **kwargs: None)
    try:
        results = at_once(calls, meeting_after=(booking, "_check_free"))
        assert [status for status, _ in results] == [302, 302]
        assert Appointment.objects.filter(specialist=psychologist).count() == 2
    finally:
        Appointment.objects.all().delete()
        with connection.schema_editor() as editor:
            module.forwards(None, editor)
