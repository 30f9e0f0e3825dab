"""The axe-core watch of the ``page`` fixture (tests/accessibility.py) finds what it should: on a page
left at once, after an htmx swap, and through the portal's Content-Security-Policy."""

import re

import pytest
from playwright.sync_api import expect

from tests.accessibility import AxeWatch
from tests.factories import CentreHeadFactory, RegistrarFactory
from tests.families.factories import AppealFactory, ChildFactory, FamilyFactory, ReferralFactory, VisitFactory
from tests.helpers import sign_in_browser
from tests.notifications.factories import NotificationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# An image without a text alternative: axe calls it critical.
UNLABELLED_IMAGE = '<img src="/static/favicon.svg" width="16" height="16">'


@pytest.fixture
def watched(browser, live_server, reference_data):
    """A tab with the watch but without the fixture's verdict, so that a test can read the findings."""
    context = browser.new_context(base_url=live_server.url, locale="kk-KZ", reduced_motion="reduce")
    page = context.new_page()
    watch = AxeWatch(page)
    yield page, watch
    context.close()


def with_unlabelled_image(route):
    response = route.fetch()
    route.fulfill(response=response, body=response.text().replace("</main>", f"{UNLABELLED_IMAGE}</main>"))


def test_a_page_left_as_soon_as_it_loaded_is_checked_before_it_is_left(watched):
    page, watch = watched
    page.route("**/kk/", with_unlabelled_image)

    page.goto("/kk/")
    page.get_by_role("link", name="Кіру").first.click()
    expect(page).to_have_url(re.compile(r"/kk/accounts/login/$"))

    problems = watch.finish()
    assert any(line.startswith("critical image-alt on /kk/:") for line in problems), problems
    assert not any("/kk/accounts/login/" in line for line in problems), problems


def test_what_an_htmx_swap_brings_is_checked_on_the_address_it_pushed(watched, almaly):
    page, watch = watched
    RegistrarFactory(centre=almaly, username="asel")
    sign_in_browser(page, "asel")
    page.goto("/kk/centres/")
    watch.settle()
    assert watch.finish() == []

    page.evaluate("(html) => document.querySelector('#main').insertAdjacentHTML('beforeend', html)", UNLABELLED_IMAGE)
    page.locator("#id_q").fill("Алмалы")
    expect(page).to_have_url(re.compile(r"q="))

    problems = watch.finish()
    assert any(line.startswith("critical image-alt on /kk/centres/?q=") for line in problems), problems


def test_the_pages_of_a_centre_head_s_day_pass_axe_in_both_languages(page, almaly):
    """The fixture's verdict is the assertion: every page below is checked as it loads."""
    head = CentreHeadFactory(centre=almaly, username="head")
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly), mother__last_name="Сейітова")
    ChildFactory(family=family)
    VisitFactory(family=family)
    ReferralFactory(appeal=AppealFactory(family=family, opened_by=head, status="referred"))
    NotificationFactory(family=family, centre=almaly, status="failed", attempts=5, failure="gateway", last_error="HTTP 503")
    sign_in_browser(page, "head")

    for language in ("kk", "ru"):
        for path in (
            "",
            "families/",
            f"families/{family.pk}/",
            f"families/{family.pk}/edit/",
            f"families/{family.pk}/access-log/",
            "families/register/",
            "families/changes/",
            "families/referrals/overdue/",
            "messages/",
            "messages/summary/",
            "centres/",
            f"centres/{almaly.pk}/",
            "accounts/profile/",
            "accounts/password/",
        ):
            page.goto(f"/{language}/{path}")
            expect(page.locator("h1").first).to_be_visible()
    page.goto(f"/kk/families/{family.pk}/")
    page.get_by_role("link", name="Жаңа өтініш").click()  # a modal form, swapped in by htmx
    expect(page.locator("#modal")).to_be_visible()
