"""IINs and phone numbers never reach a log (issue 9, item 6): a day of searches through a real gunicorn
with the portal's gunicorn.conf.py, then every line of its access log, its error log and Django's own
log is read for them."""

import logging
import re
import subprocess
import sys

import pytest
import requests

from otbasy.logfilters import NoPersonalNumbers, without_numbers
from tests.conftest import ROOT, database_url_of_test_db, free_port, wait_for_port
from tests.factories import PASSWORD, RegistrarFactory
from tests.families.factories import FamilyFactory
from tests.helpers import clean_environment


@pytest.mark.parametrize(
    "text",
    [
        "IIN 900804414124",
        "8 701 123 45 67",
        "+7 (701) 123-45-67",
        "87011234567",
        "/kk/families/?q=%2B77011234567",
        "q=8+701+123+45+67",
        "Key (iin)=(900804414124) already exists.",
    ],
)
def test_an_iin_or_a_phone_in_any_common_form_is_masked(text):
    assert not re.search(r"\d{4}", without_numbers(text).replace("(iin)", ""))


@pytest.mark.parametrize("text", ["/kk/families/99996/", "2026-12-01 22:40:12", "took 1234 ms", "pid 123456"])
def test_ids_dates_and_durations_are_left_as_they_are(text):
    assert without_numbers(text) == text


def test_the_filter_masks_the_message_its_arguments_and_a_traceback():
    try:
        raise ValueError("duplicate key: iin=900804414124")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "Simulated SMS to %s", ("+77011234567",), sys.exc_info())

    assert NoPersonalNumbers().filter(record)

    shown = logging.Formatter().format(record)
    assert "77011234567" not in shown and "900804414124" not in shown
    assert "Simulated SMS to [number]" in shown and "ValueError: duplicate key: iin=[number]" in shown


class Served:
    """gunicorn as docker-compose starts it (its access log on), logging everything it and Django say."""

    def __init__(self, tmp_path, env: dict) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.files = [tmp_path / "access.log", tmp_path / "error.log", tmp_path / "output.log"]
        with self.files[2].open("w") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "otbasy.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
                + ["--access-logfile", str(self.files[0]), "--error-logfile", str(self.files[1]), "--log-level", "debug"],
                cwd=ROOT,
                env=clean_environment() | env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        wait_for_port(port, up=True, timeout=60)

    def stop(self) -> str:
        """Stops gunicorn and returns all it logged."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        return "\n".join(path.read_text() for path in self.files if path.exists())


@pytest.fixture
def served(reference_data, settings, tmp_path):
    server = Served(
        tmp_path,
        {
            # The test profile: its password hasher is the one the factories used (logging is the same in all).
            "DJANGO_ENV": "test",
            "DEBUG": "false",
            "LOG_LEVEL": "DEBUG",
            "DATABASE_URL": database_url_of_test_db(),
            "REDIS_URL": settings.REDIS_URL,
        },
    )
    yield server
    print(server.stop())  # shown by pytest when the test failed


def test_a_day_of_searches_leaves_no_iin_or_phone_in_any_log(served, almaly):
    registrar = RegistrarFactory(centre=almaly)
    family = FamilyFactory(registrar=registrar, phone="+77015551234")
    iin = family.mother.iin
    session = requests.Session()
    base = served.url + "/kk"
    session.get(f"{base}/accounts/login/", timeout=30)
    token = session.cookies["csrftoken"]
    signed_in = session.post(
        f"{base}/accounts/login/",
        {"username": registrar.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=30,
    )
    assert signed_in.status_code == 200 and "/accounts/login/" not in signed_in.url
    token = session.cookies["csrftoken"]
    searches = [iin, iin[:6], "8 701 555 12 34", "+77015551234", "5551234", family.mother.last_name]

    for text in searches:  # by the search form (POST), as the page sends them
        found = session.post(f"{base}/families/", {"q": text}, headers={"X-CSRFToken": token, "HX-Request": "true"}, timeout=30)
        assert found.status_code == 200 and family.mother.last_name in found.text, text
    # ...and typed into the address bar, sent from a page whose address held one, or as a path.
    session.get(f"{base}/families/", params={"q": iin}, headers={"Referer": f"{base}/families/?q={iin}"}, timeout=30)
    assert session.get(f"{base}/families/{iin}/", timeout=30).status_code == 404

    logs = served.stop()
    assert "POST /kk/families/" in logs and "Not Found" in logs  # the logs were written...
    digits = re.sub(r"\D", "", logs)
    for secret in (iin, "77015551234", "87015551234", "7015551234"):
        assert secret not in digits  # ...with no IIN or phone, whatever separated their digits
