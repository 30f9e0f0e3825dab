from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from core.extensions import contributions
from core.scoping import has_role
from tests import factories
from tests import url_matrix as matrix
from tests.helpers import kept_for_the_module

pytestmark = pytest.mark.django_db

CENTRE_STAFF = [
    factories.RegistrarFactory,
    factories.SpecialistFactory,
    factories.CentreHeadFactory,
    factories.GrantOfficerFactory,
]
OTHERS = [
    factories.DistrictOfficialFactory,
    factories.CityOfficialFactory,
    factories.AdministratorFactory,
    factories.MotherUserFactory,
]


@pytest.mark.parametrize("factory", CENTRE_STAFF + OTHERS, ids=lambda f: f.__name__)
def test_each_role_sees_the_menu_entries_it_may_open_and_they_open(client, almaly, factory):
    if factory in CENTRE_STAFF:
        user = factory(centre=almaly)
    elif factory is factories.DistrictOfficialFactory:
        user = factory(district=almaly.district)
    else:
        user = factory()
    client.force_login(user)
    menu = client.get("/kk/").content.decode().split("</nav>")[0]

    # A page may be an entry of several roles' menus, at a different place in each.
    roles_of: dict[str, frozenset] = {}
    for item in contributions("menu"):
        roles_of[item.url_name] = roles_of.get(item.url_name, frozenset()) | item.roles
    for url_name, roles in roles_of.items():
        with translation.override("kk"):
            url = reverse(url_name)
        link = f'href="{url}"'
        if has_role(user, roles):
            assert link in menu, url_name
            assert client.get(url).status_code == 200, url_name
        else:
            assert link not in menu, url_name


def test_signed_out_visitors_see_no_staff_menu(client):
    menu = client.get("/kk/").content.decode().split("</nav>")[0]
    for item in contributions("menu"):
        with translation.override("kk"):
            assert f'href="{reverse(item.url_name)}"' not in menu


# --- Every link of every menu and tab bar, on every page each role can open -----------------------
#
# The test above reads the main menu of the home page only, and only the entries apps contribute
# (core.extensions.MenuItem): the section tabs of the registry were written into its templates and
# shown on its own pages, so no test looked at them, and the grant officer's "Overdue referrals" tab
# answered 403. This one opens, as every persona of the URL matrix, every page the matrix says she
# gets (200), and follows every link inside a <nav>, a navbar or a tab bar (class "nav").


class _MenuLinks(HTMLParser):
    """The hrefs of the links inside <nav>, role="navigation"/"tablist", or class "nav"/"navbar-nav"."""

    MENU_CLASSES = frozenset({"nav", "navbar-nav", "dropdown-menu"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        menu = (
            tag == "nav"
            or attributes.get("role") in ("navigation", "tablist")
            or bool(self.MENU_CLASSES & set((attributes.get("class") or "").split()))
        )
        inside = any(self.stack) or menu
        if tag == "a" and inside and (attributes.get("href") or "").startswith("/"):
            self.links.append(attributes["href"])
        if tag not in VOID_ELEMENTS:
            self.stack.append(menu)

    def handle_endtag(self, tag):
        if tag not in VOID_ELEMENTS and self.stack:
            self.stack.pop()


VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def menu_links(html: str) -> list[str]:
    parser = _MenuLinks()
    parser.feed(html)
    return parser.links


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The URL matrix's world (tests/url_matrix.py), built once and rolled back at the end."""
    media = str(tmp_path_factory.mktemp("media"))
    with kept_for_the_module(django_db_blocker), override_settings(MEDIA_ROOT=media), matrix.quiet_refusals():
        yield matrix.build_world()


def open_as(world, persona, url: str):
    client = Client(raise_request_exception=False)
    if persona.name in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[persona.name]
    with transaction.atomic():
        response = client.get(url)
        # A download holds its file open until read to the end (see tests/url_matrix.py).
        content = b"".join(response.streaming_content) if response.streaming else response.content
        transaction.set_rollback(True)
    return response.status_code, response.get("Content-Type", ""), content.decode(errors="replace")


def pages_for(world, persona) -> list[str]:
    """Every page the URL matrix says the persona opens (GET, not htmx: 200)."""
    return [
        matrix.url_of(world, name, case)
        for name, (_label, cases) in matrix.expectations().items()
        for case in cases
        if case.access("GET", htmx=False).outcome(persona) == 200
    ]


@pytest.mark.parametrize("persona", matrix.PERSONAS, ids=lambda persona: persona.name)
def test_every_link_of_every_menu_and_tab_bar_on_the_pages_a_role_opens_answers_200(world, persona):
    answers: dict[str, int] = {}
    problems = []
    for page in pages_for(world, persona):
        status, content_type, html = open_as(world, persona, page)
        assert status == 200, page
        if not content_type.startswith("text/html"):
            continue  # a download
        for link in menu_links(html):
            if link not in answers:
                answers[link] = open_as(world, persona, link)[0]
            if answers[link] != 200:
                problems.append(f"{page} links to {link}, which answers {answers[link]}")
    assert answers, "no page had a menu"
    assert problems == [], "\n".join(problems)


def test_entries_past_the_bar_go_under_more_and_the_first_ones_stay_on_the_bar(almaly, many_entries):
    from core.extensions import MENU_ON_BAR, menu_for, menu_on_bar

    head = factories.CentreHeadFactory(centre=almaly)
    every = menu_for(head)
    on_bar, more = menu_on_bar(head)
    assert on_bar + more == every and len(every) > MENU_ON_BAR + 1
    assert on_bar == every[:MENU_ON_BAR]
    assert [item.label for item in more][-7:] == [f"Extra {n}" for n in range(7)]


def test_a_single_entry_past_the_bar_stays_on_it_rather_than_alone_under_more(almaly, monkeypatch):
    from core import extensions
    from core.extensions import MENU_ON_BAR, MenuItem, menu_on_bar
    from core.roles import Role

    entries = [MenuItem(f"Entry {n}", "home", frozenset({Role.CENTRE_HEAD}), order=n) for n in range(MENU_ON_BAR + 1)]
    monkeypatch.setattr(extensions, "contributions", lambda attribute: entries if attribute == "menu" else [])
    assert menu_on_bar(factories.CentreHeadFactory(centre=almaly)) == (entries, [])


def test_the_entries_under_more_are_links_in_the_main_menu(client, almaly, many_entries):
    client.force_login(factories.CentreHeadFactory(centre=almaly))
    menu = client.get("/kk/").content.decode().split("</nav>")[0]
    more = menu.split('data-testid="menu-more"')[1]
    assert "Extra 0" in more and "Extra 6" in more
    assert "Extra 0" not in menu.split('data-testid="menu-more"')[0]
