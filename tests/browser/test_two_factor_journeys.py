"""Two-factor sign-in in a real browser, as in production (STAFF_2FA_REQUIRED on): a registrar's first
sign-in sets up her authenticator app, her next one asks its code."""

import re
from base64 import b32decode

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import PASSWORD, RegistrarFactory
from tests.helpers import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def password_step(page) -> None:
    page.goto("/kk/accounts/login/")
    page.get_by_label("Логин").fill("asel")
    page.get_by_label("Құпиясөз").fill(PASSWORD)
    page.get_by_role("button", name="Кіру").click()


def test_a_registrar_sets_up_her_app_at_her_first_sign_in_and_signs_in_with_its_code_the_next_time(page, almaly, settings):
    settings.STAFF_2FA_REQUIRED = True
    RegistrarFactory(centre=almaly, username="asel", first_name="Әсел")
    # The server's clock (this process's): the second code must come from a later 30-second window.
    with time_machine.travel(timezone.now(), tick=True) as clock:
        password_step(page)
        expect(page).to_have_url(re.compile(r"/kk/accounts/two-factor/set-up/$"))
        expect(page.get_by_role("img", name="Аутентификатор қосымшасына арналған QR код")).to_be_visible()
        secret = page.locator("#two-factor-secret").inner_text().replace(" ", "")  # as she would type it
        page.get_by_label("Қосымшадағы код").fill(totp_code(b32decode(secret).hex()))
        page.get_by_role("button", name="Екі факторлы кіруді қосу").click()

        expect(page).to_have_url(re.compile(r"/kk/accounts/two-factor/recovery-codes/$"))
        expect(page.get_by_role("list", name="Қалпына келтіру кодтары").get_by_role("listitem")).to_have_count(10)
        page.get_by_role("link", name="Сақтап алдым — жалғастыру").click()
        expect(page).to_have_url(re.compile(r"/kk/families/today/$"))

        page.get_by_test_id("user-menu").click()
        page.get_by_role("button", name="Шығу").click()
        expect(page.get_by_test_id("user-menu")).to_have_count(0)

        clock.shift(30)
        password_step(page)
        expect(page).to_have_url(re.compile(r"/kk/accounts/two-factor/$"))
        page.get_by_label("Код").fill(totp_code(b32decode(secret).hex()))
        page.get_by_role("button", name="Кіру", exact=True).click()

        expect(page).to_have_url(re.compile(r"/kk/families/today/$"))  # her desk
        expect(page.get_by_test_id("user-menu")).to_contain_text("Әсел")
