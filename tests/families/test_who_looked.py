"""Who looked at this family (issue 9, item 24): what was looked at in words, when, who, from which
centre, with filters, for a fixed number of queries."""

import datetime as dt

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AccessEvent
from audit.services import access_log
from tests.factories import CentreHeadFactory, RegistrarFactory
from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def head(almaly):
    return CentreHeadFactory(centre=almaly)


@pytest.fixture
def family(almaly):
    return FamilyFactory(registrar=RegistrarFactory(centre=almaly))


def rows(response) -> list[list[str]]:
    table = BeautifulSoup(response.content, "html.parser").find_all("table")[-1]
    return [[cell.get_text(" ", strip=True) for cell in row.find_all("td")] for row in table.tbody.find_all("tr")]


def test_each_row_says_what_was_looked_at_who_and_from_which_centre(client, head, family, almaly):
    registrar = RegistrarFactory(centre=almaly, first_name="Айгүл", last_name="Серікова")
    client.force_login(registrar)
    client.get(f"/ru/families/{family.pk}/")
    client.get(f"/ru/families/{family.pk}/edit/")
    client.force_login(head)

    shown = rows(client.get(f"/ru/families/{family.pk}/access-log/"))

    whats = [row[3] for row in shown]
    assert "Просмотр: форма изменения" in whats and "Просмотр: страница семьи" in whats
    mine = [row for row in shown if "Серікова" in row[1]]
    assert mine and all(almaly.name_ru in row[2] for row in mine)


def test_the_centre_is_the_one_she_worked_from_when_she_looked_even_after_she_moved(client, head, family, almaly, bostandyk):
    registrar = RegistrarFactory(centre=almaly, last_name="Серікова")
    access_log(actor=registrar, action=AccessEvent.Action.VIEW, what="families.family_detail", target=family)
    registrar.centre = bostandyk
    registrar.save()
    client.force_login(head)

    [row] = [row for row in rows(client.get(f"/ru/families/{family.pk}/access-log/")) if "Серікова" in row[1]]

    assert almaly.name_ru in row[2]


def test_a_code_no_app_names_is_shown_as_it_is(client, head, family):
    access_log(actor=head, action=AccessEvent.Action.VIEW, what="someapp.some_page", target=family)
    client.force_login(head)
    assert any("someapp.some_page" in row[3] for row in rows(client.get(f"/ru/families/{family.pk}/access-log/")))


def test_the_filters_narrow_the_log_by_action_and_period(client, head, family):
    with time_machine.travel(timezone.now() - dt.timedelta(days=40)):
        access_log(actor=head, action=AccessEvent.Action.EXPORT, what="families.export", target=family)
    access_log(actor=head, action=AccessEvent.Action.VIEW, what="families.family_detail", target=family)
    client.force_login(head)
    url = f"/ru/families/{family.pk}/access-log/"

    exports = rows(client.get(url, {"action": "export"}))
    recent = rows(client.get(url, {"since": (timezone.localdate() - dt.timedelta(days=7)).strftime("%d.%m.%Y")}))

    assert [row[3] for row in exports] == ["Экспорт: выгрузка в Excel"]
    assert all("Экспорт" not in row[3] for row in recent) and recent


def test_a_filter_that_makes_no_sense_says_so_and_changes_nothing(client, head, family):
    access_log(actor=head, action=AccessEvent.Action.VIEW, what="families.family_detail", target=family)
    client.force_login(head)

    response = client.get(f"/ru/families/{family.pk}/access-log/", {"since": "31.02.2026", "action": "steal"})

    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode() or "Введите правильную дату" in response.content.decode()


def test_the_log_costs_the_same_queries_for_one_row_or_sixty(client, head, family):
    access_log(actor=head, action=AccessEvent.Action.VIEW, what="families.family_detail", target=family)
    client.force_login(head)
    url = f"/ru/families/{family.pk}/access-log/"
    client.get(url)  # her first look, and the session settled
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(59):
        access_log(actor=head, action=AccessEvent.Action.VIEW, what="families.family_detail", target=family)
    with CaptureQueriesContext(connection) as sixty:
        client.get(url)
    assert len(sixty.captured_queries) == len(one.captured_queries) == 6
