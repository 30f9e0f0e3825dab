"""The mother's cabinet: her landing page, which loads every app's part of it by htmx, and her own
one-window requests."""

import pytest
from django.urls import reverse

from core.extensions import CabinetSection, desk_for
from mothers import selectors
from tests.factories import MotherUserFactory, RegistrarFactory
from tests.families.factories import AppealFactory, FamilyFactory
from tests.mothers.factories import MotherFamilyFactory, SelfRegisteredFamilyFactory

pytestmark = pytest.mark.django_db
HTMX = {"hx-request": "true"}


@pytest.fixture
def mother(client):
    family = MotherFamilyFactory()
    client.force_login(family.mother_account)
    client.get("/kk/")  # the session is settled before counting
    return family.mother_account


def test_a_mother_lands_on_her_cabinet_after_signing_in():
    assert desk_for(MotherUserFactory()).url_name == "mothers:cabinet"


def test_the_cabinet_loads_every_apps_section_by_htmx_in_order_with_a_plain_link(client, mother, monkeypatch):
    sections = [
        CabinetSection("Second", "mothers:appeals", order=50),
        CabinetSection("First", "mothers:cabinet", order=10),
    ]
    monkeypatch.setattr(selectors, "contributions", lambda attribute: sections if attribute == "cabinet_sections" else [])

    page = client.get("/kk/mothers/cabinet/").content.decode()

    assert page.index("First") < page.index("Second")
    assert 'hx-get="/kk/mothers/cabinet/requests/" hx-trigger="load"' in page
    assert '<a href="/kk/mothers/cabinet/requests/">' in page


def test_the_cabinet_shows_her_requests_section_from_this_app(client, mother):
    page = client.get("/ru/mothers/cabinet/").content.decode()
    assert "Мои обращения в центр" in page
    assert 'hx-get="/ru/mothers/cabinet/requests/"' in page


def test_her_requests_come_as_a_partial_to_htmx_and_as_a_page_without_it(client, mother):
    AppealFactory(family=mother.family, description="Балабақшаға орын")

    partial = client.get("/kk/mothers/cabinet/requests/", headers=HTMX).content.decode()
    whole = client.get("/kk/mothers/cabinet/requests/").content.decode()

    assert "Балабақшаға орын" in partial and "<html" not in partial
    assert "Балабақшаға орын" in whole and "<html" in whole


def test_she_sees_only_her_own_requests_with_their_status(client, mother):
    AppealFactory(family=mother.family, description="Тұрғын үй кезегі", status="in_progress")
    AppealFactory(family=FamilyFactory(), description="Басқа отбасының өтініші")

    page = client.get("/ru/mothers/cabinet/requests/", headers=HTMX).content.decode()

    assert "Тұрғын үй кезегі" in page
    assert "в работе" in page
    assert "Басқа отбасының өтініші" not in page


@pytest.mark.parametrize("count", [1, 25])
def test_her_requests_cost_the_same_for_one_or_twenty_five(client, mother, django_assert_num_queries, count):
    for _ in range(count):
        AppealFactory(family=mother.family)
    # the user, her appeals with their centres
    with django_assert_num_queries(2):
        response = client.get("/kk/mothers/cabinet/requests/", headers=HTMX)
    assert response.content.decode().count('<li class="border-bottom py-2">') == count


def test_a_mother_not_yet_verified_is_told_to_bring_her_documents_to_her_centre(client):
    family = SelfRegisteredFamilyFactory()
    client.force_login(family.mother_account)

    page = client.get("/kk/mothers/cabinet/").content.decode()

    assert 'data-testid="not-verified"' in page
    assert family.centre.name_kk in page


def test_a_mother_without_a_family_is_told_how_to_get_one_linked(client):
    client.force_login(MotherUserFactory())
    page = client.get("/kk/mothers/cabinet/").content.decode()
    assert 'data-testid="not-verified"' in page and "ауданыңыздың орталығына келіңіз" in page


def test_staff_have_no_cabinet(client):
    client.force_login(RegistrarFactory())
    assert client.get("/kk/mothers/cabinet/").status_code == 403


@pytest.mark.parametrize("count", [1, 6])
def test_the_cabinet_costs_the_same_whatever_the_number_of_sections(
    client, mother, monkeypatch, django_assert_num_queries, count
):
    sections = [CabinetSection(f"Part {number}", "mothers:appeals", order=number) for number in range(count)]
    monkeypatch.setattr(selectors, "contributions", lambda attribute: sections)
    # the user, her family with its mother, centre and district (the sections load afterwards)
    with django_assert_num_queries(2):
        response = client.get("/kk/mothers/cabinet/")
    assert response.content.decode().count('hx-trigger="load"') == count


@pytest.mark.parametrize("htmx", [False, True])
def test_every_installed_apps_section_answers_a_mother_with_no_family_yet(client, htmx):
    client.force_login(MotherUserFactory())
    headers = HTMX if htmx else {}
    for section in selectors.cabinet_sections():
        response = client.get(reverse(section.url_name), headers=headers)
        assert response.status_code == 200, section.url_name
        assert ("<html" in response.content.decode()) != htmx, section.url_name
