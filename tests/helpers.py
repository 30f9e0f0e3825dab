"""Helpers shared by tests of every app (fixtures live in conftest.py)."""

import contextlib
import os
import re
import time
from binascii import unhexlify

from django.db import transaction
from django_otp.oath import TOTP

from tests.factories import PASSWORD

# Test values for every variable the production profile requires.
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "x7#p2v!q9z@m4k$w8r^t6y&u1i*o0p-a3s5d7f9g2h4j6k8l0z1x3c5v7b9n",
    "ALLOWED_HOSTS": "otbasy.almaty.kz",
    "DATABASE_URL": "postgres://otbasy@db:5432/otbasy",
    "REDIS_URL": "redis://redis:6379/0",
    "PORTAL_URL": "https://otbasy.almaty.kz",
    "SMS_BACKEND": "smsc",
    "SMSC_LOGIN": "otbasy",
    "SMSC_PASSWORD": "secret",
}


@contextlib.contextmanager
def kept_for_the_module(django_db_blocker):
    """Rows made once for a module's tests (in a fixture of ``scope="module"`` that asks for
    ``django_db_setup`` and ``django_db_blocker``), in a transaction rolled back at the module's end.
    Each test's own transaction is a savepoint inside it, rolled back after the test, so every test
    sees the same rows. Not for a module with transactional tests: they would flush the rows."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def clean_environment() -> dict:
    """The environment of this test run without the variables each case sets for itself."""
    own = {"DATABASE_URL", "REDIS_URL", "DJANGO_ENV", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {k: v for k, v in os.environ.items() if k not in own}


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


def totp_code(device_or_key, *, at: float | None = None) -> str:
    """The six digits an authenticator app shows for a device (or a hex secret) at ``at`` (by default
    now: the clock time_machine may have moved)."""
    generator = TOTP(unhexlify(getattr(device_or_key, "key", device_or_key)))
    generator.time = time.time() if at is None else at
    return f"{generator.token():06d}"
