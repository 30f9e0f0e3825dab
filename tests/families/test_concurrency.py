"""Two registrars at two desks save the same mother at the same moment, over real HTTP requests to a
threaded server on PostgreSQL. Both pass the application's duplicate check before either inserts; the
database's unique constraint on the IIN decides. A control run without the constraint shows the race."""

import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from unittest import mock

import pytest
from django.db import connection
from django.test import Client

from families.models import Person
from families.services import registration
from tests.factories import RegistrarFactory
from tests.families.forms_data import registration_post

pytestmark = [pytest.mark.django_db(transaction=True)]


class Desk:
    """A signed-in browser session at one front desk (cookies kept by hand, as a browser would)."""

    def __init__(self, live_server, user):
        client = Client()
        client.force_login(user)
        self.base = live_server.url
        self.cookies = {"sessionid": client.cookies["sessionid"].value}

    def _open(self, url, data=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Referer": url}
        request = urllib.request.Request(url, data=data, headers=headers)
        try:
            response = _OPENER.open(request)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return response.status if hasattr(response, "status") else response.code, response.read().decode()

    def register(self, data) -> tuple[int, str]:
        url = f"{self.base}/ru/families/register/"
        status, page = self._open(url)
        assert status == 200, page[:300]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self._open(url, urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode())


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def race(desks, data) -> list[tuple[int, str]]:
    """Both desks post at once; each waits after the duplicate check until the other has checked too."""
    barrier = threading.Barrier(len(desks), timeout=20)
    original = registration._check_iins_are_new

    def check_then_wait(**kwargs):
        original(**kwargs)
        barrier.wait()

    results: list = [None] * len(desks)

    def post(index):
        results[index] = desks[index].register(data)

    with mock.patch.object(registration, "_check_iins_are_new", side_effect=check_then_wait):
        threads = [threading.Thread(target=post, args=(i,)) for i in range(len(desks))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    return results


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
