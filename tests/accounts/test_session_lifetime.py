"""Staff sessions end after a period without activity, and after an absolute lifetime; the "Today"
page's background poll is not activity."""

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone

from tests.factories import RegistrarFactory

pytestmark = pytest.mark.django_db

TODAY = "/kk/families/today/"
# What htmx sends for the poll of the "Today" page (hx-headers on the polling element).
POLL = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": f"http://testserver{TODAY}", "HTTP_X_BACKGROUND_POLL": "true"}


@pytest.fixture
def staff(client, settings):
    settings.STAFF_IDLE_TIMEOUT = dt.timedelta(minutes=2)
    client.force_login(RegistrarFactory())
    return client


def test_the_today_page_marks_its_poll_as_a_background_request(staff):
    page = staff.get(TODAY).content.decode()
    poller = re.search(r"<div[^>]*every 60s[^>]*>", page).group(0)
    assert "X-Background-Poll" in poller and 'hx-target="#visits"' in poller
    # The buttons inside the list are her own clicks: the list must not hand them the mark.
    assert "X-Background-Poll" not in re.search(r'<div id="visits"[^>]*>', page).group(0)


def test_a_session_that_only_polls_is_signed_out_after_the_idle_timeout(staff):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert staff.get(TODAY).status_code == 200
    answers = []
    for minute in range(1, 5):
        with time_machine.travel(start + dt.timedelta(minutes=minute), tick=False):
            answers.append("HX-Redirect" in staff.get(TODAY, **POLL))
    assert answers == [False, False, True, True]  # the poll at 3 minutes finds the session idle for 3
    assert "_auth_user_id" not in staff.session


def test_the_htmx_poll_of_a_signed_out_session_gets_a_client_redirect_to_the_login_page(staff):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        staff.get(TODAY)
    with time_machine.travel(start + dt.timedelta(minutes=5), tick=False):
        response = staff.get(TODAY, **POLL)
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/kk/accounts/login/?next={TODAY}"
    assert response.content == b""  # no fragment of the page (or of the login page) to swap in


def test_user_initiated_htmx_requests_still_count_as_activity(staff):
    start = timezone.now()
    for minute in (0, 90, 180, 270):
        with time_machine.travel(start + dt.timedelta(seconds=minute), tick=False):
            response = staff.get(TODAY, HTTP_HX_REQUEST="true")
        assert "HX-Redirect" not in response
    with time_machine.travel(start + dt.timedelta(seconds=270 + 90), tick=False):
        assert "HX-Redirect" not in staff.get(TODAY, HTTP_HX_REQUEST="true")


def test_a_session_older_than_the_absolute_lifetime_is_signed_out_even_if_active(client, settings):
    settings.STAFF_SESSION_LIFETIME = dt.timedelta(hours=2)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(RegistrarFactory())
    for minutes in range(20, 120, 20):  # active every 20 minutes, well within the idle timeout
        with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
            assert client.get("/kk/centres/").status_code == 200
    with time_machine.travel(start + dt.timedelta(hours=2, minutes=1), tick=False):
        response = client.get("/kk/centres/", follow=True)
    assert response.redirect_chain[0][0] == "/kk/accounts/login/?next=/kk/centres/"
    assert "_auth_user_id" not in client.session
    assert "ең көбі 2 сағатқа созылады" in response.content.decode()
