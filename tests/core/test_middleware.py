"""Front-desk computers are shared: nothing a signed-in user is shown stays in the browser's cache
(issue 9, item 7)."""

import pytest

from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "page",
    ["/kk/families/", "/kk/families/{pk}/", "/kk/families/{pk}/edit/", "/kk/families/export.xlsx", "/kk/families/today/", "/kk/"],
)
def test_every_page_shown_to_a_signed_in_user_is_never_stored(client, registrar, page):
    family = FamilyFactory(registrar=registrar)
    response = client.get(page.format(pk=family.pk))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_an_htmx_fragment_of_a_list_is_never_stored_either(client, registrar):
    FamilyFactory(registrar=registrar)
    response = client.get("/kk/families/", headers={"HX-Request": "true"})
    assert "no-store" in response["Cache-Control"]


def test_a_public_page_for_a_visitor_may_be_cached(client):
    response = client.get("/kk/")
    assert "no-store" not in response.get("Cache-Control", "")
