import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.cache import cache

from tests import factories

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def redis_url_of_worker(url: str, worker: str) -> str:
    """The same Redis server, a database of the xdist worker's own: gw0 the one below the run's, gw1 the
    one below that, and so on (wrapping round redis-server's 16). The run's own is left to what the
    tests start with the run's settings (a plain pytest that a test runs, say)."""
    match = re.fullmatch(r"(?P<server>rediss?://[^/]+)(?:/(?P<db>\d+))?", url)
    if match is None:
        raise ValueError(f"REDIS_URL {url!r} is not redis://host:port/db")
    return f"{match['server']}/{(int(match['db'] or 0) - 1 - int(worker.removeprefix('gw'))) % 16}"


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_setupnodes(config, specs):
    """Each of pytest-xdist's workers (``make test`` starts two) gets a Redis database of its own, as
    pytest-django gives each a PostgreSQL database of its own: every test starts by emptying the cache,
    which must not empty a neighbour's in the middle of its test. The variable is set in the worker's
    environment before it starts, since the settings read it before any conftest.py is loaded."""
    from django.conf import settings

    for spec in specs:
        spec.env["REDIS_URL"] = redis_url_of_worker(settings.REDIS_URL, spec.id)


@pytest.fixture(autouse=True)
def _clean_cache():
    """Every test starts with an empty cache (the test Redis database)."""
    cache.clear()
    # ...and no process-wide memo of a row an earlier test's rolled-back transaction made.
    from families.models.thresholds import forget_thresholds

    forget_thresholds()
    yield


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    """Every test starts with nothing in the locmem SMS backend's outbox."""
    from notifications import sms

    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def registrar(client, almaly):
    """A registrar of the Almaly centre, signed in on ``client``."""
    user = factories.RegistrarFactory(centre=almaly)
    client.force_login(user)
    return user


@pytest.fixture
def reference_data(transactional_db):
    """The rows the data migrations create (districts, visit purposes, thresholds, agencies, the consent
    text). A transactional test starts after the previous one flushed the database, so it puts them back."""
    from django.apps import apps
    from django.utils.module_loading import import_string

    from core.extensions import contributions

    for function in contributions("reference_data"):
        import_string(function)(apps, None)


@pytest.fixture
def almaly():
    return factories.CentreFactory(district=factories.DistrictFactory(code="almaly"))


@pytest.fixture
def bostandyk():
    return factories.CentreFactory(district=factories.DistrictFactory(code="bostandyk"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, *, up: bool, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                if up:
                    return
        except OSError:
            if not up:
                return
        time.sleep(0.05)
    raise TimeoutError(f"port {port} did not come {'up' if up else 'down'}")


class DisposableRedis:
    """A real redis-server of the test's own, which the test may stop and start again."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port, up=True)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
        wait_for_port(self.port, up=False)


@pytest.fixture
def disposable_redis():
    server = DisposableRedis()
    server.start()
    yield server
    server.stop()


class WorkerProcess:
    """A real `celery worker` process, on the test database and the given broker."""

    def __init__(self, *, database_url: str, broker_url: str, env: dict | None = None) -> None:
        env = (
            os.environ
            | {
                "DJANGO_ENV": "test",
                "CELERY_TASK_ALWAYS_EAGER": "false",
                "DATABASE_URL": database_url,
                "REDIS_URL": broker_url,
            }
            | (env or {})
        )
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "otbasy",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "-n",
                f"test-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.output: list[str] = []
        self._ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if not self._ready.wait(timeout=60):
            self.stop()
            raise RuntimeError("the worker did not start:\n" + "".join(self.output))

    def _read(self) -> None:
        for line in self.process.stdout:
            self.output.append(line)
            if " ready." in line:
                self._ready.set()

    def kill(self) -> None:
        """Dies at once, as a worker does when its machine fails (nothing acknowledged, nothing cleaned up)."""
        self.process.kill()
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=10)
        self.process.stdout.close()


def database_url_of_test_db() -> str:
    from django.db import connection

    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def start_worker(transactional_db):
    """Starts real worker processes on the test database; stops them after the test.

    Mark the test ``django_db(transaction=True)`` like every transactional test."""
    workers: list[WorkerProcess] = []

    def start(broker_url: str | None = None, **env: str) -> WorkerProcess:
        from django.conf import settings

        worker = WorkerProcess(database_url=database_url_of_test_db(), broker_url=broker_url or settings.REDIS_URL, env=env)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


def use_broker(app, url: str) -> None:
    """Points this process's Celery app at another broker, dropping its cached connections.

    kombu keeps connection and producer pools in a global registry keyed by broker; resetting the
    registry (not just closing the app's pool, which the registry would hand back closed) is what
    makes the next publish open a fresh connection."""
    from kombu import pools

    app.conf.broker_url = url
    pools.reset()
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


@pytest.fixture
def not_eager():
    """Tasks go through the broker instead of running inline."""
    from django.conf import settings

    from otbasy.celery import app

    was = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager = was
    use_broker(app, settings.CELERY_BROKER_URL)


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API keeps an event loop in the test thread; the ORM calls the live server's
    # setup makes from the same thread are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_locale():
    """The browser's language (its Accept-Language); a test overrides it with
    ``@pytest.mark.parametrize("browser_locale", ["ru-RU"])``."""
    return "kk-KZ"


@pytest.fixture
def page(browser, live_server, reference_data, browser_locale):
    """A fresh browser tab on the live server; fails the test if the page broke its CSP or threw, or
    if axe-core found a serious or critical accessibility problem on any page it showed
    (tests/accessibility.py). Animations are off (``prefers-reduced-motion``), as people who ask get."""
    from tests.accessibility import AxeWatch

    context = browser.new_context(base_url=live_server.url, locale=browser_locale, reduced_motion="reduce")
    page = context.new_page()
    problems: list[str] = []

    def on_console(message):
        # An invalid form answers 400 on purpose (the modal pattern); the browser logs that as an error.
        # What the page's CSP refuses to axe-core itself is the test harness's, not the page's, doing.
        harness = message.location.get("url", "").endswith("/vendor/axe-core/axe.min.js")
        if message.type == "error" and "status of 400" not in message.text and not harness:
            problems.append(f"{message.text} at {message.location}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    axe = AxeWatch(page)
    yield page
    accessibility = axe.finish()
    context.close()
    assert problems == [], "\n".join(problems)
    if accessibility:
        pytest.fail("axe-core found accessibility problems:\n" + "\n".join(accessibility), pytrace=False)


@pytest.fixture
def many_entries(monkeypatch):
    """Seven more entries for the centre head, as the apps to come will add."""
    from core import extensions
    from core.extensions import MenuItem
    from core.roles import Role

    known = extensions.contributions

    def contributions(attribute):
        found = known(attribute)
        if attribute == "menu":
            extra = [MenuItem(f"Extra {n}", "home", frozenset({Role.CENTRE_HEAD}), order=200 + n) for n in range(7)]
            return found + extra
        return found

    monkeypatch.setattr(extensions, "contributions", contributions)
