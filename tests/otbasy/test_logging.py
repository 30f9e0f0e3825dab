import logging

import pytest

from tests.factories import MotherUserFactory

pytestmark = pytest.mark.django_db


def test_a_403_is_logged_as_one_line_without_a_traceback(client, caplog):
    client.force_login(MotherUserFactory())
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get("/kk/centres/").status_code == 403
    [record] = [record for record in caplog.records if record.name == "django.request"]
    assert record.getMessage() == "Forbidden (Permission denied): /kk/centres/"
    assert record.exc_info is None
    assert "Traceback" not in caplog.text


def test_a_500_keeps_its_traceback(client, caplog, settings):
    settings.ROOT_URLCONF = "tests.otbasy.crash_urls"
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        assert client.get("/kk/crash/").status_code == 500
    assert "Traceback" in caplog.text
