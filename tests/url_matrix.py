"""The URL × role matrix (``tests/test_url_matrix.py``): what it walks, whom it asks, and how an app
writes its expectations.

Every named URL of the URL configuration is requested by every persona below, GET and POST (an empty
form), each with and without ``HX-Request``, and the answer must be exactly the expected one, never a
500. An app keeps its expectations next to its other tests, in ``tests/<app>/url_matrix.py``:

- ``URLS``: for each of the app's URL names, a ``Case`` (or a list of them, such as a valid and a
  forged token) saying how to build the URL from the ``World`` and what each persona gets: an
  ``Access`` per method. ``"<namespace>:*"`` covers a namespace as a whole (the Django admin only,
  whose pages are Django's): the case then names the one page it requests.
- ``populate(world)`` (optional): adds the app's objects to the world (``world.family = ...``), all of
  them at the home centre or for its district. It runs once per test module, in INSTALLED_APPS order.

The app a URL belongs to is the app whose ``urls`` module declares it (``otbasy`` for the project's
own URLs). A named URL no file knows fails the matrix with the file to add it to.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.module_loading import import_string

from accounts.middleware import SESSION_KEY as STAFF_LAST_SEEN
from core.extensions import contributions
from core.roles import Role, Specialty
from tests import factories

TESTS = Path(__file__).resolve().parent
LANGUAGE = "kk"
HTMX = {"HX-Request": "true"}


# --- Who asks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Persona:
    """One user the matrix signs in as (``role`` None: anonymous). ``sees_home`` says whether the
    world's records are inside her scope: staff and the official of the home district, the city, and
    the mother whose family the world's family is; not those of the other district."""

    name: str
    role: str | None
    sees_home: bool
    make: Callable[[World], Any] | None = None


def _at(factory, place: str, **extra) -> Callable[[World], Any]:
    return lambda world: factory(centre=getattr(world, place), **extra)


PERSONAS = [
    Persona("anonymous", None, False),
    Persona("registrar", Role.REGISTRAR, True, _at(factories.RegistrarFactory, "home")),
    Persona("registrar_elsewhere", Role.REGISTRAR, False, _at(factories.RegistrarFactory, "away")),
    # The three specialties have the same rights today: one asks here, and tests/test_url_matrix.py
    # shows that the other two (SPECIALTY_TWINS) get exactly her answers.
    Persona("specialist", Role.SPECIALIST, True, _at(factories.SpecialistFactory, "home", specialty=Specialty.LAWYER)),
    Persona("specialist_elsewhere", Role.SPECIALIST, False, _at(factories.SpecialistFactory, "away")),
    Persona("centre_head", Role.CENTRE_HEAD, True, _at(factories.CentreHeadFactory, "home")),
    Persona("centre_head_elsewhere", Role.CENTRE_HEAD, False, _at(factories.CentreHeadFactory, "away")),
    Persona("grant_officer", Role.GRANT_OFFICER, True, _at(factories.GrantOfficerFactory, "home")),
    Persona("grant_officer_elsewhere", Role.GRANT_OFFICER, False, _at(factories.GrantOfficerFactory, "away")),
    Persona(
        "district_official",
        Role.DISTRICT_OFFICIAL,
        True,
        lambda world: factories.DistrictOfficialFactory(district=world.home.district),
    ),
    Persona(
        "district_official_elsewhere",
        Role.DISTRICT_OFFICIAL,
        False,
        lambda world: factories.DistrictOfficialFactory(district=world.away.district),
    ),
    Persona("city_official", Role.CITY_OFFICIAL, True, lambda world: factories.CityOfficialFactory()),
    # City-wide grant panels with no centre and no district: they see only the grant applications put
    # before them (tests/grants/url_matrix.py assigns the world's application to this reviewer and puts
    # its round at the decision stage), never a family file.
    Persona("grant_reviewer", Role.GRANT_REVIEWER, True, lambda world: factories.GrantReviewerFactory()),
    Persona("commission_member", Role.COMMISSION_MEMBER, True, lambda world: factories.CommissionMemberFactory()),
    Persona("administrator", Role.ADMINISTRATOR, True, lambda world: factories.AdministratorFactory()),
    # The world's family gets this account as its mother_account (tests/families/url_matrix.py).
    Persona("mother", Role.MOTHER, True, lambda world: factories.MotherUserFactory()),
    Persona("mother_without_family", Role.MOTHER, False, lambda world: factories.MotherUserFactory()),
]


SPECIALTY_TWINS = [
    Persona("psychologist", Role.SPECIALIST, True, _at(factories.SpecialistFactory, "home", specialty=Specialty.PSYCHOLOGIST)),
    Persona(
        "employment_adviser", Role.SPECIALIST, True, _at(factories.SpecialistFactory, "home", specialty=Specialty.EMPLOYMENT)
    ),
]


# --- What they get --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Redirect:
    """A redirect to ``to``: a URL name (reversed without arguments in the matrix's language) or a
    function of the world returning the URL."""

    to: str | Callable[[World], str]

    def url(self, world: World) -> str:
        if callable(self.to):
            return self.to(world)
        with translation.override(LANGUAGE):
            return reverse(self.to)


@dataclass(frozen=True)
class ToLogin:
    """A redirect to a sign-in page (the portal's, or the admin's) that comes back to the page asked."""

    login_url_name: str = settings.LOGIN_URL


LOGIN = ToLogin()
ADMIN_LOGIN = ToLogin("admin:login")
Outcome = int | Redirect | ToLogin


@dataclass(frozen=True)
class Access:
    """Who may use a URL with one method, and what they get.

    Roles outside ``roles`` get ``forbidden`` (403); with ``scoped``, the URL names a record of the home
    district, so the allowed roles of the other district (and a mother whose record it is not) get 404
    instead of ``ok``; a ``personal`` record is outside an administrator's scope too (she sees reference
    data only). Anonymous visitors get ``anonymous``."""

    roles: frozenset[str]
    ok: Outcome = 200
    scoped: bool = False
    anonymous: Outcome = LOGIN
    forbidden: Outcome = 403
    personal: bool = False

    def outcome(self, persona: Persona) -> Outcome:
        if persona.role is None:
            return self.anonymous
        if persona.role not in self.roles:
            return self.forbidden
        if (self.scoped and not persona.sees_home) or (self.personal and persona.role == Role.ADMINISTRATOR):
            return 404
        return self.ok


EVERY_ROLE = frozenset(Role)


def everyone(outcome: Outcome) -> Access:
    """The same answer for every persona, signed in or not (a public page; 405 for a method a URL
    does not serve)."""
    return Access(EVERY_ROLE, ok=outcome, anonymous=outcome)


def signed_in(ok: Outcome = 200) -> Access:
    return Access(EVERY_ROLE, ok=ok)


@dataclass(frozen=True)
class Case:
    """One way to request a named URL (``args`` from the world) and what every persona gets.

    ``htmx_get`` / ``htmx_post`` are for views that answer htmx differently (a row swap answers the row
    where a plain POST redirects); by default htmx gets the same as a plain request."""

    get: Access
    post: Access
    args: Callable[[World], Sequence[Any]] = lambda world: ()
    htmx_get: Access | None = None
    htmx_post: Access | None = None
    label: str = ""
    url_name: str = ""  # for a "<namespace>:*" entry: the page requested

    def access(self, method: str, htmx: bool) -> Access:
        if method == "GET":
            return (self.htmx_get if htmx else None) or self.get
        return (self.htmx_post if htmx else None) or self.post


# --- The world ------------------------------------------------------------------------------------


class World:
    """The objects every URL is built from: two centres of two districts (``home`` holds the records,
    ``away`` is "another district"), one user per persona, and what each app's ``populate`` adds."""

    home: Any
    away: Any

    def __init__(self) -> None:
        self.users: dict[str, Any] = {}
        self.sessions: dict[str, str] = {}


def build_world() -> World:
    for function in contributions("reference_data"):  # a flushed database gets them back
        import_string(function)(apps, None)
    world = World()
    world.home = factories.CentreFactory(district=factories.DistrictFactory(code="almaly"))
    world.away = factories.CentreFactory(district=factories.DistrictFactory(code="bostandyk"))
    for persona in PERSONAS + SPECIALTY_TWINS:
        if persona.make is not None:
            world.users[persona.name] = persona.make(world)
    for module in expectation_modules().values():
        if hasattr(module, "populate"):
            module.populate(world)
    for name, user in world.users.items():
        client = Client()
        client.force_login(user)
        session = client.session
        session[STAFF_LAST_SEEN] = time.time()  # so that requests do not write it (a minute's grace)
        session.save()
        world.sessions[name] = session.session_key
    return world


# --- The URL configuration and the expectation files ----------------------------------------------


@dataclass(frozen=True)
class NamedUrl:
    name: str  # "families:detail", or "home" outside any namespace
    owner: str  # the app whose urls module declares it
    namespace: str
    view_module: str


def _owner(urlconf: Any, parent: str) -> str:
    module = urlconf if isinstance(urlconf, str) else getattr(urlconf, "__name__", None)
    return module.split(".")[0] if module else parent


def walk_urls(resolver: URLResolver | None = None, namespace: str = "", owner: str = "") -> Iterator[NamedUrl | str]:
    """Every named URL, and (as a string) the route of every URL pattern without a name."""
    resolver = resolver or get_resolver()
    owner = owner or _owner(resolver.urlconf_name, "")
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from walk_urls(pattern, inner, _owner(pattern.urlconf_name, owner))
        elif isinstance(pattern, URLPattern):
            if pattern.name:
                name = ":".join(part for part in (namespace, pattern.name) if part)
                yield NamedUrl(name, owner, namespace, pattern.callback.__module__)
            elif not namespace.startswith("admin"):
                yield str(pattern.pattern)


def expectation_modules() -> dict[str, Any]:
    """``tests/<app>/url_matrix.py`` of every app that has one, in INSTALLED_APPS order."""
    order = {config.label: index for index, config in enumerate(apps.get_app_configs())}
    labels = sorted((path.parent.name for path in TESTS.glob("*/url_matrix.py")), key=lambda label: order.get(label, len(order)))
    return {label: importlib.import_module(f"tests.{label}.url_matrix") for label in labels}


def expectations() -> dict[str, tuple[str, list[Case]]]:
    """Every expectation: name → (the app whose file holds it, its cases)."""
    found: dict[str, tuple[str, list[Case]]] = {}
    for label, module in expectation_modules().items():
        for name, cases in module.URLS.items():
            if name in found:
                raise AssertionError(f"{name} has expectations in two files: tests/{found[name][0]} and tests/{label}")
            found[name] = (label, list(cases) if isinstance(cases, list | tuple) else [cases])
    return found


def where_to_add(url: NamedUrl) -> str:
    return (
        f"{url.name} is not in the URL matrix: add it to URLS in tests/{url.owner}/url_matrix.py "
        f"(how: the docstring of tests/url_matrix.py)"
    )


def subjects() -> list[str]:
    """What the matrix tests, one test each: every named URL, a namespace covered as a whole once."""
    known = expectations()
    seen: list[str] = []
    for url in walk_urls():
        if isinstance(url, str):
            continue
        whole = f"{url.namespace.split(':')[0]}:*"
        subject = whole if url.namespace and whole in known else url.name
        if subject not in seen:
            seen.append(subject)
    return seen


@contextmanager
def quiet_refusals() -> Iterator[None]:
    """Thousands of 403s and 404s are the point here: log only server errors (django.request)."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


# --- Asking ---------------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    location: str = ""
    error: str = ""
    hops: list[str] = field(default_factory=list)
    # An htmx request sent to another page answers 200 with HX-Redirect (the whole page goes there).
    client_redirect: bool = False


def ask(world: World, persona: Persona, method: str, url: str, *, htmx: bool, follow: bool = True) -> Answer:
    """One request as ``persona``, rolled back afterwards so that every request sees the same world.
    With ``follow``, a redirect is followed to the page it ends on, to catch a loop."""
    client = Client(raise_request_exception=False)
    if persona.name in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[persona.name]
    headers = HTMX if htmx else {}
    with transaction.atomic():
        response = client.get(url, headers=headers) if method == "GET" else client.post(url, {}, headers=headers)
        answer = _answer(response)
        if follow and 300 <= answer.status < 400:
            answer.hops = _follow(client, url, answer.location)
        transaction.set_rollback(True)
    return answer


def _answer(response) -> Answer:
    exc_info = getattr(response, "exc_info", None)
    error = f"{exc_info[0].__name__}: {exc_info[1]}" if exc_info else ""
    client_redirect = response.status_code == 200 and response.has_header("HX-Redirect")
    location = response.get("HX-Redirect", "") if client_redirect else response.get("Location", "")
    answer = Answer(response.status_code, location, error, client_redirect=client_redirect)
    if response.streaming:
        # A file download holds its file open until read to the end (the test client then closes it
        # as a WSGI server would; closing it here would close the database connection too).
        b"".join(response.streaming_content)
    return answer


def _follow(client: Client, start: str, location: str, limit: int = 5) -> list[str]:
    """The redirects after the first, until a page answers; a URL seen twice is a loop."""
    seen = [start]
    while location and len(seen) <= limit:
        if location.startswith(settings.STATIC_URL):
            return [*seen, location]  # a static file: the end of the way (and WhiteNoise's, not a page)
        if location in seen:
            return [*seen, location, "(loop)"]
        seen.append(location)
        response = client.get(location)
        location = _answer(response).location if 300 <= response.status_code < 400 else ""
    return seen if not location else [*seen, location, "(too many redirects)"]


def matches(world: World, expected: Outcome, answer: Answer, url: str) -> bool:
    if answer.status == 500 or (answer.hops and answer.hops[-1].startswith("(")):
        return False  # never a server error, never a redirect loop, whatever a file expects
    if isinstance(expected, int):
        return answer.status == expected and not answer.client_redirect
    if answer.status not in (301, 302, 303, 307, 308) and not answer.client_redirect:
        return False
    if isinstance(expected, ToLogin):
        with translation.override(LANGUAGE):
            login = reverse(expected.login_url_name)
        return answer.location == f"{login}?next={quote(url)}"
    return answer.location == expected.url(world)


def describe(expected: Outcome) -> str:
    if isinstance(expected, ToLogin):
        return f"a redirect to {expected.login_url_name}"
    if isinstance(expected, Redirect):
        return f"a redirect to {expected.to if isinstance(expected.to, str) else 'the page it names'}"
    return str(expected)


def url_of(world: World, name: str, case: Case) -> str:
    with translation.override(LANGUAGE):
        return reverse(case.url_name or name, args=case.args(world))


def describe_answer(answer: Answer) -> str:
    hops = answer.hops[1:] or ([answer.location] if answer.location else [])
    return " → ".join([str(answer.status), *hops]) + (f" ({answer.error})" if answer.error else "")


def check_case(world: World, name: str, case: Case, personas: Sequence[Persona] = PERSONAS) -> list[str]:
    """Every persona × GET/POST × plain/htmx: a line for each answer that is not the expected one."""
    url = url_of(world, name, case)
    label = f" ({case.label})" if case.label else ""
    problems = []
    for persona in personas:
        for method in ("GET", "POST"):
            for htmx in (False, True):
                expected = case.access(method, htmx).outcome(persona)
                # A sign-in page that comes back here is checked exactly, and answers itself in the matrix.
                answer = ask(world, persona, method, url, htmx=htmx, follow=not isinstance(expected, ToLogin))
                if not matches(world, expected, answer, url):
                    problems.append(
                        f"{method}{' htmx' if htmx else ''} {url}{label} as {persona.name}: "
                        f"expected {describe(expected)}, got {describe_answer(answer)}"
                    )
    return problems
