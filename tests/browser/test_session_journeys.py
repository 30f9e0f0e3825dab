import pytest

from tests.factories import RegistrarFactory
from tests.helpers import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_today_pages_refresh_reaches_the_server_marked_as_a_background_request(page, almaly):
    RegistrarFactory(centre=almaly, username="asel")
    sign_in_browser(page, "asel")
    page.goto("/kk/families/today/")

    # The same element and request as the 60-second poll, without waiting a minute for it.
    with page.expect_request(
        lambda request: request.url.endswith("/kk/families/today/") and "hx-request" in request.headers
    ) as poll:
        page.evaluate("htmx.trigger(document.body, 'visitsChanged')")

    assert poll.value.headers["x-background-poll"] == "true"
