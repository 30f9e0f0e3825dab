import pytest
from playwright.sync_api import expect

from families.models import VisitPurpose
from families.services import visit_check_in
from tests.factories import RegistrarFactory
from tests.families.factories import FamilyFactory
from tests.helpers import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def is_htmx_request_to(path: str):
    return lambda request: request.url.endswith(path) and "hx-request" in request.headers


def test_the_today_pages_refresh_is_marked_as_background_and_her_own_clicks_are_not(page, almaly):
    registrar = RegistrarFactory(centre=almaly, username="asel")
    visit = visit_check_in(actor=registrar, family=FamilyFactory(registrar=registrar), purposes=VisitPurpose.objects.all()[:1])
    sign_in_browser(page, "asel")
    page.clock.install()  # the page's timers run on a clock the test moves
    page.goto("/kk/families/today/")

    with page.expect_request(is_htmx_request_to("/kk/families/today/")) as poll:
        page.clock.run_for("01:01")  # the 60-second poll
    assert poll.value.headers["x-background-poll"] == "true"
    poll.value.response()
    expect(page.locator("#visits")).to_have_count(1)  # the list was replaced, not nested
    expect(page.locator("#visits")).to_contain_text(visit.family.mother.full_name)

    with page.expect_request(is_htmx_request_to(f"/kk/families/visits/{visit.pk}/serve/")) as click:
        page.get_by_role("link", name="Қызмет көрсетілді").click()
    assert "x-background-poll" not in click.value.headers
