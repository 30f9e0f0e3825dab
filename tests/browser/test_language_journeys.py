"""The language switcher changes the page's language whatever the browser, the cookie or the account
said before, and keeps the page and its query (issue 9, item 18)."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.factories import RegistrarFactory
from tests.helpers import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def switch(page, language: str, path: str) -> None:
    page.get_by_test_id(f"language-{language}").click()
    expect(page).to_have_url(re.compile(f"/{language}{re.escape(path)}$"))
    expect(page.locator("html")).to_have_attribute("lang", language)


@pytest.mark.parametrize("browser_locale", ["ru-RU"])
def test_a_russian_phone_without_the_cookie_opens_a_kazakh_link_and_switches_to_russian_and_back(page):
    page.goto("/kk/accounts/password/reset/")
    expect(page.locator("html")).to_have_attribute("lang", "kk")

    switch(page, "ru", "/accounts/password/reset/")
    expect(page.get_by_role("button", name="Отправить ссылку")).to_be_visible()
    switch(page, "kk", "/accounts/password/reset/")


def test_a_kazakh_page_switches_to_russian_when_the_cookie_already_says_russian(page, live_server):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ru", "url": live_server.url}])
    page.goto("/kk/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "kk")

    switch(page, "ru", "/accounts/login/")
    switch(page, "kk", "/accounts/login/")
    switch(page, "ru", "/accounts/login/")


def test_a_signed_in_user_whose_language_is_russian_switches_a_kazakh_page_to_russian(page, almaly):
    user = RegistrarFactory(centre=almaly, username="olga", language="ru")
    sign_in_browser(page, "olga", landing=r"/ru/")
    page.goto("/kk/centres/")

    switch(page, "ru", "/centres/")
    switch(page, "kk", "/centres/")
    user.refresh_from_db()
    assert user.language == "kk"


def test_the_switch_keeps_the_query_also_after_an_htmx_search_changed_it(page, almaly):
    RegistrarFactory(centre=almaly, username="asel", language="kk")
    sign_in_browser(page, "asel")
    page.goto(f"/kk/centres/?district={almaly.district_id}")
    switch(page, "ru", f"/centres/?district={almaly.district_id}")

    page.locator("#id_q").fill("Алматы")  # the list narrows without a reload and the address follows
    expect(page).to_have_url(re.compile(r"\?q=%D0%90"))
    pushed = page.url.split("/ru", 1)[1]
    switch(page, "kk", pushed)
