"""The family list's pager: counted only up to a cap (core.paging.CappedPaginator)."""

import re

import pytest
from django.db import connection

from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_families(registrar, monkeypatch):
    monkeypatch.setattr("families.views.registry.PAGE_SIZE", 2)
    return [FamilyFactory(registrar=registrar) for _ in range(5)]


def shown(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'href="/kk/families/(\d+)/"', response.content.decode())]


def test_a_list_longer_than_the_cap_says_more_than_and_pages_on_without_a_last_number(client, five_families, monkeypatch):
    monkeypatch.setattr("families.views.registry.COUNT_CAP", 3)

    first = client.get("/kk/families/").content.decode()
    last = client.get("/kk/families/", {"page": 3}).content.decode()

    assert "3 отбасыдан көп" in first and "1-бет" in first and "Келесі" in first
    assert "3-бет" in last and "Келесі" not in last and "Алдыңғы" in last


def test_a_list_under_the_cap_shows_its_count_and_page_of_pages(client, five_families):
    page = client.get("/kk/families/", {"page": 2}).content.decode()
    assert "5 отбасы" in page and "3 беттің 2-беті" in page


def test_the_pages_show_every_family_once_newest_first(client, five_families, monkeypatch):
    monkeypatch.setattr("families.views.registry.COUNT_CAP", 3)

    seen = [pk for number in (1, 2, 3) for pk in shown(client.get("/kk/families/", {"page": number}))]

    assert seen == [family.pk for family in reversed(five_families)]


def test_a_page_past_the_end_shows_the_last_page(client, five_families, monkeypatch):
    monkeypatch.setattr("families.views.registry.COUNT_CAP", 3)
    assert shown(client.get("/kk/families/", {"page": 40})) == [five_families[0].pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="similarity search needs pg_trgm")
def test_a_misspelt_name_with_a_category_is_guessed_among_the_families_of_that_category(client, registrar):
    # 25 namesakes outside the category are as good guesses as she is, and were made before her: among
    # all the registrar's families, they alone are the best 25 (SIMILAR_LIMIT).
    FamilyFactory.create_batch(25, registrar=registrar, mother__last_name="Нұрланова", is_large=False)
    large = FamilyFactory(registrar=registrar, mother__last_name="Нұрланова", is_large=True)

    page = client.get("/kk/families/", {"q": "Нурланава", "category": "large"})

    assert shown(page) == [large.pk]
