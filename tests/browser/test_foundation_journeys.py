import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, RegistrarFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_registrar_signs_in_and_switches_the_portal_to_russian_on_the_same_page(page, almaly):
    registrar = RegistrarFactory(centre=almaly, username="asel", language="kk")

    page.goto("/kk/")
    page.get_by_role("link", name="Кіру").first.click()
    page.get_by_label("Логин").fill("asel")
    page.get_by_label("Құпиясөз").fill(PASSWORD)
    page.get_by_role("button", name="Кіру").click()

    expect(page).to_have_url(re.compile(r"/kk/families/today/$"))  # her desk
    page.get_by_role("link", name="Орталықтар").first.click()
    expect(page).to_have_url(re.compile(r"/kk/centres/$"))
    expect(page.locator("html")).to_have_attribute("lang", "kk")

    page.get_by_test_id("language-ru").click()

    expect(page).to_have_url(re.compile(r"/ru/centres/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", name="Центры")).to_be_visible()
    registrar.refresh_from_db()
    assert registrar.language == "ru"
