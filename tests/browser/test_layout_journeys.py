"""The layout at the sizes people use: the main menu on one line at 1280 px with the user menu inside
the window (issue 9, item 20); tables as cards on a phone (item 21)."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from families.models import CategoryChange
from tests.factories import AdministratorFactory, CentreHeadFactory, RegistrarFactory
from tests.families.factories import FamilyFactory, ReferralFactory, VisitFactory
from tests.helpers import sign_in_browser
from tests.notifications.factories import NotificationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The roles with the most menu entries (the centre head: five) and the most around them (the
# administrator: a third language and the admin in her user menu), with long names.
MENU_ROLES = {
    "centre_head": lambda centre: CentreHeadFactory(
        centre=centre, username="head", last_name="Нұрмұхамбетова", first_name="Гүлжанат", middle_name="Серікбайқызы"
    ),
    "administrator": lambda centre: AdministratorFactory(
        username="admin", last_name="Константинопольская", first_name="Александра", middle_name="Владимировна"
    ),
}


def boxes(page, selector: str) -> list[dict]:
    return page.eval_on_selector_all(
        selector, "(elements) => elements.map((element) => element.getBoundingClientRect().toJSON())"
    )


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("role", MENU_ROLES)
def test_at_1280_pixels_the_menu_is_one_line_and_the_user_menu_opens_inside_the_window(page, almaly, role, language):
    user = MENU_ROLES[role](almaly)
    user.language = language  # the sign-in opens the portal in her language
    user.save()
    menu_fits_at_1280(page, "head" if role == "centre_head" else "admin", language)


@pytest.mark.usefixtures("many_entries")
def test_at_1280_pixels_a_menu_of_many_entries_is_still_one_line_with_the_rest_under_more(page, almaly):
    MENU_ROLES["centre_head"](almaly)
    menu_fits_at_1280(page, "head", "kk")
    page.get_by_test_id("menu-more").click()
    expect(page.get_by_role("link", name="Extra 6")).to_be_visible()


def menu_fits_at_1280(page, username: str, language: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in_browser(page, username, next_url=f"/{language}/centres/")

    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("#main-menu")).to_be_visible()  # open, not folded behind the toggler
    items = boxes(page, ".otbasy-navbar .navbar-brand, #main-menu > ul > .nav-item, #main-menu > form")
    assert len(items) >= 4  # the brand, her menu (an administrator: centres only), the language switcher, the user menu
    assert max(item["top"] for item in items) < min(item["bottom"] for item in items), f"the menu wraps: {items}"
    assert max(item["height"] for item in items) < 50, f"an entry wraps: {items}"
    assert max(item["right"] for item in items) <= 1280, f"past the edge: {items}"

    if page.get_by_test_id("menu-more").count():
        page.get_by_test_id("menu-more").click()
        for box in boxes(page, ".otbasy-navbar .dropdown-menu.show"):
            assert box["left"] >= 0 and box["right"] <= 1280, f"cut off at the edge: {box}"
        page.keyboard.press("Escape")

    page.get_by_test_id("user-menu").click()
    menu = page.locator(".otbasy-navbar .dropdown-menu.show")
    expect(menu).to_be_visible()
    for box in boxes(page, ".otbasy-navbar .dropdown-menu.show, [data-testid=user-menu]"):
        assert box["left"] >= 0 and box["right"] <= 1280, f"cut off at the edge: {box}"


PHONE = {"width": 390, "height": 844}
# Every table box is as wide as the screen or narrower, and so is the page.
OVERFLOW = """() => [document.documentElement, ...document.querySelectorAll(".table-responsive")]
  .filter((box) => box.scrollWidth > box.clientWidth + 1).map((box) => box.className || box.tagName)"""


def test_on_a_phone_each_family_is_a_card_with_her_name_iin_and_phone_in_sight(page, almaly):
    registrar = RegistrarFactory(centre=almaly, username="asel")
    family = FamilyFactory(registrar=registrar, mother__last_name="Жұмабекова", mother__first_name="Гүлнар", phone="+77015551234")
    page.set_viewport_size(PHONE)
    sign_in_browser(page, "asel")
    page.goto("/kk/families/")

    card = page.locator("#results tbody tr").first
    for text in (family.mother.full_name, family.mother.masked_iin, "8 701 555 12 34"):
        shown = card.get_by_text(text, exact=True)
        expect(shown).to_be_visible()
        box = shown.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"{text} is out of sight: {box}"
    # Each value says what it is.
    label = card.get_by_text(family.mother.masked_iin).evaluate("(cell) => getComputedStyle(cell, '::before').content")
    assert label == '"ЖСН"'

    assert page.evaluate(OVERFLOW) == []


def test_on_a_phone_no_list_of_the_centre_needs_scrolling_sideways(page, almaly):
    head = CentreHeadFactory(centre=almaly, username="head")
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly), mother__last_name="Сейітова")
    VisitFactory(family=family)
    referral = ReferralFactory(appeal__family=family, appeal__opened_by=head)
    referral.due_on = timezone.localdate() - dt.timedelta(days=3)
    referral.save()
    CategoryChange.objects.create(family=family, category="large", gained=True, on=timezone.localdate(), by=head)
    NotificationFactory(family=family, centre=almaly, status="failed", attempts=5, failure="gateway", last_error="HTTP 503")
    page.set_viewport_size(PHONE)
    sign_in_browser(page, "head")
    page.goto(f"/kk/families/{family.pk}/")  # so that "who looked" has a line

    for path in (
        "families/today/",
        "families/",
        "families/changes/",
        "families/referrals/overdue/",
        f"families/{family.pk}/access-log/",
        "messages/",
        "centres/",
    ):
        page.goto(f"/kk/{path}")
        expect(page.locator("table tbody td[data-label]").first).to_be_visible()  # a row, not "nothing yet"
        assert page.evaluate(OVERFLOW) == [], path
        for box in page.locator(".table-responsive").all():  # a box that scrolls is reached by keyboard
            expect(box).to_have_attribute("tabindex", "0")
            expect(box).to_have_role("region")
            expect(box).to_have_accessible_name(re.compile(r"\S"))
