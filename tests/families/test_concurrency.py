"""Two registrars at two desks save the same mother at the same moment, over real HTTP requests to a
threaded server on PostgreSQL. Both pass the application's duplicate check before either inserts; the
database's unique constraint on the IIN decides. A control run without the constraint shows the race."""

import re

import pytest
from django.db import connection

from families.models import Person
from families.services import registration
from tests.factories import RegistrarFactory
from tests.families.desks import Desk, at_once
from tests.families.forms_data import registration_post

pytestmark = [pytest.mark.django_db(transaction=True)]


def race(desks, data) -> list[tuple[int, str]]:
    """Both desks post at once; each waits after the duplicate check until the other has checked too."""
    calls = [lambda desk=desk: desk.submit("/ru/families/register/", data) for desk in desks]
    return at_once(calls, meeting_after=(registration, "_check_iins_are_new"))


@pytest.fixture
def desks(live_server, reference_data, almaly):
    return [Desk(live_server, RegistrarFactory(centre=almaly, username=f"desk{i}")) for i in (1, 2)]


def test_the_same_mother_saved_at_two_desks_at_once_is_registered_once(desks):
    data = registration_post(children=1)

    results = race(desks, data)

    assert sorted(status for status, _ in results) == [302, 400], [
        re.findall(r"(?s)(invalid-feedback.{0,300}|alert alert-warning.{0,300})", body) for _, body in results
    ]
    refused = next(body for status, body in results if status == 400)
    assert "только что зарегистрировал другой сотрудник" in refused
    assert Person.objects.filter(iin=data["mother-iin"]).count() == 1


def test_without_the_unique_constraint_the_same_race_registers_her_twice(desks):
    """The control: the application's check alone does not stop two simultaneous saves."""
    data = registration_post(children=1)
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE families_person DROP CONSTRAINT families_person_iin_key")
    try:
        results = race(desks, data)
        assert [status for status, _ in results] == [302, 302]
        assert Person.objects.filter(iin=data["mother-iin"]).count() == 2
    finally:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE families_person, families_family, families_child, families_consent CASCADE")
            cursor.execute("ALTER TABLE families_person ADD CONSTRAINT families_person_iin_key UNIQUE (iin)")
