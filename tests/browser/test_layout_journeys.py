"""The layout at the sizes people use: the main menu on one line at 1280 px with the user menu inside
the window (issue 9, item 20); tables as cards on a phone (item 21)."""

import pytest
from playwright.sync_api import expect

from tests.factories import AdministratorFactory, CentreHeadFactory
from tests.helpers import sign_in_browser

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
    MENU_ROLES[role](almaly)
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in_browser(page, "head" if role == "centre_head" else "admin", next_url=f"/{language}/centres/")

    expect(page.locator("#main-menu")).to_be_visible()  # open, not folded behind the toggler
    items = boxes(page, ".otbasy-navbar .navbar-brand, #main-menu > ul > .nav-item, #main-menu > form")
    assert len(items) >= 5
    assert max(item["top"] for item in items) < min(item["bottom"] for item in items), f"the menu wraps: {items}"
    assert max(item["height"] for item in items) < 50, f"an entry wraps: {items}"
    assert max(item["right"] for item in items) <= 1280, f"past the edge: {items}"

    page.get_by_test_id("user-menu").click()
    menu = page.locator(".otbasy-navbar .dropdown-menu.show")
    expect(menu).to_be_visible()
    for box in boxes(page, ".otbasy-navbar .dropdown-menu.show, [data-testid=user-menu]"):
        assert 0 <= box["left"] and box["right"] <= 1280, f"cut off at the edge: {box}"
