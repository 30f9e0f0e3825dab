"""The family search posts its fields (issue 9, item 6): an IIN, a phone or a name typed into it never
becomes part of an address — not the page's, not the browser's history, not a log's — and paging and
the export carry the search on by POST too."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from tests.factories import RegistrarFactory
from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrar(almaly):
    return RegistrarFactory(centre=almaly)


@pytest.fixture
def signed_in(client, registrar):
    client.force_login(registrar)
    return client


def shown(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'href="/kk/families/(\d+)/"', response.content.decode())]


def test_the_search_form_posts_and_puts_nothing_into_the_address(signed_in):
    form = BeautifulSoup(signed_in.get("/kk/families/").content, "html.parser").find("form", id="family-search")

    assert form["method"] == "post" and form["hx-post"] == "/kk/families/"
    assert not form.has_attr("hx-get") and not form.has_attr("hx-push-url")
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})


def test_a_posted_iin_finds_her_on_the_page_itself(signed_in, registrar):
    family = FamilyFactory(registrar=registrar)
    FamilyFactory(registrar=registrar)

    response = signed_in.post("/kk/families/", {"q": family.mother.iin})

    assert response.status_code == 200 and shown(response) == [family.pk]
    assert family.mother.masked_iin in response.content.decode()  # the row masks it; the box keeps what she typed
    assert not response.has_header("HX-Push-Url")


def test_the_pages_of_a_posted_search_are_buttons_that_post_the_search_with_the_page(signed_in, registrar, monkeypatch):
    monkeypatch.setattr("families.views.registry.PAGE_SIZE", 2)
    namesakes = [FamilyFactory(registrar=registrar, mother__last_name="Сейітова") for _ in range(3)]
    FamilyFactory(registrar=registrar, mother__last_name="Омарова")

    first = signed_in.post("/kk/families/", {"q": "Сейітова"})
    button = BeautifulSoup(first.content, "html.parser").find("button", attrs={"name": "page"})
    second = signed_in.post("/kk/families/", {"q": "Сейітова", "page": button["value"]})

    assert button["form"] == "family-search" and button["hx-include"] == "#family-search"
    assert sorted(shown(first) + shown(second)) == sorted(family.pk for family in namesakes)


def test_the_export_posts_the_fields_of_the_list_shown(signed_in, registrar):
    wanted = FamilyFactory(registrar=registrar, mother__last_name="Сейітова")
    FamilyFactory(registrar=registrar, mother__last_name="Омарова")
    listed = BeautifulSoup(signed_in.post("/kk/families/", {"q": "Сейітова"}).content, "html.parser")
    export = listed.find("form", action="/kk/families/export.xlsx")
    fields = {field["name"]: field["value"] for field in export.find_all("input")}

    response = signed_in.post("/kk/families/export.xlsx", fields)

    assert export["method"] == "post" and fields["q"] == "Сейітова"
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == [wanted.mother.full_name]


def test_the_today_page_s_search_posts_too(signed_in):
    page = BeautifulSoup(signed_in.get("/kk/families/today/").content, "html.parser")
    form = page.find("form", attrs={"role": "search"})
    assert form["method"] == "post" and form["action"] == "/kk/families/"
