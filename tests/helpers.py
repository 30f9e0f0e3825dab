"""Helpers shared by tests of every app (fixtures live in conftest.py)."""

import re

from tests.factories import PASSWORD


def sign_in(client, username, password=PASSWORD, language="kk", next_url=None):
    """Signs in through the login form, as a browser without JavaScript would."""
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(f"/{language}/accounts/login/", data)


def sign_in_browser(page, username, *, landing=None, next_url=None):
    """Signs in through the login page in the browser (Kazakh) and waits for the page it leads to
    (``landing``, a pattern; by default any page but the sign-in page: her desk, or ``next_url``)."""
    from playwright.sync_api import expect

    page.goto("/kk/accounts/login/" + (f"?next={next_url}" if next_url else ""))
    page.get_by_label("Логин").fill(username)
    page.get_by_label("Құпиясөз").fill(PASSWORD)
    page.get_by_role("button", name="Кіру").click()
    if landing is None:
        expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    else:
        expect(page).to_have_url(re.compile(landing))
